import { useCallback, useState } from 'react';
import { App } from 'antd';
import { useQueryClient, type InfiniteData, type QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { updateRecord } from '../api/endpoints';
import type { RecordItem, RecordPage } from '../api/types';
import { laneOf, moveData, withFieldValue, withRecord, type KanbanLane } from '../lib/views/kanban';
import { moveRefusalText } from '../lib/views/move-refusal';

type Args = {
  appKey: string;
  formKey: string;
  /** The list's query key: the card moves there at once and snaps back when the server refuses. */
  queryKey: QueryKey;
  field: FieldDefinition | undefined;
  fields: readonly FieldDefinition[];
  locale: string;
};

/**
 * Moving a kanban card: the record's group field is PATCHed (with its version). The card shows in its
 * new lane at once; a refusal (a stage gate, a read-only field, no permission, a conflict) puts it back
 * and says why in the user's language.
 */
export function useKanbanMove({ appKey, formKey, queryKey, field, fields, locale }: Args) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [pending, setPending] = useState<ReadonlySet<string>>(new Set());

  const setPages = useCallback((change: (pages: RecordPage[]) => RecordPage[]) => {
    queryClient.setQueryData<InfiniteData<RecordPage, string | null>>(queryKey, (data) => (data ? { ...data, pages: change(data.pages) } : data));
  }, [queryClient, queryKey]);

  const move = useCallback(async (record: RecordItem, lane: KanbanLane) => {
    if (!field || laneOf(record, field.key) === lane.key || pending.has(record.id)) return;
    setPending((previous) => new Set(previous).add(record.id));
    setPages((pages) => withFieldValue(pages, record.id, field.key, lane.value));
    try {
      const saved = await updateRecord(appKey, formKey, record.id, moveData(field.key, lane), record.version);
      setPages((pages) => withRecord(pages, saved));
      void message.success(t('views.kanban.moved', { lane: lane.label }));
    } catch (error) {
      setPages((pages) => withFieldValue(pages, record.id, field.key, record.data[field.key] ?? null));
      const translate = (key: string, fallback: string, values?: Record<string, string | number>) => t(key, { defaultValue: fallback, ...values });
      const refusal = error && typeof error === 'object' && 'code' in error ? (error as { code: string; message: string }) : { code: 'UNKNOWN', message: String(error) };
      void message.error({ content: moveRefusalText(refusal, fields, lane.label, locale, translate), duration: 6, className: 'kanban-refusal' });
    } finally {
      setPending((previous) => {
        const next = new Set(previous);
        next.delete(record.id);
        return next;
      });
    }
  }, [appKey, formKey, field, fields, locale, message, pending, setPages, t]);

  return { move, pending };
}
