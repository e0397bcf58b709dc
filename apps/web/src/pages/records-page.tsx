import { useCallback, useMemo, useState } from 'react';
import { Alert, Badge, Button, Dropdown, Empty, Input, Space, Typography } from 'antd';
import { DownloadOutlined, DownOutlined, FilterOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Outlet, useMatch, useNavigate, useParams } from 'react-router-dom';
import type { FieldDefinition, SortSpec } from '@platform/schema';
import { queryRecords } from '../api/endpoints';
import { ApiError, isApiError } from '../api/client';
import type { RecordItem } from '../api/types';
import { useAppMeta } from '../hooks/use-app-meta';
import { useIsMobile } from '../hooks/use-is-mobile';
import { useLocale } from '../hooks/use-locale';
import { useSettledValue } from '../hooks/use-settled-value';
import { useFormatContext } from '../hooks/use-format-context';
import { useDocumentTitle } from '../hooks/use-document-title';
import { errorMessage } from '../lib/api-errors';
import { buildFilter, countCompleteConditions, type FilterCondition } from '../lib/filter-conditions';
import { labelText } from '../lib/label-text';
import { buildColumns, systemField } from '../lib/record-columns';
import { buildRecordQuery, nextPageParam, recordsQueryKey, summarisePages } from '../lib/record-paging';
import { toggleSort } from '../lib/sort-state';
import { titleFieldKey } from '../lib/field-kinds';
import { formatNumber } from '../lib/format-value';
import { recordsExportUrl } from '../lib/export-url';
import { flowStatusColumn, withColumnAfter } from '../lib/flow-status';
import { flowsForForm } from '../lib/flow-definition';
import { useFlows } from '../hooks/use-flows';
import { RecordsGrid } from '../components/records-grid';
import { RecordCards } from '../components/record-cards';
import { FilterPanel } from '../components/filter-panel';
import { PageError, PageLoading } from '../components/page-state';
import { LoadErrorAlert } from '../components/load-error-alert';
import { ImportWizard } from '../components/import/import-wizard';
import { canImport } from '../components/import/import-logic';

