import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Condition, FieldDefinition } from '@platform/schema';
import { queryRecords } from '../../api/endpoints';
import type { RecordItem } from '../../api/types';
import { useFormatContext } from '../../hooks/use-format-context';
import { useSettledValue } from '../../hooks/use-settled-value';
import { TEXT_TYPES } from '../../lib/field-kinds';
import { combineAnd, quickSearchCondition } from '../../lib/filter-conditions';
import { RelationTags, recordLabel, recordQueryKey, relationIds, relationTarget, useAppKey, useRelationLabels } from './relation-titles';
import './field-widgets.css';

/** Records offered per search: the first page only, the user narrows by typing. */
export const RELATION_PAGE_SIZE = 20;
const SEARCH_DEBOUNCE_MS = 300;

type RelationInputProps = {
  id?: string;
  value?: string | string[] | null;
  onChange?: (value: string | string[] | null) => void;
  field: FieldDefinition;
  appKey?: string;
  disabled?: boolean;
  /** Shown as the titles of the related records, each a link to its record. */
  readOnly?: boolean;
  placeholder?: string;
};

type Option = { value: string; label: string; details: string[]; disabled?: boolean };

function isCondition(value: unknown): value is Condition {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}

/** What typing searches in: the text fields among the shown ones, else every text field of the form. */
function searchFields(displayFields: readonly FieldDefinition[], all: readonly FieldDefinition[]): FieldDefinition[] {
  const shown = displayFields.filter((field) => TEXT_TYPES.has(field.type));
  return shown.length > 0 ? shown : all.filter((field) => TEXT_TYPES.has(field.type));
}

/**
 * 关联记录: picks one record (or several) of another form of the app. Typing searches the related form
 * on the server (debounced), within the field's own filter; each option shows the display fields,
 * the first as its title. Selected records keep their titles even when not among the results (each
 * is fetched by id once and cached).
 */
export function RelationInput({ id, value, onChange, field, appKey: givenAppKey, disabled, readOnly, placeholder }: RelationInputProps) {
  const { t } = useTranslation();
  const appKey = useAppKey(givenAppKey);
  const queryClient = useQueryClient();
  const formatContext = useFormatContext();
  const multiple = field.options?.multiple === true;
  const targetForm = relationTarget(field);
  const selected = useMemo(() => relationIds(value), [value]);
  const { labels, target, displayFields } = useRelationLabels(appKey, field, readOnly ? [] : selected);
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const [settled] = useSettledValue(search.trim(), SEARCH_DEBOUNCE_MS);

  const searchable = useMemo(() => searchFields(displayFields, target?.fields ?? []), [displayFields, target]);
  const filter = useMemo(
    () => combineAnd([isCondition(field.options?.filter) ? field.options.filter : null, quickSearchCondition(searchable, settled)]),
    [field.options?.filter, searchable, settled],
  );

  const found = useQuery({
    queryKey: ['relation-options', appKey, targetForm, filter ?? null],
    queryFn: async ({ signal }) => {
      const page = await queryRecords(appKey, targetForm, { filter, limit: RELATION_PAGE_SIZE }, signal);
      // A record picked from the results needs no fetch of its own to show its title.
      for (const item of page.items) queryClient.setQueryData(recordQueryKey(appKey, targetForm, item.id), item);
      return page;
    },
    enabled: open && !readOnly && !!target,
    staleTime: 30 * 1000,
  });

  if (readOnly) return <div id={id} className="relation-input__readonly"><RelationTags field={field} ids={selected} appKey={appKey} link /></div>;

  const untitled = t('form.relation.untitled');
  const toOption = (item: RecordItem): Option => {
    const { title, details } = recordLabel(item, displayFields, formatContext, untitled);
    return { value: item.id, label: title, details };
  };
  const options: Option[] = (found.data?.items ?? []).map(toOption);
  const listed = new Set(options.map((option) => option.value));
  // Selected records not among the results still need an option, or the Select would show bare ids.
  for (const label of labels) {
    if (!listed.has(label.id)) options.push({ value: label.id, label: label.title, details: label.details });
  }
  // Without any text field to search in, typing filters the page in the browser.
  const filterOption = searchable.length > 0
    ? false
    : (input: string, option?: Option) => !!option && `${option.label} ${option.details.join(' ')}`.toLowerCase().includes(input.toLowerCase());

  const common = {
    id,
    className: 'field-input--block relation-input',
    disabled,
    allowClear: true,
    placeholder: placeholder ?? t('form.relation.placeholder'),
    options,
    loading: found.isFetching,
    showSearch: { filterOption, onSearch: setSearch },
    onOpenChange: (next: boolean) => {
      setOpen(next);
      if (!next) setSearch('');
    },
    notFoundContent: found.isFetching ? <Spin size="small" /> : t('form.relation.noMatches'),
    optionRender: (option: { data: Option }) => <RelationOption label={option.data} />,
    'data-testid': `relation-${field.key}`,
  };
  if (multiple) {
    return <Select<string[], Option> {...common} mode="multiple" value={selected} onChange={(next) => onChange?.(next ?? [])} />;
  }
  return <Select<string, Option> {...common} value={selected[0]} onChange={(next) => onChange?.(next ?? null)} />;
}

function RelationOption({ label }: { label: Pick<Option, 'label' | 'details'> }) {
  return (
    <div className="relation-option">
      <div className="relation-option__title">{label.label}</div>
      {label.details.length > 0 && <div className="relation-option__details">{label.details.join(' · ')}</div>}
    </div>
  );
}
