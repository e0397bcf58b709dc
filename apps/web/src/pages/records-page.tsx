import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Badge, Button, Dropdown, Empty, Input, Space, Typography } from 'antd';
import { DownloadOutlined, DownOutlined, FilterOutlined, FormOutlined, PlusOutlined, SearchOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Outlet, useMatch, useNavigate, useParams, useSearchParams } from 'react-router-dom';
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
import { useSearchShortcut } from '../hooks/use-search-shortcut';
import { errorMessage } from '../lib/api-errors';
import { buildFilter, combineAnd, countCompleteConditions, type FilterCondition } from '../lib/filter-conditions';
import { labelText } from '../lib/label-text';
import { buildColumns, systemField } from '../lib/record-columns';
import { buildRecordQuery, nextPageParam, recordsQueryKey, summariseMorePages, type PagedRows } from '../lib/record-paging';
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
import { bulkDeleteRecords, bulkUpdateRecords } from '../api/view-endpoints';
import { useViewController } from '../hooks/use-view-controller';
import { useKanbanMove } from '../hooks/use-kanban-move';
import { applyViewColumns, shownKeys } from '../lib/views/view-columns';
import { monthOf, rangeCondition, todayIn, visibleRange, type CalendarMonth } from '../lib/views/calendar';
import { bulkEditableFields, runBulk, toggleAll, toggleSelected, type BulkProgress } from '../lib/views/bulk';
import { groupFieldCandidates } from '../lib/views/view-state';
import { ViewSwitcher } from '../components/views/view-switcher';
import { TableOptions } from '../components/views/table-options';
import { KanbanBoard } from '../components/views/kanban-board';
import { RecordCalendar } from '../components/views/record-calendar';
import { BulkActions } from '../components/views/bulk-actions';

