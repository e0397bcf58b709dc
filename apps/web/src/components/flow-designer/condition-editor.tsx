import { useRef, useState } from 'react';
import { Alert, Button, Input, Radio, Select } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDefinition } from '@platform/schema';
import { useLocale } from '../../hooks/use-locale';
import {
  builderToLogic, conditionFields, incompleteRows, logicToBuilder, sameCondition, type Combinator, type ConditionBuilder,
} from '../../lib/flow-designer/condition-builder';
import { changeOperator, filterFieldLabel, newCondition, operatorsFor, valueInputFor, type FilterOperator } from '../../lib/filter-conditions';
import { FilterValueInput } from '../filter-value-input';

type Props = { value: Condition | null; onChange: (condition: Condition) => void; fields: readonly FieldDefinition[] };

type Local = { source: Condition | null; builder: ConditionBuilder | null };

/**
 * The condition of a branch: rows of field / operator / value (the records filter's editors) joined by
 * AND or OR. Conditions the rows cannot show are edited as JSON.
 */
export function ConditionEditor({ value, onChange, fields, }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const nextId = useRef(0);
  const makeId = () => `c${(nextId.current++).toString(36)}`;
  const usable = conditionFields(fields);
  const byKey = new Map(usable.map((field) => [field.key, field]));
  const [local, setLocal] = useState<Local>(() => ({ source: value, builder: logicToBuilder(value, usable, makeId) }));
  // The rows keep unfinished entries the stored condition leaves out; an outside change (undo) resets them.
  let current = local;
  if (!sameCondition(local.source, value)) {
    current = { source: value, builder: logicToBuilder(value, usable, makeId) };
    setLocal(current);
  }

  const emit = (builder: ConditionBuilder) => {
    const logic = builderToLogic(builder, usable);
    setLocal({ source: logic, builder });
    onChange(logic);
  };

  if (!current.builder) return <JsonCondition value={value} onChange={onChange} />;
  const builder = current.builder;
  const unfinished = new Set(incompleteRows(builder, usable).map((row) => row.id));
  const replaceRow = (id: string, row: ConditionBuilder['rows'][number]) => emit({ ...builder, rows: builder.rows.map((other) => (other.id === id ? row : other)) });
  // An address part reads "地址 · 城市" / "Address · City", as in the records filter.
  const fieldOptions = usable.map((field) => ({ value: field.key, label: filterFieldLabel(field, locale, t) || field.key }));

  return (
    <div className="fd-condition" data-testid="condition-editor">
      {builder.rows.length > 1 && (
        <Radio.Group
          value={builder.combinator}
          optionType="button"
          size="small"
          data-testid="condition-combinator"
          onChange={(event) => emit({ ...builder, combinator: event.target.value as Combinator })}
          options={[
            { value: 'and', label: t('flowDesigner.condition.and') },
            { value: 'or', label: t('flowDesigner.condition.or') },
          ]}
        />
      )}
      {builder.rows.length === 0 && <div className="fd-muted">{t('flowDesigner.condition.none')}</div>}
      {builder.rows.map((row, index) => {
        const field = byKey.get(row.field);
        return (
          <div className={`fd-condition__row${unfinished.has(row.id) ? ' is-unfinished' : ''}`} key={row.id} data-testid="condition-row">
            <span className="fd-condition__joiner">
              {index === 0 ? t('flowDesigner.condition.when') : builder.combinator === 'and' ? t('flowDesigner.condition.andJoinShort') : t('flowDesigner.condition.orJoinShort')}
            </span>
            <Select<string>
              className="fd-condition__field"
              aria-label={t('filter.field')}
              data-testid="condition-field"
              value={row.field}
              showSearch={{ optionFilterProp: 'label' }}
              options={fieldOptions}
              onChange={(key) => {
                const next = byKey.get(key);
                if (next) replaceRow(row.id, newCondition(next, row.id));
              }}
            />
            {field && (
              <Select<FilterOperator>
                className="fd-condition__operator"
                aria-label={t('filter.operator')}
                data-testid="condition-operator"
                value={row.operator}
                options={operatorsFor(field).map((operator) => ({ value: operator, label: t(`operator.${operator}`) }))}
                onChange={(operator) => replaceRow(row.id, changeOperator(row, field, operator))}
              />
            )}
            <Button
              type="text"
              size="small"
              icon={<CloseOutlined />}
              aria-label={t('filter.remove')}
              data-testid="condition-remove"
              onClick={() => emit({ ...builder, rows: builder.rows.filter((other) => other.id !== row.id) })}
            />
            {field && valueInputFor(field, row.operator) !== 'none' && (
              <span className="fd-condition__value" data-testid="condition-value">
                <FilterValueInput
                  field={field}
                  kind={valueInputFor(field, row.operator)}
                  value={row.value}
                  onChange={(next) => replaceRow(row.id, { ...row, value: next })}
                />
              </span>
            )}
            {unfinished.has(row.id) && <div className="fd-condition__hint">{t('flowDesigner.condition.unfinished')}</div>}
          </div>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        data-testid="condition-add"
        disabled={usable.length === 0}
        onClick={() => {
          const first = usable[0];
          if (first) emit({ ...builder, rows: [...builder.rows, newCondition(first, makeId())] });
        }}
      >
        {t('flowDesigner.condition.add')}
      </Button>
      {usable.length === 0 && <div className="fd-muted">{t('flowDesigner.permissions.noForm')}</div>}
    </div>
  );
}

/** A condition the rows cannot show: edited as JSON, applied when it parses. */
function JsonCondition({ value, onChange }: { value: Condition | null; onChange: (condition: Condition) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => JSON.stringify(value, null, 2));
  const [error, setError] = useState(false);
  const apply = () => {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object');
      setError(false);
      if (!sameCondition(parsed as Condition, value)) onChange(parsed as Condition);
    } catch {
      setError(true);
    }
  };
  return (
    <div className="fd-condition" data-testid="condition-json">
      <Alert type="info" showIcon title={t('flowDesigner.condition.jsonHint')} />
      <Input.TextArea
        value={text}
        autoSize={{ minRows: 4, maxRows: 14 }}
        className="fd-condition__json"
        status={error ? 'error' : undefined}
        aria-label={t('flowDesigner.condition.json')}
        onChange={(event) => setText(event.target.value)}
        onBlur={apply}
      />
      {error && <div className="fd-condition__hint">{t('flowDesigner.condition.jsonInvalid')}</div>}
      <Button size="small" onClick={() => onChange({ and: [] })}>{t('flowDesigner.condition.useBuilder')}</Button>
    </div>
  );
}
