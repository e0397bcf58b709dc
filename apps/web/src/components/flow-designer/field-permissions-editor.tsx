import { Button, Radio } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import { isDerivedField, valueFields } from '../../lib/field-kinds';
import { FIELD_PERMISSIONS, permissionOf, setAllPermissions, setPermission, type PermissionScope } from '../../lib/flow-designer/field-permissions';
import type { FieldPermission, FieldPermissions } from '../../lib/flow-designer/types';
import { labelText } from '../../lib/label-text';

type Props = {
  value: FieldPermissions | undefined;
  onChange: (permissions: FieldPermissions | undefined) => void;
  fields: readonly FieldDefinition[];
  scope: PermissionScope;
  /** The permissions that make sense here (a cc recipient never edits). */
  options?: readonly FieldPermission[];
};

/** One row per form field: hidden / read-only / editable / required. */
export function FieldPermissionsEditor({ value, onChange, fields, scope, options = FIELD_PERMISSIONS }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = valueFields(fields);
  const keys = rows.map((field) => field.key);
  if (rows.length === 0) return <div className="fd-muted">{t('flowDesigner.permissions.noForm')}</div>;
  return (
    <div className="fd-perms" data-testid="field-permissions">
      <div className="fd-perms__row fd-perms__row--head" style={{ gridTemplateColumns: `minmax(0, 1fr) repeat(${options.length}, 64px)` }}>
        <span>{t('flowDesigner.permissions.field')}</span>
        {options.map((permission) => (
          <Button
            key={permission}
            type="link"
            size="small"
            className="fd-perms__all"
            title={t('flowDesigner.permissions.setAll')}
            onClick={() => onChange(setAllPermissions(keys, permission, scope))}
          >
            {t(`flowDesigner.permissions.${permission}`)}
          </Button>
        ))}
      </div>
      {rows.map((field) => {
        const current = permissionOf(value, field.key, scope);
        const label = labelText(field.label, locale) || field.key;
        return (
          <Radio.Group
            key={field.key}
            className="fd-perms__row"
            style={{ gridTemplateColumns: `minmax(0, 1fr) repeat(${options.length}, 64px)` }}
            value={current}
            aria-label={label}
            onChange={(event) => onChange(setPermission(value, keys, field.key, event.target.value as FieldPermission, scope))}
          >
            <span className="fd-perms__label">{label}</span>
            {options.map((permission) => (
              <Radio
                key={permission}
                value={permission}
                // Computed fields are never written by people.
                disabled={(permission === 'editable' || permission === 'required') && isDerivedField(field)}
                aria-label={`${label}: ${t(`flowDesigner.permissions.${permission}`)}`}
                data-testid={`perm-${field.key}-${permission}`}
              />
            ))}
          </Radio.Group>
        );
      })}
      {scope === 'start' && value !== undefined && (
        <Button type="link" size="small" className="fd-perms__reset" onClick={() => onChange(undefined)}>
          {t('flowDesigner.permissions.reset')}
        </Button>
      )}
    </div>
  );
}