export default function RecordsPage() {
  const { t } = useTranslation();
  const locale = useLocale();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const { appKey = '', formKey = '' } = useParams();
  const openMatch = useMatch('/apps/:appKey/forms/:formKey/records/:id');
  const { formByKey, isLoading: metaLoading, error: metaError, refetch: refetchMeta } = useAppMeta(appKey);
  const form = formByKey(formKey);
  const formatContext = useFormatContext();
  const formName = form ? labelText(form.name, locale) : '';
  useDocumentTitle(formName || undefined);

  const [sort, setSort] = useState<SortSpec[]>([]);
  const [conditions, setConditions] = useState<FilterCondition[]>([]);
  const [search, setSearch] = useState('');
  const [filterOpen, setFilterOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);

  const systemFields = useMemo<FieldDefinition[]>(
    () => [
      systemField('createdAt', t('system.createdAt')),
      systemField('updatedAt', t('system.updatedAt')),
      systemField('ownerId', t('system.ownerId')),
    ],
    [t],
  );
  const fields = useMemo(() => form?.fields ?? [], [form]);
  const columns = useMemo(() => buildColumns(fields, systemFields.slice(0, 1)), [fields, systemFields]);
  // Fields masked or hidden for some of the user's records cannot be filtered (the API refuses them).
  const filterFields = useMemo(() => {
    const unfilterable = new Set(form?.access?.unfilterable ?? []);
    return [...fields.filter((field) => !unfilterable.has(field.key)), ...systemFields];
  }, [fields, systemFields, form]);
  const can = (action: string) => !form?.access || form.access.actions.includes(action);
  // What the filter bar says now, and what the list shows: typing settles for 300 ms (Enter applies at
  // once). Until they agree the list shows a loading state, never rows that may not match.
  const liveFilter = useMemo(() => buildFilter(filterFields, conditions, search), [filterFields, conditions, search]);
  const [filter, applyFilter] = useSettledValue(liveFilter, 300);
  const filterPending = JSON.stringify(liveFilter ?? null) !== JSON.stringify(filter ?? null);
  const activeConditions = countCompleteConditions(filterFields, conditions);

  const query = useInfiniteQuery({
    queryKey: recordsQueryKey(appKey, formKey, { filter, sort }),
    queryFn: ({ pageParam, signal }) => queryRecords(appKey, formKey, buildRecordQuery({ filter, sort }, pageParam), signal),
    initialPageParam: null as string | null,
    getNextPageParam: nextPageParam,
    enabled: !!form,
  });
  const summary = useMemo(() => summarisePages(query.data?.pages), [query.data]);
  // Forms with approval flows show each record's flow status (审批中, 已通过, ...) after the title.
  const { flows } = useFlows(appKey);
  const showFlowStatus = flowsForForm(flows, formKey).length > 0 || summary.rows.some((row) => !!row.flowStatus);
  const flowColumn = useMemo(() => flowStatusColumn(t('flow.statusColumn'), (status) => t(`flow.status.${status}`)), [t]);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const open = useCallback((record: RecordItem) => navigate(`records/${encodeURIComponent(record.id)}`), [navigate]);
  const onSort = useCallback((field: string, multi: boolean) => setSort((current) => toggleSort(current, field, multi)), []);

  if (metaLoading) return <PageLoading />;
  if (metaError) return <PageError error={metaError} onRetry={refetchMeta} />;
  if (!form) return <PageError error={new ApiError(404, 'NOT_FOUND', '')} />;

  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  const titleKey = titleFieldKey(fields, form.settings?.titleField);
  const gridColumns = showFlowStatus ? withColumnAfter(columns, titleKey, flowColumn) : columns;
  const titleColumn = columns.find((column) => column.key === titleKey);
  const detailColumns = columns.filter((column) => column.key !== titleKey && !column.system).slice(0, 3);
  const totalText = summary.totalIsEstimate
    ? t('records.totalEstimate', { n: formatNumber(summary.total, locale) })
    : t('records.total', { n: formatNumber(summary.total, locale) });

  let body;
  if (query.isLoading || filterPending) body = <PageLoading />;
  else if (query.error && !query.data) {
    body = (
      <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} />
    );
  } else if (summary.rows.length === 0) {
    body = <Empty className="page-empty" description={filter ? t('records.noMatches') : t('records.empty')} />;
  } else if (isMobile) {
    body = (
      <RecordCards
        titleColumn={titleColumn}
        detailColumns={detailColumns}
        rows={summary.rows}
        onOpen={open}
        formatContext={formatContext}
        hasNextPage={!!hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        fetchNextPage={loadMore}
        resetKey={JSON.stringify([filter ?? null, sort])}
      />
    );
  } else {
    body = (
      <RecordsGrid
        columns={gridColumns}
        rows={summary.rows}
        sort={sort}
        onSort={onSort}
        onOpen={open}
        formatContext={formatContext}
        hasNextPage={!!hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        fetchNextPage={loadMore}
        selectedId={openMatch?.params.id}
        resetKey={JSON.stringify([filter ?? null, sort])}
      />
    );
  }

  return (
    <div className="records-page">
      <div className="records-toolbar">
        <div className="records-toolbar__heading">
          <Typography.Title level={4} className="records-toolbar__title" ellipsis>{formName}</Typography.Title>
          <span className="records-toolbar__total" data-testid="records-total" aria-live="polite">
            {query.data && !filterPending && !query.isLoading ? totalText : ''}
          </span>
        </div>
        <div className="records-toolbar__actions">
          {/* A <label> around the input: tests may fill the test id itself or the input inside it. */}
          <label className="records-toolbar__search" data-testid="quick-search">
            <Input
              type="search"
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              placeholder={t('records.searchPlaceholder')}
              aria-label={t('records.search')}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
              onPressEnter={applyFilter}
            />
          </label>
          <Badge count={activeConditions} size="small">
            <Button
              icon={<FilterOutlined />}
              onClick={() => setFilterOpen((value) => !value)}
              aria-expanded={filterOpen}
              data-testid="filter-toggle"
              type={filterOpen ? 'primary' : 'default'}
              ghost={filterOpen}
            >
              {isMobile ? null : t('filter.title')}
            </Button>
          </Badge>
          {/* Plain links: the browser downloads the file itself and sends the session cookie. */}
          {can('export') && <Space.Compact>
            <Button icon={<DownloadOutlined />} href={recordsExportUrl(appKey, formKey, 'xlsx', filter)} download data-testid="records-export">
              {isMobile ? null : t('records.export')}
            </Button>
            <Dropdown
              trigger={['click']}
              menu={{
                items: [
                  { key: 'xlsx', label: <a href={recordsExportUrl(appKey, formKey, 'xlsx', filter)} download data-testid="records-export-xlsx">{t('records.exportXlsx')}</a> },
                  { key: 'csv', label: <a href={recordsExportUrl(appKey, formKey, 'csv', filter)} download data-testid="records-export-csv">{t('records.exportCsv')}</a> },
                ],
              }}
            >
              <Button icon={<DownOutlined />} aria-label={t('records.exportFormats')} data-testid="records-export-more" />
            </Dropdown>
          </Space.Compact>}
          {canImport(form.access) && <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="records-import">
            {isMobile ? null : t('import.button')}
          </Button>}
          {can('create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('records/new')} data-testid="record-new">
            {t('records.new')}
          </Button>}
        </div>
      </div>
      {filterOpen && <FilterPanel fields={filterFields} conditions={conditions} onChange={setConditions} />}
      {query.error && query.data ? (
        <Alert type="warning" showIcon closable title={isApiError(query.error) ? errorMessage(query.error, translate) : t('common.loadFailed')} />
      ) : null}
      <div className="records-body">{body}</div>
      <Outlet />
      {canImport(form.access) && (
        <ImportWizard open={importOpen} onClose={() => setImportOpen(false)} appKey={appKey} formKey={formKey} formName={formName} fields={fields} access={form.access} />
      )}
    </div>
  );
}
