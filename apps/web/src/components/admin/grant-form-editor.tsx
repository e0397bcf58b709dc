import { useMemo } from 'react';
import { Alert, Button, Card, Checkbox, Input, Select, Table, Tooltip, type TableColumnsType } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import type { FormMeta } from '../../api/types';
import { labelText } from '../../lib/label-text';
import { valueFields } from '../../lib/field-kinds';
import {
  GRANT_ACTION_LIST, SCOPE_TYPES, isFieldEditable, isFieldMasked, isFieldVisible, parseCondition, setAllFields, setColumn,
  setFieldFlag, type FieldFlag, type GrantIssue, type GrantState, type ScopeType,
} from '../../lib/grants';
import { useLocale } from '../../hooks/use-locale';

type Props = {
  state: GrantState;
  /** The form the grant is on; undefined while loading or when it no longer exists. */
  form: FormMeta | undefined;
  formMissing?: boolean;
  appName: string;
  issues?: readonly GrantIssue[];
  disabled?: boolean;
  onChange: (next: GrantState) => void;
  onRemove: () => void;
};

type Row = { key: string; field: FieldDefinition };

/** One grant: the actions on a form, the records it reaches, and what it shows and lets change per field. */
export function GrantFormEditor({ state, form, formMissing, appName, issues, disabled, onChange, onRemove }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const fields = useMemo(() => (form ? valueFields(form.fields) : []), [form]);
  const keys = useMemo(() => fields.map((field) => field.key), [fields]);
  const rules = state.fields;
  const setRules = (next: GrantState['fields']) => onChange({ ...state, fields: next });
  const flag = (key: string, which: FieldFlag, checked: boolean) => setRules(setFieldFlag(rules, key, which, checked, keys));
  const conditionInvalid = state.scopeType === 'custom' && parseCondition(state.conditionText) === null;
  const formName = form ? labelText(form.name, locale) : state.formKey;

  const columnState = (test: (key: string) => boolean) => {
    const count = keys.filter(test).length;
    return { checked: keys.length > 0 && count === keys.length, indeterminate: count > 0 && count < keys.length };
  };
  const maskedAll = columnState((key) => isFieldMasked(rules, key));
  const visibleAll = columnState((key) => isFieldVisible(rules, key));
  const editableAll = columnState((key) => isFieldEditable(rules, key));

  const columns: TableColumnsType<Row> = [
    {
      key: 'field',
      title: t('admin.grants.field'),
      render: (_, row) => (
        <span className="grant-field-name">
          {labelText(row.field.label, locale) || row.key}
          <span className="grant-field-key">{row.key}</span>
        </span>
      ),
    },
    {
      key: 'visible',
      width: 210,
      title: (
        <div className="grant-column-head">
          <span>{t('admin.grants.visible')}</span>
          <Checkbox
            checked={rules.allVisible}
            disabled={disabled}
            onChange={(event) => setRules(setAllFields(rules, 'visible', event.target.checked, keys))}
            data-testid="grant-all-visible"
          >
            {t('admin.grants.allFields')}
          </Checkbox>
          {!rules.allVisible && (
            <Checkbox
              {...visibleAll}
              disabled={disabled}
              onChange={(event) => setRules(setColumn(rules, 'visible', event.target.checked, keys))}
              aria-label={t('admin.grants.tickColumn')}
            />
          )}
        </div>
      ),
      render: (_, row) => (
        <Checkbox
          checked={isFieldVisible(rules, row.key)}
          disabled={disabled || rules.allVisible}
          onChange={(event) => flag(row.key, 'visible', event.target.checked)}
          aria-label={`${t('admin.grants.visible')}: ${labelText(row.field.label, locale)}`}
          data-testid={`grant-field-${row.key}-visible`}
        />
      ),
    },
    {
      key: 'editable',
      width: 210,
      title: (
        <div className="grant-column-head">
          <span>{t('admin.grants.editable')}</span>
          <Checkbox
            checked={rules.allEditable}
            disabled={disabled}
            onChange={(event) => setRules(setAllFields(rules, 'editable', event.target.checked, keys))}
            data-testid="grant-all-editable"
          >
            {t('admin.grants.allVisibleFields')}
          </Checkbox>
          {!rules.allEditable && (
            <Checkbox
              {...editableAll}
              disabled={disabled}
              onChange={(event) => setRules(setColumn(rules, 'editable', event.target.checked, keys))}
              aria-label={t('admin.grants.tickColumn')}
            />
          )}
        </div>
      ),
      render: (_, row) => (
        <Checkbox
          checked={isFieldEditable(rules, row.key)}
          disabled={disabled || rules.allEditable}
          onChange={(event) => flag(row.key, 'editable', event.target.checked)}
          aria-label={`${t('admin.grants.editable')}: ${labelText(row.field.label, locale)}`}
          data-testid={`grant-field-${row.key}-editable`}
        />
      ),
    },
    {
      key: 'masked',
      width: 120,
      title: (
        <div className="grant-column-head">
          <Tooltip title={t('admin.grants.maskedHint')}>
            <span>{t('admin.grants.masked')}</span>
          </Tooltip>
          <Checkbox
            {...maskedAll}
            disabled={disabled}
            onChange={(event) => setRules(setColumn(rules, 'masked', event.target.checked, keys))}
            aria-label={t('admin.grants.tickColumn')}
          />
        </div>
      ),
      render: (_, row) => (
        <Checkbox
          checked={isFieldMasked(rules, row.key)}
          disabled={disabled}
          onChange={(event) => flag(row.key, 'masked', event.target.checked)}
          aria-label={`${t('admin.grants.masked')}: ${labelText(row.field.label, locale)}`}
          data-testid={`grant-field-${row.key}-masked`}
        />
      ),
    },
  ];

  return (
    <Card
      size="small"
      className="grant-card"
      data-testid={`grant-${state.appKey}-${state.formKey}`}
      title={<span className="grant-card__title">{appName} / {formName}</span>}
      extra={
        <Button type="text" danger size="small" icon={<DeleteOutlined />} onClick={onRemove} disabled={disabled} data-testid="grant-remove">
          {t('admin.grants.remove')}
        </Button>
      }
    >
      {issues && issues.length > 0 && (
        <Alert
          type="error"
          showIcon
          className="grant-card__issues"
          title={t('admin.grants.issues')}
          description={<ul className="admin-issues">{issues.map((issue, index) => <li key={index}>{issueText(issue)}</li>)}</ul>}
          data-testid="grant-issues"
        />
      )}
      {formMissing && <Alert type="warning" showIcon className="grant-card__issues" title={t('admin.grants.formMissing')} />}

      <div className="grant-section">
        <div className="grant-section__label">{t('admin.grants.actions')}</div>
        <Checkbox.Group
          disabled={disabled}
          value={state.actions}
          onChange={(values) => onChange({ ...state, actions: GRANT_ACTION_LIST.filter((action) => values.includes(action)) })}
          options={GRANT_ACTION_LIST.map((action) => ({ value: action, label: t(`admin.grants.action.${action}`) }))}
          data-testid="grant-actions"
        />
      </div>

      <div className="grant-section">
        <div className="grant-section__label">{t('admin.grants.scope')}</div>
        <Select<ScopeType>
          className="grant-scope-select"
          disabled={disabled}
          value={state.scopeType}
          onChange={(scopeType) => onChange({ ...state, scopeType })}
          options={SCOPE_TYPES.map((type) => ({ value: type, label: t(`admin.grants.scopeType.${type}`) }))}
          aria-label={t('admin.grants.scope')}
          data-testid="grant-scope"
        />
        {state.scopeType === 'custom' && (
          <div className="grant-condition">
            <Input.TextArea
              disabled={disabled}
              value={state.conditionText}
              onChange={(event) => onChange({ ...state, conditionText: event.target.value })}
              autoSize={{ minRows: 3, maxRows: 12 }}
              spellCheck={false}
              className="grant-condition__text"
              status={conditionInvalid ? 'error' : undefined}
              aria-label={t('admin.grants.condition')}
              data-testid="grant-condition"
            />
            <div className={conditionInvalid ? 'grant-condition__help grant-condition__help--error' : 'grant-condition__help'}>
              {conditionInvalid ? t('admin.grants.conditionInvalid') : t('admin.grants.conditionHelp')}
            </div>
          </div>
        )}
      </div>

      <div className="grant-section">
        <div className="grant-section__label">{t('admin.grants.fields')}</div>
        {/* No `scroll.x`: antd would repeat the header (and its checkboxes) in a hidden measuring row. */}
        <div className="grant-fields">
          <Table<Row>
            size="small"
            rowKey="key"
            pagination={false}
            columns={columns}
            dataSource={fields.map((field) => ({ key: field.key, field }))}
            locale={{ emptyText: form ? t('admin.grants.noFields') : formMissing ? '-' : t('common.loading') }}
          />
        </div>
      </div>
    </Card>
  );
}

function issueText(issue: GrantIssue): string {
  const path = issue.path.slice(1).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}