/** A calendar loads at most this many records of its month. */
const CALENDAR_LIMIT = 1000;

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
  const searchBox = useSearchShortcut();
  const [filterOpen, setFilterOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [month, setMonth] = useState<CalendarMonth>(() => monthOf(todayIn()));
  const [searchParams] = useSearchParams();
  const queryClient = useQueryClient();

  const systemFields = useMemo<FieldDefinition[]>(
    () => [
      systemField('createdAt', t('system.createdAt')),
      systemField('updatedAt', t('system.updatedAt')),
      systemField('ownerId', t('system.ownerId')),
    ],
    [t],
  );
  const fields = useMemo(() => form?.fields ?? [], [form]);
  // Every column a view may show; the default table shows the form's fields and 创建时间.
  const allColumns = useMemo(() => buildColumns(fields, systemFields), [fields, systemFields]);
  const defaultColumnKeys = useMemo(() => buildColumns(fields, systemFields.slice(0, 1)).map((column) => column.key), [fields, systemFields]);
  // Fields masked or hidden for some of the user's records cannot be filtered (the API refuses them).
  const filterFields = useMemo(() => {
    const unfilterable = new Set(form?.access?.unfilterable ?? []);
    return [...fields.filter((field) => !unfilterable.has(field.key)), ...systemFields];
  }, [fields, systemFields, form]);
  const can = (action: string) => !form?.access || form.access.actions.includes(action);
  const views = useViewController({
    appKey, formKey, filterFields, sort, setSort, conditions, setConditions, requestedKey: searchParams.get('view'), enabled: !!form,
  });
  const { layout } = views;
  const columns = useMemo(
    () => applyViewColumns(allColumns, layout.columns ?? defaultColumnKeys, layout.columnWidths),
    [allColumns, layout.columns, layout.columnWidths, defaultColumnKeys],
  );
  const groupColumn = layout.groupField ? allColumns.find((column) => column.key === layout.groupField) : undefined;
  // A calendar asks only for the days its month shows.
  const calendarFilter = useMemo(() => {
    if (layout.type !== 'calendar' || !groupColumn) return undefined;
    const { from, to } = visibleRange(month);
    return rangeCondition(groupColumn.key, groupColumn.field.type === 'datetime', from, to, formatContext.timeZone);
  }, [layout.type, groupColumn, month, formatContext.timeZone]);
  // What the filter bar says now, and what the list shows: typing settles for 300 ms (Enter applies at
  // once). Until they agree the list shows a loading state, never rows that may not match.
  const liveFilter = useMemo(
    () => combineAnd([views.baseFilter, buildFilter(filterFields, conditions, search), calendarFilter]),
    [views.baseFilter, filterFields, conditions, search, calendarFilter],
  );
  const [filter, applyFilter] = useSettledValue(liveFilter, 300);
  const filterPending = JSON.stringify(liveFilter ?? null) !== JSON.stringify(filter ?? null);
  const activeConditions = countCompleteConditions(filterFields, conditions);

  // A table grouped by a field lists each group together: the group field sorts first.
  const querySort = useMemo<SortSpec[]>(() => {
    if (layout.type !== 'table' || !layout.groupField || isMobile) return sort;
    return [{ field: layout.groupField, dir: 'asc' }, ...sort.filter((spec) => spec.field !== layout.groupField)];
  }, [layout.type, layout.groupField, isMobile, sort]);
  const listKey = useMemo(() => recordsQueryKey(appKey, formKey, { filter, sort: querySort }), [appKey, formKey, filter, querySort]);
  const query = useInfiniteQuery({
    queryKey: listKey,
    queryFn: ({ pageParam, signal }) => queryRecords(appKey, formKey, buildRecordQuery({ filter, sort: querySort }, pageParam), signal),
    initialPageParam: null as string | null,
    getNextPageParam: nextPageParam,
    enabled: !!form && views.ready,
  });
  // Each page loaded adds its rows to the summary of the pages before it (not a pass over every row).
  const pagedRows = useRef<PagedRows | undefined>(undefined);
  const summary = useMemo(() => (pagedRows.current = summariseMorePages(pagedRows.current, query.data?.pages)), [query.data]);
  // Forms with approval flows show each record's flow status (审批中, 已通过, ...) after the title.
  const { flows } = useFlows(appKey);
  const anyFlowStatus = useMemo(() => summary.rows.some((row) => !!row.flowStatus), [summary.rows]);
  const showFlowStatus = flowsForForm(flows, formKey).length > 0 || anyFlowStatus;
  const flowColumn = useMemo(() => flowStatusColumn(t('flow.statusColumn'), (status) => t(`flow.status.${status}`)), [t]);
  // Kept across renders (the grid's and cards' rows render again when their columns change).
  const titleKey = titleFieldKey(fields, form?.settings?.titleField);
  const gridColumns = useMemo(() => (showFlowStatus ? withColumnAfter(columns, titleKey, flowColumn) : columns), [showFlowStatus, columns, titleKey, flowColumn]);
  const detailColumns = useMemo(
    () => columns.filter((column) => column.key !== titleKey && column.key !== layout.groupField && !column.system).slice(0, 3),
    [columns, titleKey, layout.groupField],
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;
  const loadMore = useCallback(() => void fetchNextPage(), [fetchNextPage]);

  const open = useCallback((record: RecordItem) => navigate(`records/${encodeURIComponent(record.id)}`), [navigate]);
  const onSort = useCallback((field: string, multi: boolean) => setSort((current) => toggleSort(current, field, multi)), []);
  const kanban = useKanbanMove({ appKey, formKey, queryKey: listKey, field: layout.type === 'kanban' ? groupColumn?.field : undefined, fields, locale });

  // A calendar loads its month whole (up to CALENDAR_LIMIT records).
  const calendarRows = layout.type === 'calendar' ? summary.rows.length : 0;
  useEffect(() => {
    if (layout.type === 'calendar' && hasNextPage && !isFetchingNextPage && calendarRows < CALENDAR_LIMIT) void fetchNextPage();
  }, [layout.type, hasNextPage, isFetchingNextPage, calendarRows, fetchNextPage]);

  // A selection belongs to one list: another filter, sort or view starts with none.
  const listIdentity = JSON.stringify([filter ?? null, querySort, views.activeKey]);
  useEffect(() => setSelected(new Set()), [listIdentity]);
  const selectedIds = useMemo(() => (selected.size === 0 ? [] : summary.rows.filter((row) => selected.has(row.id)).map((row) => row.id)), [summary.rows, selected]);
  const selection = useMemo(() => ({
    selected,
    onToggle: (id: string) => setSelected((current) => toggleSelected(current, id)),
    onToggleAll: () => setSelected((current) => toggleAll(current, summary.rows.map((row) => row.id))),
  }), [selected, summary.rows]);
  // After a bulk action the list reloads; once its summary is closed, the records it could not change
  // stay selected.
  const afterBulk = (progress: BulkProgress) => {
    void queryClient.invalidateQueries({ queryKey: ['records', appKey, formKey] });
    return progress;
  };
  const bulkDone = (progress: BulkProgress) => setSelected(new Set(progress.failed.map((failure) => failure.id)));
  const runBulkEdit = async (data: Record<string, unknown>, onProgress: (progress: BulkProgress) => void) =>
    afterBulk(await runBulk(selectedIds, (ids) => bulkUpdateRecords(appKey, formKey, ids, data), onProgress));
  const runBulkDelete = async (onProgress: (progress: BulkProgress) => void) =>
    afterBulk(await runBulk(selectedIds, (ids) => bulkDeleteRecords(appKey, formKey, ids), onProgress));

  if (metaLoading) return <PageLoading />;
  if (metaError) return <PageError error={metaError} onRetry={refetchMeta} />;
  if (!form) return <PageError error={new ApiError(404, 'NOT_FOUND', '')} />;

  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  const titleColumn = allColumns.find((column) => column.key === titleKey);
  const totalText = summary.totalIsEstimate
    ? t('records.totalEstimate', { n: formatNumber(summary.total, locale) })
    : t('records.total', { n: formatNumber(summary.total, locale) });
  const editable = form.access?.editable ?? '*';
  const editableGroup = !!groupColumn && !groupColumn.system && (editable === '*' || editable.includes(groupColumn.key));
  const resetKey = JSON.stringify([filter ?? null, querySort, views.activeKey]);
  const showTable = layout.type === 'table' && !isMobile;
  const bulkFields = bulkEditableFields(fields, form.access);
  const canBulk = showTable && (can('update') || can('delete'));
  const cards = (
    <RecordCards
      titleColumn={titleColumn}
      detailColumns={detailColumns}
      rows={summary.rows}
      onOpen={open}
      formatContext={formatContext}
      hasNextPage={!!hasNextPage}
      isFetchingNextPage={isFetchingNextPage}
      fetchNextPage={loadMore}
      resetKey={resetKey}
    />
  );

  let body;
  if (!views.ready || query.isLoading || filterPending) body = <PageLoading />;
  else if (query.error && !query.data) {
    body = (
      <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} />
    );
  } else if (layout.type === 'kanban' && groupColumn) {
    body = (
      <KanbanBoard
        appKey={appKey}
        formKey={formKey}
        filter={filter}
        field={groupColumn.field}
        rows={summary.rows}
        titleColumn={titleColumn}
        detailColumns={detailColumns}
        formatContext={formatContext}
        canMove={can('update') && editableGroup}
        onMove={(record, lane) => void kanban.move(record, lane)}
        pendingIds={kanban.pending}
        onOpen={open}
        hasNextPage={!!hasNextPage}
        isFetchingNextPage={isFetchingNextPage}
        fetchNextPage={loadMore}
        isMobile={isMobile}
      />
    );
  } else if (layout.type === 'calendar' && groupColumn) {
    body = (
      <RecordCalendar
        dateColumn={groupColumn}
        month={month}
        onMonthChange={setMonth}
        rows={summary.rows}
        loading={isFetchingNextPage}
        truncated={!!hasNextPage && summary.rows.length >= CALENDAR_LIMIT}
        titleColumn={titleColumn}
        formatContext={formatContext}
        onOpen={open}
        isMobile={isMobile}
      />
    );
  } else if (summary.rows.length === 0) {
    body = <Empty className="page-empty" description={filter ? t('records.noMatches') : t('records.empty')} />;
  } else if (!showTable) {
    body = cards;
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
        resetKey={resetKey}
        selection={canBulk ? selection : undefined}
        frozenColumns={layout.frozenColumns}
        groupField={groupColumn?.field}
        onResize={(key, width) => views.changeLayout({ columnWidths: { ...layout.columnWidths, [key]: width } })}
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
              ref={searchBox}
              type="search"
              allowClear
              prefix={<SearchOutlined aria-hidden />}
              placeholder={isMobile ? t('records.searchPlaceholder') : t('records.searchPlaceholderShortcut')}
              aria-label={t('records.search')}
              aria-keyshortcuts="/"
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
          {/* Administrators (and roles that may manage the form) change its fields and rules. */}
          {can('manage') && <Button icon={<FormOutlined />} onClick={() => navigate('design')} data-testid="records-design">
            {isMobile ? null : t('formDesigner.designButton')}
          </Button>}
          {canImport(form.access) && <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="records-import">
            {isMobile ? null : t('import.button')}
          </Button>}
          {showTable && (
            <TableOptions
              all={allColumns}
              shown={shownKeys(allColumns, layout.columns ?? defaultColumnKeys)}
              onColumnsChange={(keys) => views.changeLayout({ columns: keys })}
              frozen={layout.frozenColumns}
              onFrozenChange={(count) => views.changeLayout({ frozenColumns: count })}
              groupField={layout.groupField}
              groupCandidates={groupFieldCandidates(fields, 'table')}
              onGroupChange={(key) => views.changeLayout({ groupField: key })}
              locale={locale}
              compact={false}
            />
          )}
          {can('create') && <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('records/new')} data-testid="record-new">
            {t('records.new')}
          </Button>}
        </div>
      </div>
      <ViewSwitcher
        views={views.views}
        activeKey={views.activeKey}
        onSelect={views.select}
        dirty={views.dirty}
        canShare={can('manage')}
        fields={fields}
        systemDates={systemFields.slice(0, 2)}
        locale={locale}
        isMobile={isMobile}
        busy={views.busy}
        onSave={views.save}
        onSaveAs={views.saveAs}
        onRename={views.rename}
        onDelete={views.destroy}
      />
      {filterOpen && <FilterPanel fields={filterFields} conditions={conditions} onChange={setConditions} />}
      {canBulk && selected.size > 0 && (
        <BulkActions
          count={selectedIds.length}
          canEdit={can('update') && bulkFields.length > 0}
          canDelete={can('delete')}
          fields={bulkFields}
          locale={locale}
          appKey={appKey}
          formKey={formKey}
          onClear={() => setSelected(new Set())}
          runEdit={runBulkEdit}
          runDelete={runBulkDelete}
          onDone={bulkDone}
        />
      )}
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
