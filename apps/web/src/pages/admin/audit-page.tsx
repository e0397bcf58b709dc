import { useMemo, useState, type HTMLAttributes } from 'react';
import { Button, Input, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueries, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { fetchAudit } from '../../api/admin-endpoints';
import { fetchApps } from '../../api/endpoints';
import type { AuditEntry } from '../../api/admin-types';
import type { FormMeta } from '../../api/types';
import { formsQueryOptions } from '../../hooks/use-app-meta';
import { useAdminDepartments, useRoles } from '../../hooks/use-admin-lookups';
import { useUsers } from '../../hooks/use-lookups';
import { useLocale } from '../../hooks/use-locale';
import { useSettledValue } from '../../hooks/use-settled-value';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { AUDIT_ACTIONS, actionMatches } from '../../lib/audit-diff';
import { formatDateTime } from '../../lib/format-value';
import { labelText } from '../../lib/label-text';
import { UserSelect } from '../../components/admin/user-select';
import { AuditChanges } from '../../components/audit-changes';
import { PageLoading } from '../../components/page-state';
import { LoadErrorAlert } from '../../components/load-error-alert';

const PAGE = 50;

type Filters = { action?: string; actorId?: string; appKey?: string; formKey?: string; recordId: string };

export default function AuditPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const { userName } = useUsers();
  const { roleById } = useRoles();
  const { departmentById } = useAdminDepartments();
  const [filters, setFilters] = useState<Filters>({ recordId: '' });
  const [settledRecordId, applyRecordId] = useSettledValue(filters.recordId.trim(), 400);
  useDocumentTitle(t('admin.nav.audit'));

  const query = { appKey: filters.appKey, formKey: filters.formKey, recordId: settledRecordId, actorId: filters.actorId, action: filters.action };
  const list = useInfiniteQuery({
    queryKey: ['audit', query],
    queryFn: ({ pageParam, signal }) => fetchAudit({ ...query, after: pageParam, limit: PAGE }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  // The action is sent too, but filtered here as well: the contract lists no action parameter.
  const rows = useMemo(
    () => (list.data?.pages.flatMap((page) => page.items) ?? []).filter((entry) => actionMatches(entry.action, filters.action)),
    [list.data, filters.action],
  );

  const apps = useQuery({ queryKey: ['apps'], queryFn: fetchApps });
  const appKeys = useMemo(
    () => [...new Set([...(filters.appKey ? [filters.appKey] : []), ...rows.map((entry) => entry.target.appKey).filter((key): key is string => !!key)])],
    [rows, filters.appKey],
  );
  const formQueries = useQueries({ queries: appKeys.map((appKey) => ({ ...formsQueryOptions(appKey), retry: false })) });
  const formsOf = (appKey: string | null | undefined): FormMeta[] => {
    const index = appKey ? appKeys.indexOf(appKey) : -1;
    return index >= 0 ? formQueries[index]?.data?.items ?? [] : [];
  };
  const appName = (appKey: string) => {
    const app = apps.data?.items.find((candidate) => candidate.key === appKey);
    return app ? labelText(app.name, locale) : appKey;
  };
  const formName = (appKey: string, formKey: string) => {
    const form = formsOf(appKey).find((candidate) => candidate.key === formKey);
    return form ? labelText(form.name, locale) : formKey;
  };
  const actorName = (id: string | null) => (id ? userName(id) ?? id : t('audit.system'));

  const targetText = (entry: AuditEntry) => {
    const { type, appKey, formKey, id } = entry.target;
    const where = appKey ? [appName(appKey), formKey ? formName(appKey, formKey) : ''].filter(Boolean).join(' / ') : '';
    let what = id ?? '';
    if ((type === 'user' || type === 'auth') && id) what = userName(id) ?? id;
    if (type === 'role' && id) what = roleById(id)?.name ?? id;
    if (type === 'department' && id) what = departmentById(id)?.name ?? id;
    return { type: t(`audit.target.${type}`, { defaultValue: type }), where, what };
  };

  const columns: TableColumnsType<AuditEntry> = [
    {
      key: 'at',
      title: t('audit.at'),
      width: 170,
      render: (_, entry) => <time dateTime={entry.at}>{formatDateTime(entry.at, locale)}</time>,
    },
    { key: 'actor', title: t('audit.actor'), width: 160, render: (_, entry) => actorName(entry.actorId) },
    { key: 'action', title: t('audit.actionLabel'), width: 150, render: (_, entry) => <Tag>{t(`audit.action.${entry.action}`, { defaultValue: entry.action })}</Tag> },
    {
      key: 'target',
      title: t('audit.targetLabel'),
      render: (_, entry) => {
        const target = targetText(entry);
        return (
          <span>
            <span className="admin-muted">{target.type}</span>
            {target.where && <> · {target.where}</>}
            {target.what && <div className="audit-entry__target">{target.what}</div>}
          </span>
        );
      },
    },
    { key: 'ip', title: 'IP', width: 130, render: (_, entry) => entry.ip ?? <span className="admin-muted">-</span> },
  ];

  const auditExportUrl = (f: Filters) => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(f)) if (value) query.set(key, String(value));
    const text = query.toString();
    return `/api/audit/export${text ? `?${text}` : ''}`;
  };
  const setFilter = (patch: Partial<Filters>) => setFilters((current) => ({ ...current, ...patch }));
  const filtered = !!(filters.action || filters.actorId || filters.appKey || filters.formKey || filters.recordId);

  return (
    <div className="admin-page" data-testid="admin-audit-page">
      <div className="admin-page__toolbar">
        <Typography.Title level={4} className="admin-page__title">{t('admin.nav.audit')}</Typography.Title>
        <div className="admin-page__actions">
          <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} loading={list.isRefetching && !list.isFetchingNextPage}>
            {t('audit.refresh')}
          </Button>
          {/* A plain link: the browser downloads the CSV itself and sends the session cookie. */}
          <Button icon={<DownloadOutlined />} href={auditExportUrl(filters)} download data-testid="audit-export">
            {t('audit.export')}
          </Button>
        </div>
      </div>
      <div className="admin-filters" data-testid="audit-filters">
        <Select
          allowClear
          placeholder={t('audit.filterAction')}
          aria-label={t('audit.filterAction')}
          value={filters.action}
          onChange={(action?: string) => setFilter({ action })}
          options={AUDIT_ACTIONS.map((action) => ({ value: action, label: t(`audit.action.${action}`, { defaultValue: action }) }))}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="audit-filter-action"
        />
        <div data-testid="audit-filter-actor">
          <UserSelect placeholder={t('audit.filterActor')} aria-label={t('audit.filterActor')} value={filters.actorId} onChange={(actorId) => setFilter({ actorId })} />
        </div>
        <Select
          allowClear
          placeholder={t('audit.filterApp')}
          aria-label={t('audit.filterApp')}
          value={filters.appKey}
          onChange={(appKey?: string) => setFilter({ appKey, formKey: undefined })}
          options={(apps.data?.items ?? []).map((app) => ({ value: app.key, label: labelText(app.name, locale) }))}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="audit-filter-app"
        />
        <Select
          allowClear
          placeholder={t('audit.filterForm')}
          aria-label={t('audit.filterForm')}
          disabled={!filters.appKey}
          value={filters.formKey}
          onChange={(formKey?: string) => setFilter({ formKey })}
          options={formsOf(filters.appKey).map((form) => ({ value: form.key, label: labelText(form.name, locale) }))}
          showSearch={{ optionFilterProp: 'label' }}
          data-testid="audit-filter-form"
        />
        <Input
          allowClear
          className="admin-filters__wide"
          placeholder={t('audit.filterRecord')}
          aria-label={t('audit.filterRecord')}
          value={filters.recordId}
          onChange={(event) => setFilter({ recordId: event.target.value })}
          onPressEnter={applyRecordId}
          data-testid="audit-filter-record"
        />
        {filtered && <Button type="link" onClick={() => setFilters({ recordId: '' })}>{t('audit.clearFilters')}</Button>}
      </div>
      {list.error && (
        <LoadErrorAlert error={list.error} onRetry={() => void list.refetch()} />
      )}
      {list.isLoading ? (
        <PageLoading />
      ) : (
        <Table<AuditEntry>
          className="admin-table"
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('audit.empty') }}
          expandable={{
            expandedRowRender: (entry) => <AuditEntryDetail entry={entry} forms={formsOf(entry.target.appKey)} />,
            rowExpandable: (entry) => !!entry.before || !!entry.after,
          }}
          onRow={() => ({ 'data-testid': 'audit-row' }) as HTMLAttributes<HTMLElement>}
        />
      )}
      {list.hasNextPage && (
        <Button className="admin-page__more" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage} data-testid="audit-more">
          {t('audit.loadMore')}
        </Button>
      )}
    </div>
  );
}

function AuditEntryDetail({ entry, forms }: { entry: AuditEntry; forms: FormMeta[] }) {
  const fields = entry.target.type === 'record' ? forms.find((form) => form.key === entry.target.formKey)?.fields : undefined;
  return (
    <div className="audit-entry__detail">
      <AuditChanges entry={entry} fields={fields} />
      {entry.target.id && <div className="audit-entry__meta">ID: {entry.target.id}</div>}
    </div>
  );
}
