import { useMemo } from 'react';
import { Tag } from 'antd';
import { useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useInRouterContext, useParams } from 'react-router-dom';
import type { FieldDefinition } from '@platform/schema';
import { fetchRecord } from '../../api/endpoints';
import { isApiError } from '../../api/client';
import type { FormMeta, RecordItem } from '../../api/types';
import { formsQueryOptions } from '../../hooks/use-app-meta';
import { useFormatContext } from '../../hooks/use-format-context';
import { titleFieldKey } from '../../lib/field-kinds';
import { displayText, formatFieldValue, type FormatContext } from '../../lib/format-value';

const RECORD_STALE_MS = 60 * 1000;

/** The same key the record drawer caches a record under: one fetch serves both. */
export const recordQueryKey = (appKey: string, formKey: string, id: string) => ['record', appKey, formKey, id];

export function relationTarget(field: Pick<FieldDefinition, 'options'>): string {
  const target = field.options?.targetForm;
  return typeof target === 'string' ? target : '';
}

/** The selected ids of a relation value: one id, or an array of ids. */
export function relationIds(value: unknown): string[] {
  if (Array.isArray(value)) return value.filter((id): id is string => typeof id === 'string' && id !== '');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

/** The app of the record being shown: given, or the one in the address (/apps/:appKey/...; none outside a router). */
export function useAppKey(given?: string): string {
  const params = useParams();
  return given ?? params.appKey ?? '';
}

/** The related form's metadata, from the app's form list every page of the app already loads. */
export function useTargetForm(appKey: string, targetForm: string): { form: FormMeta | undefined; isLoading: boolean } {
  const forms = useQuery({ ...formsQueryOptions(appKey), enabled: appKey !== '' && targetForm !== '' });
  return { form: forms.data?.items.find((form) => form.key === targetForm), isLoading: forms.isLoading };
}

/** Fields shown for a related record: options.displayFields that exist, else the form's title field. */
export function relationDisplayFields(field: Pick<FieldDefinition, 'options'>, target: FormMeta | undefined): FieldDefinition[] {
  if (!target) return [];
  const byKey = new Map(target.fields.map((candidate) => [candidate.key, candidate]));
  const configured = Array.isArray(field.options?.displayFields) ? field.options.displayFields : [];
  const shown = configured.map((key) => (typeof key === 'string' ? byKey.get(key) : undefined)).filter((candidate): candidate is FieldDefinition => !!candidate);
  if (shown.length > 0) return shown;
  const titleKey = titleFieldKey(target.fields, target.settings?.titleField);
  const title = titleKey ? byKey.get(titleKey) : undefined;
  return title ? [title] : [];
}

export type RecordLabel = { title: string; details: string[] };

/** The first display field is the title, the others a secondary line. */
export function recordLabel(record: RecordItem, displayFields: readonly FieldDefinition[], ctx: FormatContext, untitled: string): RecordLabel {
  const texts = displayFields.map((field) => displayText(formatFieldValue(field, record.data[field.key], ctx)));
  const [title, ...details] = texts;
  return { title: title || untitled, details: details.filter((text) => text !== '') };
}

export type RelatedRecord = { id: string; record?: RecordItem; loading: boolean; missing: boolean };

/** The related records by id, each fetched once and cached (a deleted or unreadable one is `missing`). */
export function useRelatedRecords(appKey: string, targetForm: string, ids: readonly string[]): RelatedRecord[] {
  const results = useQueries({
    queries: ids.map((id) => ({
      queryKey: recordQueryKey(appKey, targetForm, id),
      queryFn: () => fetchRecord(appKey, targetForm, id),
      enabled: appKey !== '' && targetForm !== '',
      staleTime: RECORD_STALE_MS,
      retry: (count: number, error: unknown) => !(isApiError(error) && error.status >= 400 && error.status < 500) && count < 2,
    })),
  });
  return ids.map((id, index) => {
    const result = results[index];
    return { id, record: result?.data, loading: !!result?.isLoading, missing: !!result?.isError };
  });
}

/** Labels of the related records: loading, the record's title, or "unavailable". */
export function useRelationLabels(appKey: string, field: Pick<FieldDefinition, 'options'>, ids: readonly string[]) {
  const { t } = useTranslation();
  const formatContext = useFormatContext();
  const targetForm = relationTarget(field);
  const { form: target } = useTargetForm(appKey, targetForm);
  const related = useRelatedRecords(appKey, targetForm, ids);
  const displayFields = useMemo(() => relationDisplayFields(field, target), [field, target]);
  const labels = related.map((entry): RecordLabel & { id: string; missing: boolean } => {
    if (entry.record) return { id: entry.id, missing: false, ...recordLabel(entry.record, displayFields, formatContext, t('form.relation.untitled')) };
    if (entry.missing) return { id: entry.id, missing: true, title: t('form.relation.unavailable'), details: [] };
    return { id: entry.id, missing: false, title: t('form.relation.loading'), details: [] };
  });
  return { labels, target, displayFields, targetForm };
}

type RelationTagsProps = {
  field: Pick<FieldDefinition, 'options'>;
  ids: readonly string[];
  appKey?: string;
  /** Each title opens its record (read-only fields in the record form; not in grid cells, a row opens there). */
  link?: boolean;
  /** Shown without an app to read the related form in (e.g. a record summary outside the app). */
  fallback?: string;
};

/** The titles of related records as tags (links when asked). */
export function RelationTags({ field, ids, appKey: givenAppKey, link, fallback }: RelationTagsProps) {
  const appKey = useAppKey(givenAppKey);
  const inRouter = useInRouterContext();
  const { labels, targetForm } = useRelationLabels(appKey, field, appKey ? ids : []);
  if (ids.length === 0) return <span className="cell-empty">-</span>;
  if (!appKey || !targetForm) return <span className="cell-text">{fallback ?? ids.join(', ')}</span>;
  return (
    <span className="cell-tags relation-tags" data-testid="relation-tags">
      {labels.map((label) => {
        const text = label.details.length > 0 ? `${label.title} · ${label.details.join(' · ')}` : label.title;
        const path = `/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(targetForm)}/records/${encodeURIComponent(label.id)}`;
        return (
          <Tag key={label.id} className="cell-tag relation-tag" title={text}>
            {link && inRouter && !label.missing ? <Link to={path}>{label.title}</Link> : label.title}
          </Tag>
        );
      })}
    </span>
  );
}
