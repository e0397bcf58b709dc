import { Button, Dropdown, InputNumber, Select } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { useRoles } from '../../hooks/use-admin-lookups';
import { useLocale } from '../../hooks/use-locale';
import type { ApproverSource, ApproverSourceType } from '../../lib/flow-designer/types';
import { labelText } from '../../lib/label-text';
import { UserSelect } from '../admin/user-select';

export const ALL_SOURCES: readonly ApproverSourceType[] = ['users', 'roles', 'manager', 'departmentHead', 'field', 'initiator', 'initiatorPicks'];

/** Record fields that name people or departments (the `field` source). */
const MEMBER_FIELD_TYPES = new Set(['member', 'members', 'department', 'departments']);

export function newSource(type: ApproverSourceType): ApproverSource {
  switch (type) {
    case 'users': return { source: 'users', userIds: [] };
    case 'roles': return { source: 'roles', roleIds: [] };
    case 'manager': return { source: 'manager', level: 1 };
    case 'departmentHead': return { source: 'departmentHead', level: 1 };
    case 'field': return { source: 'field', fieldKey: '' };
    case 'initiator': return { source: 'initiator' };
    case 'initiatorPicks': return { source: 'initiatorPicks' };
  }
}

type Props = {
  value: readonly ApproverSource[];
  onChange: (sources: ApproverSource[]) => void;
  fields: readonly FieldDefinition[];
  allowed?: readonly ApproverSourceType[];
  addLabel: string;
  testId: string;
};

/** A list of user sources (指定成员, 角色, 直属上级, 部门负责人, 表单成员字段, 发起人自己, 发起人自选). */
export function SourceEditor({ value, onChange, fields, allowed = ALL_SOURCES, addLabel, testId }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { roles } = useRoles();
  const memberFields = fields.filter((field) => MEMBER_FIELD_TYPES.has(field.type));
  // One row per kind, except form fields (several fields may each name approvers).
  const present = new Set(value.map((source) => source.source));
  const addable = allowed.filter((type) => type === 'field' || !present.has(type));

  const replace = (index: number, next: ApproverSource) => onChange(value.map((source, i) => (i === index ? next : source)));
  const remove = (index: number) => onChange(value.filter((_, i) => i !== index));

  const levelInput = (source: ApproverSource & { level?: number }, index: number) => (
    <span className="fd-source__level">
      <span>{t('flowDesigner.source.levelPrefix')}</span>
      <InputNumber
        min={1}
        max={20}
        precision={0}
        size="small"
        value={source.level ?? 1}
        aria-label={t('flowDesigner.source.level')}
        data-testid={`source-${source.source}-level`}
        onChange={(level) => replace(index, { ...source, level: level ?? 1 } as ApproverSource)}
      />
      <span>{t('flowDesigner.source.levelSuffix')}</span>
    </span>
  );

  return (
    <div className="fd-sources" data-testid={testId}>
      {value.length === 0 && <div className="fd-muted">{t('flowDesigner.source.none')}</div>}
      {value.map((source, index) => (
        <div className="fd-source" key={`${source.source}-${index}`} data-testid="source-row" data-source={source.source}>
          <div className="fd-source__head">
            <span className="fd-source__type">{t(`flowDesigner.source.${source.source}`)}</span>
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined />}
              aria-label={t('flowDesigner.source.remove')}
              title={t('flowDesigner.source.remove')}
              data-testid="source-remove"
              onClick={() => remove(index)}
            />
          </div>
          {source.source === 'users' && (
            <div data-testid="source-users">
              <UserSelect
                mode="multiple"
                className="fd-full"
                aria-label={t('flowDesigner.source.users')}
                placeholder={t('flowDesigner.source.pickUsers')}
                value={source.userIds}
                disableInactive
                onChange={(userIds) => replace(index, { source: 'users', userIds })}
              />
            </div>
          )}
          {source.source === 'roles' && (
            <Select<string[]>
              mode="multiple"
              className="fd-full"
              aria-label={t('flowDesigner.source.roles')}
              placeholder={t('flowDesigner.source.pickRoles')}
              data-testid="source-roles"
              value={source.roleIds}
              showSearch={{ optionFilterProp: 'label' }}
              options={[
                ...roles.map((role) => ({ value: role.id, label: role.name })),
                // Ids the role list does not know (deleted roles) still show, so they can be removed.
                ...source.roleIds.filter((id) => !roles.some((role) => role.id === id)).map((id) => ({ value: id, label: id })),
              ]}
              onChange={(roleIds) => replace(index, { source: 'roles', roleIds })}
            />
          )}
          {(source.source === 'manager' || source.source === 'departmentHead') && levelInput(source, index)}
          {source.source === 'field' && (
            <Select<string>
              className="fd-full"
              aria-label={t('flowDesigner.source.field')}
              placeholder={t('flowDesigner.source.pickField')}
              data-testid="source-field"
              value={source.fieldKey || undefined}
              options={memberFields.map((field) => ({ value: field.key, label: labelText(field.label, locale) || field.key }))}
              notFoundContent={t('flowDesigner.source.noMemberFields')}
              onChange={(fieldKey) => replace(index, { source: 'field', fieldKey })}
            />
          )}
          {(source.source === 'initiator' || source.source === 'initiatorPicks') && (
            <div className="fd-muted">{t(`flowDesigner.source.${source.source}Hint`)}</div>
          )}
        </div>
      ))}
      {addable.length > 0 && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: addable.map((type) => ({ key: type, label: <span data-testid={`source-add-${type}`}>{t(`flowDesigner.source.${type}`)}</span> })),
            onClick: ({ key }) => onChange([...value, newSource(key as ApproverSourceType)]),
          }}
        >
          <Button icon={<PlusOutlined />} data-testid="source-add">{addLabel}</Button>
        </Dropdown>
      )}
    </div>
  );
}
