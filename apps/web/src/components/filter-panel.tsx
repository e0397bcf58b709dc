import { useRef } from 'react';
import { Button, Select } from 'antd';
import { CloseOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import {
  changeOperator, filterFieldLabel, newCondition, operatorsFor, valueInputFor, withAddressParts, type FilterCondition, type FilterOperator,
} from '../lib/filter-conditions';
import { useLocale } from '../hooks/use-locale';
import { FilterValueInput } from './filter-value-input';

type Props = {
  fields: FieldDefinition[];
  conditions: FilterCondition[];
  onChange: (conditions: FilterCondition[]) => void;
};

/** Rows of "field, operator, value", all combined with AND. */
export function FilterPanel({ fields, conditions, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const nextId = useRef(0);
  const filterable = withAddressParts(fields).filter((field) => operatorsFor(field).length > 0);
  const byKey = new Map(filterable.map((field) => [field.key, field]));
  // An address part reads "地址 · 城市" / "Address · City".
  const fieldOptions = filterable.map((field) => ({ value: field.key, label: filterFieldLabel(field, locale, t) }));

  const makeId = () => `c${Date.now().toString(36)}${(nextId.current++).toString(36)}`;
  const replace = (id: string, next: FilterCondition) => onChange(conditions.map((condition) => (condition.id === id ? next : condition)));
  const add = () => {
    const first = filterable[0];
    if (first) onChange([...conditions, newCondition(first, makeId())]);
  };

  return (
    <div className="filter-panel" data-testid="filter-panel">
      {conditions.length === 0 && <div className="filter-panel__empty">{t('filter.none')}</div>}
      {conditions.map((condition, index) => {
        const field = byKey.get(condition.field);
        return (
          <div className="filter-row" key={condition.id} data-testid="filter-row">
            <span className="filter-row__joiner">{index === 0 ? t('filter.where') : t('filter.and')}</span>
            <Select
              className="filter-row__field"
              aria-label={t('filter.field')}
              value={condition.field}
              showSearch={{ optionFilterProp: 'label' }}
              options={fieldOptions}
              onChange={(key: string) => {
                const nextField = byKey.get(key);
                if (nextField) replace(condition.id, newCondition(nextField, condition.id));
              }}
            />
            {field && (
              <Select<FilterOperator>
                className="filter-row__operator"
                aria-label={t('filter.operator')}
                value={condition.operator}
                options={operatorsFor(field).map((operator) => ({ value: operator, label: t(`operator.${operator}`) }))}
                onChange={(operator) => replace(condition.id, changeOperator(condition, field, operator))}
              />
            )}
            {field && (
              <FilterValueInput
                field={field}
                kind={valueInputFor(field, condition.operator)}
                value={condition.value}
                onChange={(value) => replace(condition.id, { ...condition, value })}
              />
            )}
            <Button
              type="text"
              icon={<CloseOutlined />}
              aria-label={t('filter.remove')}
              onClick={() => onChange(conditions.filter((other) => other.id !== condition.id))}
            />
          </div>
        );
      })}
      <div className="filter-panel__actions">
        <Button icon={<PlusOutlined />} onClick={add} disabled={filterable.length === 0} data-testid="filter-add">
          {t('filter.add')}
        </Button>
        {conditions.length > 0 && <Button type="link" onClick={() => onChange([])}>{t('filter.clear')}</Button>}
      </div>
    </div>
  );
}
