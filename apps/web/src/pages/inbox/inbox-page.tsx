import { useMemo, useState } from 'react';
import { Alert, App as AntdApp, Button, Checkbox, Empty, Layout, Modal, Tabs, Tag, Typography } from 'antd';
import { AppstoreOutlined, CheckOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, Outlet, useNavigate, useSearchParams } from 'react-router-dom';
import { actOnTask, fetchInbox, INBOX_PAGE_SIZE } from '../../api/flow-endpoints';
import type { FlowInstance, InboxBox, InboxTask } from '../../api/flow-types';
import { invalidateAfterFlowAction, useInboxCounts } from '../../hooks/use-flows';
import { useFormatContext } from '../../hooks/use-format-context';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { ALREADY_DONE_CODE, runBatch, summariseBatch, type BatchOutcome, type BatchSummary } from '../../lib/batch-summary';
import { FLOW_STATUS_COLORS, flowStatusKey } from '../../lib/flow-status';
import { findNode, START_NODE_KEY } from '../../lib/flow-definition';
import { flowErrorMessage } from '../../lib/flow-errors';
import { flattenInboxPages, INBOX_BOXES, INBOX_KEY, inboxQueryKey, instanceDetailPath, isInboxBox, isOverdue, taskDetailPath } from '../../lib/inbox';
import { labelText } from '../../lib/label-text';
import { LanguageSwitch } from '../../components/language-switch';
import { UserMenu } from '../../components/user-menu';
import { PageLoading } from '../../components/page-state';
import { InboxRow, type InboxRowView } from './inbox-row';
import { recordTitle, useInboxLookups } from './use-inbox-lookups';
import './inbox.css';
import { LoadErrorAlert } from '../../components/load-error-alert';

/** /inbox: 待办, 已办, 我发起的, 抄送我的; the approval detail opens over it. */
export default function InboxPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const [searchParams, setSearchParams] = useSearchParams();
  const requested = searchParams.get('box');
  // The tab survives opening a detail (whose URL has no ?box=): it is state, mirrored into the URL.
  const [box, setBox] = useState<InboxBox>(isInboxBox(requested) ? requested : 'todo');
  const counts = useInboxCounts();
  useDocumentTitle(t('inbox.title'));

  const count = (value: number | undefined, testId: string) =>
    value ? <span className="inbox-tabs__count" data-testid={testId}>{value > 99 ? '99+' : value}</span> : null;
  const labels: Record<InboxBox, string> = {
    todo: t('inbox.box.todo'), done: t('inbox.box.done'), started: t('inbox.box.started'), cc: t('inbox.box.cc'),
  };

  return (
    <AntdApp component={false}>
      <Layout className="inbox-shell">
        <Layout.Header className="app-header">
          <Link to="/" className="app-header__home" aria-label={t('nav.home')} title={t('nav.home')}>
            <AppstoreOutlined />
          </Link>
          <Typography.Text strong ellipsis className="app-header__title">{t('inbox.title')}</Typography.Text>
          <div className="app-header__spacer" />
          <LanguageSwitch compact={isMobile} />
          <UserMenu compact={isMobile} />
        </Layout.Header>
        <Layout.Content className="inbox-page" data-testid="inbox-page">
          <Tabs
            className="inbox-tabs"
            activeKey={box}
            onChange={(key) => {
              if (!isInboxBox(key)) return;
              setBox(key);
              setSearchParams(key === 'todo' ? {} : { box: key }, { replace: true });
            }}
            items={INBOX_BOXES.map((key) => ({
              key,
              label: (
                <span data-testid={`inbox-tab-${key}`} className="inbox-tabs__label">
                  {labels[key]}
                  {key === 'todo' && count(counts.data?.todo, 'inbox-count-todo')}
                  {key === 'cc' && count(counts.data?.cc, 'inbox-count-cc')}
                </span>
              ),
            }))}
          />
          <InboxList key={box} box={box} />
        </Layout.Content>
      </Layout>
      <Outlet />
    </AntdApp>
  );
}

type Row = { kind: 'task'; task: InboxTask } | { kind: 'instance'; instance: FlowInstance };

