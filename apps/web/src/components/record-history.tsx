import { Alert, Button, Empty, Tag } from 'antd';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import { fetchAudit } from '../api/admin-endpoints';
import { isApiError } from '../api/client';
import { useUsers } from '../hooks/use-lookups';
import { useLocale } from '../hooks/use-locale';
import { errorMessage } from '../lib/api-errors';
import { formatDateTime } from '../lib/format-value';
import { AuditChanges } from './audit-changes';
import { PageLoading } from './page-state';

const PAGE = 50;

/** GET /api/audit for one record, newest first. A 403 (no right to read the trail) hides the history. */
export function useRecordHistory(appKey: string, formKey: string, recordId: string | undefined) {
  const query = useInfiniteQuery({
    queryKey: ['audit', { appKey, formKey, recordId }],
    queryFn: ({ pageParam, signal }) => fetchAudit({ appKey, formKey, recordId, after: pageParam, limit: PAGE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: !!recordId,
    retry: false,
    staleTime: 0,
  });
  const forbidden = isApiError(query.error) && query.error.status === 403;
  return { ...query, forbidden, entries: query.data?.pages.flatMap((page) => page.items) ?? [] };
}

type Props = { history: ReturnType<typeof useRecordHistory>; fields: readonly FieldDefinition[] };

/** Who changed what and when: one card per audit entry, with the changed fields before -> after. */
export function RecordHistory({ history, fields }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { userName } = useUsers();
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });

  if (history.isLoading) return <PageLoading />;
  if (history.error && history.entries.length === 0) {
    return (
      <Alert
        type="error"
        showIcon
        title={isApiError(history.error) ? errorMessage(history.error, translate) : t('common.loadFailed')}
        action={<Button size="small" onClick={() => void history.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  if (history.entries.length === 0) return <Empty description={t('audit.empty')} />;

  return (
    <div className="record-history" data-testid="record-history">
      {history.entries.map((entry) => (
        <div className="record-history__item" key={entry.id} data-testid="record-history-entry">
          <div className="record-history__head">
            <span className="record-history__who">{entry.actorId ? userName(entry.actorId) ?? entry.actorId : t('audit.system')}</span>
            <Tag>{t(`audit.action.${entry.action}`, { defaultValue: entry.action })}</Tag>
            <time className="record-history__when" dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>
          </div>
          <AuditChanges entry={entry} fields={fields} />
        </div>
      ))}
      {history.hasNextPage && (
        <Button className="record-history__more" onClick={() => void history.fetchNextPage()} loading={history.isFetchingNextPage}>
          {t('audit.loadMore')}
        </Button>
      )}
    </div>
  );
}
