import { DatePicker, Input, InputNumber, Select, Space, TimePicker, TreeSelect } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { addressPartOf, type ValueInputKind } from '../lib/filter-conditions';
import { choiceOptions } from '../lib/format-value';
import { labelText } from '../lib/label-text';
import { parseTime } from '../lib/form-values';
import { buildDepartmentTree } from '../lib/department-tree';
import { useLocale } from '../hooks/use-locale';
import { useDepartments, useUsers } from '../hooks/use-lookups';
import { useRegionData } from '../hooks/use-region-data';
import { regionNameOptions, type RegionLevel } from '../lib/region-options';

type Props = { field: FieldDefinition; kind: ValueInputKind; value: unknown; onChange: (value: unknown) => void };

const asDate = (value: unknown): Dayjs | null => (typeof value === 'string' && value ? dayjs(value) : null);
const asTime = (value: unknown): Dayjs | null => (typeof value === 'string' ? parseTime(value) : null);
const pair = (value: unknown): [unknown, unknown] => (Array.isArray(value) && value.length === 2 ? [value[0], value[1]] : [null, null]);
const texts = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

/**
 * A region name (or several) for a filter on an address part, from the region data (loaded on first
 * use). Names are matched wherever they lie, so the list holds each name once, with its parents shown.
 */
function RegionNameSelect({ level, multiple, value, onChange }: { level: RegionLevel; multiple: boolean; value: unknown; onChange: (value: unknown) => void }) {
  const { t } = useTranslation();
  const state = useRegionData();
  const options = state === 'ready' ? regionNameOptions(level) : [];
  return (
    <Select
      className="filter-row__value"
      aria-label={t('filter.value')}
      mode={multiple ? 'multiple' : undefined}
      allowClear
      maxTagCount="responsive"
      loading={state === 'loading'}
      placeholder={t(`filter.pickRegion.${level}`)}
      notFoundContent={t(state === 'failed' ? 'filter.regionsFailed' : state === 'loading' ? 'filter.regionsLoading' : 'form.address.noMatch')}
      value={multiple ? texts(value) : typeof value === 'string' ? value : undefined}
      onChange={(next: string | string[] | undefined) => onChange(Array.isArray(next) ? (next.length ? next : undefined) : next || undefined)}
      showSearch={{ optionFilterProp: 'label' }}
      options={options}
      data-testid="filter-region"
    />
  );
}

/** The value editor of one filter row, matching the field type and operator. Emits plain JSON values. */
export function FilterValueInput({ field, kind, value, onChange }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { users } = useUsers();
  const { departments } = useDepartments();
  const aria = t('filter.value');

  const address = addressPartOf(field);
  switch (kind) {
    case 'none':
      return null;
    case 'region':
    case 'regions':
      return address && address.part !== 'detail'
        ? <RegionNameSelect level={address.part} multiple={kind === 'regions'} value={value} onChange={onChange} />
        : null;
    case 'texts':
      return (
        <Select
          className="filter-row__value"
          aria-label={aria}
          mode="tags"
          allowClear
          open={false}
          tokenSeparators={[',', '，']}
          placeholder={t('filter.enterValues')}
          value={texts(value)}
          onChange={(next: string[]) => onChange(next.length ? next : undefined)}
        />
      );
    case 'number':
      return <InputNumber className="filter-row__value" aria-label={aria} value={typeof value === 'number' ? value : null} onChange={(next) => onChange(next ?? undefined)} />;
    case 'numberRange': {
      const [low, high] = pair(value);
      const set = (index: 0 | 1, next: number | null) => {
        const range = [low, high];
        range[index] = next;
        onChange(range);
      };
      return (
        <Space.Compact className="filter-row__value">
          <InputNumber aria-label={t('filter.from')} placeholder={t('filter.from')} value={typeof low === 'number' ? low : null} onChange={(next) => set(0, next)} />
          <InputNumber aria-label={t('filter.to')} placeholder={t('filter.to')} value={typeof high === 'number' ? high : null} onChange={(next) => set(1, next)} />
        </Space.Compact>
      );
    }
    case 'date':
      return <DatePicker className="filter-row__value" aria-label={aria} value={asDate(value)} onChange={(next) => onChange(next ? next.format('YYYY-MM-DD') : undefined)} />;
    case 'datetime':
      return <DatePicker className="filter-row__value" aria-label={aria} showTime value={asDate(value)} onChange={(next) => onChange(next ? next.toDate().toISOString() : undefined)} />;
    case 'dateRange': {
      const [start, end] = pair(value);
      return (
        <DatePicker.RangePicker
          className="filter-row__value"
          value={[asDate(start), asDate(end)]}
          onChange={(range) => onChange(range && range[0] && range[1] ? [range[0].format('YYYY-MM-DD'), range[1].format('YYYY-MM-DD')] : undefined)}
        />
      );
    }
    case 'datetimeRange': {
      const [start, end] = pair(value);
      return (
        <DatePicker.RangePicker
          className="filter-row__value"
          showTime
          value={[asDate(start), asDate(end)]}
          onChange={(range) => onChange(range && range[0] && range[1] ? [range[0].toDate().toISOString(), range[1].toDate().toISOString()] : undefined)}
        />
      );
    }
    case 'time':
      return <TimePicker className="filter-row__value" aria-label={aria} value={asTime(value)} onChange={(next) => onChange(next ? next.format('HH:mm:ss') : undefined)} />;
    case 'timeRange': {
      const [start, end] = pair(value);
      return (
        <TimePicker.RangePicker
          className="filter-row__value"
          value={[asTime(start), asTime(end)]}
          onChange={(range) => onChange(range && range[0] && range[1] ? [range[0].format('HH:mm:ss'), range[1].format('HH:mm:ss')] : undefined)}
        />
      );
    }
    case 'options':
      return (
        <Select
          className="filter-row__value"
          aria-label={aria}
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('filter.pickOptions')}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next) => onChange(next)}
          showSearch={{ optionFilterProp: 'label' }}
          options={choiceOptions(field).map((option) => ({ value: option.key, label: labelText(option.label, locale) }))}
        />
      );
    case 'boolean':
      return (
        <Select
          className="filter-row__value"
          aria-label={aria}
          value={typeof value === 'boolean' ? String(value) : undefined}
          placeholder={t('filter.pickOne')}
          onChange={(next: string) => onChange(next === 'true')}
          options={[{ value: 'true', label: t('value.yes') }, { value: 'false', label: t('value.no') }]}
        />
      );
    case 'users':
      return (
        <Select
          className="filter-row__value"
          aria-label={aria}
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          placeholder={t('filter.pickUsers')}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next) => onChange(next)}
          showSearch={{ optionFilterProp: 'label' }}
          options={users.map((user) => ({ value: user.id, label: `${user.name} (${user.username})` }))}
        />
      );
    case 'departments':
      return (
        <TreeSelect
          className="filter-row__value"
          aria-label={aria}
          multiple
          allowClear
          treeDefaultExpandAll
          maxTagCount="responsive"
          placeholder={t('filter.pickDepartments')}
          value={Array.isArray(value) ? (value as string[]) : []}
          onChange={(next: string[]) => onChange(next)}
          showSearch={{ treeNodeFilterProp: 'title' }}
          treeData={buildDepartmentTree(departments)}
        />
      );
    default:
      return (
        <Input
          className="filter-row__value"
          aria-label={aria}
          allowClear
          placeholder={t('filter.enterValue')}
          value={typeof value === 'string' ? value : ''}
          onChange={(event) => onChange(event.target.value || undefined)}
        />
      );
  }
}