function InboxList({ box }: { box: InboxBox }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { modal } = AntdApp.useApp();
  const formatContext = useFormatContext();
  const locale = formatContext.locale;
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [batchRunning, setBatchRunning] = useState(false);
  // The result of the last batch approval, shown once the confirmation has closed.
  const [batchResult, setBatchResult] = useState<{ outcomes: BatchOutcome[]; summary: BatchSummary; titles: Map<string, string> } | null>(null);

  const query = useInfiniteQuery({
    queryKey: inboxQueryKey(box),
    queryFn: ({ pageParam, signal }) => fetchInbox(box, pageParam, INBOX_PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    staleTime: 0,
  });
  const rows = useMemo<Row[]>(
    () => flattenInboxPages(query.data?.pages).map((item) => (box === 'started' ? { kind: 'instance', instance: item as FlowInstance } : { kind: 'task', task: item as InboxTask })),
    [query.data, box],
  );
  const refs = useMemo(
    () => rows.map((row) => (row.kind === 'task' ? row.task : row.instance)).map((item) => ({ appKey: item.appKey, formKey: item.formKey, recordId: item.recordId })),
    [rows],
  );
  const lookups = useInboxLookups(refs);

  const nodeLabel = (appKey: string, flowKey: string, nodeKey: string) => {
    if (nodeKey === START_NODE_KEY) return t('flow.node.start');
    const node = findNode(lookups.flows(appKey).find((flow) => flow.key === flowKey)?.nodes, nodeKey);
    return node ? labelText(node.name, locale) || nodeKey : nodeKey;
  };
  const now = Date.now();
  const viewOf = (row: Row): InboxRowView => {
    const item = row.kind === 'task' ? row.task : row.instance;
    const form = lookups.form(item.appKey, item.formKey);
    const found = lookups.record(item);
    const title = recordTitle(form, found?.record, formatContext) || (found?.failed ? t('inbox.recordUnavailable') : '');
    const formName = form ? labelText(form.name, locale) : item.formKey;
    if (row.kind === 'instance') {
      const instance = row.instance;
      const waiting = [...new Set(instance.currentTasks.filter((task) => task.status === 'todo' && task.kind !== 'cc').map((task) => nodeLabel(instance.appKey, instance.flowKey, task.nodeKey)))];
      return {
        id: instance.id,
        formName,
        title,
        nodeText: waiting.length ? t('inbox.waitingOn', { nodes: waiting.join(', ') }) : '',
        tag: <Tag color={FLOW_STATUS_COLORS[instance.status]} data-testid="flow-status">{t(flowStatusKey(instance.status))}</Tag>,
        createdAt: instance.history[0]?.at,
        createdLabel: t('inbox.startedAt'),
        overdue: false,
      };
    }
    const task = row.task;
    const tag = task.kind === 'resubmit' ? <Tag color="warning">{t('inbox.kind.resubmit')}</Tag> : task.kind === 'cc' ? <Tag>{t('inbox.kind.cc')}</Tag> : task.kind === 'handle' ? <Tag color="blue">{t('inbox.kind.handle')}</Tag> : undefined;
    return {
      id: task.id,
      formName,
      title,
      nodeText: nodeLabel(task.appKey, task.flowKey, task.nodeKey),
      tag,
      createdAt: task.createdAt,
      dueAt: task.dueAt,
      overdue: box === 'todo' && isOverdue(task, now),
    };
  };

  const open = (row: Row) => {
    const path = row.kind === 'task' ? taskDetailPath(row.task) : instanceDetailPath(row.instance);
    navigate(path, { state: { box } });
  };

  // Batch approval: to-do approval and handler tasks (a returned flow is resubmitted one by one).
  const selectable = (row: Row) => box === 'todo' && row.kind === 'task' && (row.task.kind === 'approve' || row.task.kind === 'handle');
  const selectableIds = rows.filter(selectable).map((row) => (row.kind === 'task' ? row.task.id : ''));
  const chosen = selectableIds.filter((id) => selected.has(id));
  const toggle = (id: string, on: boolean) =>
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  const batchApprove = () => {
    const ids = [...chosen];
    const tasks = rows.flatMap((row) => (row.kind === 'task' && ids.includes(row.task.id) ? [row.task] : []));
    const titles = new Map(rows.flatMap((row) => (row.kind === 'task' && ids.includes(row.task.id) ? [[row.task.id, viewOf(row).title] as [string, string]] : [])));
    modal.confirm({
      title: t('inbox.batchConfirmTitle', { count: ids.length }),
      content: t('inbox.batchConfirmText'),
      okText: t('inbox.batchApprove'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'inbox-batch-confirm' },
      onOk: async () => {
        setBatchRunning(true);
        try {
          const outcomes = await runBatch(ids, (id) => actOnTask(id, { action: 'approve' }));
          setSelected(new Set());
          for (const task of tasks) invalidateAfterFlowAction(queryClient, task);
          void queryClient.invalidateQueries({ queryKey: INBOX_KEY });
          setBatchResult({ outcomes, summary: summariseBatch(outcomes), titles });
        } finally {
          setBatchRunning(false);
        }
      },
    });
  };

  let body;
  if (query.isLoading) body = <PageLoading />;
  else if (query.error && rows.length === 0) {
    body = (
      <LoadErrorAlert error={query.error} onRetry={() => void query.refetch()} />
    );
  } else if (rows.length === 0) body = <Empty className="page-empty" description={t(`inbox.empty.${box}`)} data-testid="inbox-empty" />;
  else {
    body = (
      <div className="inbox-list" data-testid="inbox-list">
        {rows.map((row) => {
          const view = viewOf(row);
          const canSelect = selectable(row);
          return (
            <InboxRow
              key={view.id}
              view={view}
              onOpen={() => open(row)}
              selectable={canSelect}
              selected={canSelect && selected.has(view.id)}
              onSelect={(on) => toggle(view.id, on)}
            />
          );
        })}
        {query.hasNextPage && (
          <Button className="inbox-list__more" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage} data-testid="inbox-load-more">
            {t('inbox.loadMore')}
          </Button>
        )}
      </div>
    );
  }

  return (
    <div className="inbox-box">
      {box === 'todo' && selectableIds.length > 0 && (
        <div className="inbox-toolbar">
          <Checkbox
            checked={chosen.length > 0 && chosen.length === selectableIds.length}
            indeterminate={chosen.length > 0 && chosen.length < selectableIds.length}
            onChange={(event) => setSelected(event.target.checked ? new Set(selectableIds) : new Set())}
            data-testid="inbox-select-all"
          >
            {t('inbox.selectAll')}
          </Checkbox>
          <Button
            type="primary"
            icon={<CheckOutlined />}
            disabled={chosen.length === 0}
            loading={batchRunning}
            onClick={batchApprove}
            data-testid="inbox-batch-approve"
          >
            {chosen.length > 0 ? t('inbox.batchApproveCount', { count: chosen.length }) : t('inbox.batchApprove')}
          </Button>
        </div>
      )}
      {query.error && rows.length > 0 && <Alert type="warning" showIcon closable title={t('common.loadFailed')} />}
      {body}
      <Modal
        open={batchResult !== null}
        title={t('inbox.batchResultTitle')}
        onCancel={() => setBatchResult(null)}
        footer={<Button type="primary" onClick={() => setBatchResult(null)} data-testid="inbox-batch-result-close">{t('common.ok')}</Button>}
        destroyOnHidden
      >
        {batchResult && (
          <div className="inbox-batch-result" data-testid="inbox-batch-result">
            <p data-testid="inbox-batch-summary">
              {t('inbox.batchResult', { succeeded: batchResult.summary.succeeded, alreadyDone: batchResult.summary.alreadyDone, failed: batchResult.summary.failed })}
            </p>
            <ul className="inbox-batch-result__items">
              {batchResult.outcomes.map((outcome) => (
                <li key={outcome.id} data-testid="inbox-batch-item" data-outcome={outcome.ok ? 'ok' : outcome.code === ALREADY_DONE_CODE ? 'alreadyDone' : 'failed'}>
                  <span className="inbox-batch-result__title">{batchResult.titles.get(outcome.id) || t('record.untitled')}</span>
                  {outcome.ok ? (
                    <Tag color="success">{t('inbox.outcome.ok')}</Tag>
                  ) : outcome.code === ALREADY_DONE_CODE ? (
                    <Tag>{t('inbox.outcome.alreadyDone')}</Tag>
                  ) : (
                    <>
                      <Tag color="error">{t('inbox.outcome.failed')}</Tag>
                      <span className="inbox-batch-result__error">{flowErrorMessage({ code: outcome.code, message: outcome.message }, translate)}</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </Modal>
    </div>
  );
}
