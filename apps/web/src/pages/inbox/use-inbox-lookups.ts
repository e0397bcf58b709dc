import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import { fetchRecord } from '../../api/endpoints';
import type { FlowDefinitionSummary } from '../../api/flow-types';
import type { FormMeta, RecordItem } from '../../api/types';
import { formsQueryOptions } from '../../hooks/use-app-meta';
import { flowsQueryOptions } from '../../hooks/use-flows';
import { titleFieldKey } from '../../lib/field-kinds';
import { displayText, formatFieldValue, type FormatContext } from '../../lib/format-value';

type RecordRef = { appKey: string; formKey: string; recordId: string };

const RECORD_STALE_MS = 60 * 1000;

/**
 * What inbox rows show besides the task: the forms and flows of the apps involved (names of forms and
 * nodes) and each record (its title), fetched once per record and shared with the record drawer's cache.
 */
export function useInboxLookups(refs: readonly RecordRef[]) {
  const appKeys = useMemo(() => [...new Set(refs.map((ref) => ref.appKey))].sort(), [refs]);
  const records = useMemo(() => {
    const seen = new Map<string, RecordRef>();
    for (const ref of refs) seen.set(`${ref.appKey}/${ref.formKey}/${ref.recordId}`, ref);
    return [...seen.values()];
  }, [refs]);

  const formResults = useQueries({ queries: appKeys.map((appKey) => ({ ...formsQueryOptions(appKey), retry: false })) });
  const flowResults = useQueries({ queries: appKeys.map((appKey) => flowsQueryOptions(appKey)) });
  const recordResults = useQueries({
    queries: records.map((ref) => ({
      queryKey: ['record', ref.appKey, ref.formKey, ref.recordId],
      queryFn: () => fetchRecord(ref.appKey, ref.formKey, ref.recordId),
      staleTime: RECORD_STALE_MS,
      retry: false,
    })),
  });

  const formsByApp = new Map<string, FormMeta[]>();
  appKeys.forEach((appKey, index) => formsByApp.set(appKey, formResults[index]?.data?.items ?? []));
  const flowsByApp = new Map<string, FlowDefinitionSummary[]>();
  appKeys.forEach((appKey, index) => flowsByApp.set(appKey, flowResults[index]?.data?.items ?? []));
  const recordByKey = new Map<string, { record?: RecordItem; failed: boolean; loading: boolean }>();
  records.forEach((ref, index) => {
    const result = recordResults[index];
    recordByKey.set(`${ref.appKey}/${ref.formKey}/${ref.recordId}`, { record: result?.data, failed: !!result?.error, loading: !!result?.isLoading });
  });

  return {
    form: (appKey: string, formKey: string) => formsByApp.get(appKey)?.find((form) => form.key === formKey),
    flows: (appKey: string) => flowsByApp.get(appKey) ?? [],
    record: (ref: RecordRef) => recordByKey.get(`${ref.appKey}/${ref.formKey}/${ref.recordId}`),
  };
}

/** A record's title: its form's title field (settings.titleField, else the first text field), formatted. */
export function recordTitle(form: FormMeta | undefined, record: RecordItem | undefined, formatContext: FormatContext): string {
  if (!form || !record) return '';
  const key = titleFieldKey(form.fields, form.settings?.titleField);
  const field = form.fields.find((candidate) => candidate.key === key);
  return field ? displayText(formatFieldValue(field, record.data[field.key], formatContext)) : '';
}
