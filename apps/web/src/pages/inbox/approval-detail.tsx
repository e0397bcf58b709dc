import { Drawer, Empty, Form } from 'antd';
import { ExportOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError } from '../../api/client';
import { fetchRecord } from '../../api/endpoints';
import { formsQueryOptions } from '../../hooks/use-app-meta';
import { useFlows, useRecordFlow } from '../../hooks/use-flows';
import { useCurrentUser } from '../../auth/use-current-user';
import { useFormatContext } from '../../hooks/use-format-context';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { isInboxBox, parseDetailTarget, recordPath } from '../../lib/inbox';
import { offeredActions } from '../../lib/task-actions';
import type { FormValues } from '../../lib/form-values';
import { labelText } from '../../lib/label-text';
import { PageError, PageLoading } from '../../components/page-state';
import { FlowStatusTag } from '../../components/flow/flow-status-tag';
import { FlowTimeline } from '../../components/flow/flow-timeline';
import { TaskActions, type ActedResult } from '../../components/flow/task-actions';
import { recordTitle } from './use-inbox-lookups';
import { ApprovalFieldsForm, collectApprovalEdits } from './approval-fields-form';

/** Actions after which the user's task is gone: the detail closes and the inbox shows what is left. */
const CLOSING_ACTIONS = new Set<ActedResult['action']>(['approve', 'reject', 'return', 'resubmit', 'transfer', 'delegate', 'withdraw']);

/**
 * /inbox/tasks/:taskId and /inbox/instances/:instanceId (with ?app=&form=&record=): the record, the flow's
 * timeline and the user's actions, in a drawer over the inbox (full screen on phones).
 */
export default function ApprovalDetail() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const location = useLocation();
  const { taskId } = useParams();
  const [search] = useSearchParams();
  const target = parseDetailTarget(search);
  const appKey = target?.appKey ?? '';
  const formKey = target?.formKey ?? '';
  const recordId = target?.recordId ?? '';
  const formatContext = useFormatContext();
  const locale = formatContext.locale;

  const fromBox = (location.state as { box?: unknown } | null)?.box;
  const close = () => navigate({ pathname: '/inbox', search: isInboxBox(fromBox) && fromBox !== 'todo' ? `?box=${fromBox}` : '' });

  const forms = useQuery({ ...formsQueryOptions(appKey), enabled: !!target });
  const form = forms.data?.items.find((candidate) => candidate.key === formKey);
  const record = useQuery({
    queryKey: ['record', appKey, formKey, recordId],
    queryFn: () => fetchRecord(appKey, formKey, recordId),
    enabled: !!target,
    staleTime: 0,
    retry: false,
  });
  const flow = useRecordFlow(appKey, formKey, recordId, !!target);
  const { flows, flowName } = useFlows(appKey, !!target);
  const instance = flow.data;
  const title = recordTitle(form, record.data, formatContext);
  const { user } = useCurrentUser();
  const [fieldsForm] = Form.useForm<FormValues>();
  // The task the decision buttons act on: its step decides which fields show and which can change.
  const myTask = instance ? offeredActions(instance, user?.id, { preferredTaskId: taskId }).task : null;

  let content;
  let footer;
  if (!target) content = <PageError error={new ApiError(404, 'NOT_FOUND', '')} />;
  else if (flow.isLoading || forms.isLoading || record.isLoading) content = <PageLoading />;
  else if (flow.error) content = <PageError error={flow.error} onRetry={() => void flow.refetch()} />;
  // The record cannot be read (gone, or no right to it): its flow cannot be either.
  else if (!instance && record.error) content = <PageError error={record.error} onRetry={() => void record.refetch()} />;
  else if (!instance) content = <Empty className="page-empty" description={t('flow.none')} />;
  else {
    content = (
      <div className="approval-detail" data-testid="approval-detail">
        <div className="approval-detail__head">
          <div className="approval-detail__title" data-testid="approval-title">{title || t('record.untitled')}</div>
          <div className="approval-detail__sub">
            <span>{form ? labelText(form.name, locale) : formKey}</span>
            <span aria-hidden>·</span>
            <span>{flowName(instance.flowKey)}</span>
            <FlowStatusTag status={instance.status} />
          </div>
        </div>
        <section className="approval-detail__section">
          <h3 className="approval-detail__heading">{t('inbox.timeline')}</h3>
          <FlowTimeline instance={instance} flows={flows} />
        </section>
        <section className="approval-detail__section">
          <div className="approval-detail__heading-row">
            <h3 className="approval-detail__heading">{t('inbox.recordContent')}</h3>
            <Link to={recordPath(target)} className="approval-detail__open" data-testid="approval-open-record">
              <ExportOutlined aria-hidden /> {t('inbox.openRecord')}
            </Link>
          </div>
          {form && record.data
            ? <ApprovalFieldsForm key={`${myTask?.id ?? 'read'}:${record.data.version}`} form={form} record={record.data} instance={instance} task={myTask} formInstance={fieldsForm} />
            : <Empty description={t('inbox.recordUnavailable')} />}
        </section>
      </div>
    );
    footer = (
      <TaskActions
        instance={instance}
        flows={flows}
        preferredTaskId={taskId}
        variant="footer"
        collectData={form && record.data ? () => collectApprovalEdits(fieldsForm, form, record.data, myTask) : undefined}
        onActed={(result) => {
          if (CLOSING_ACTIONS.has(result.action)) close();
        }}
      />
    );
  }

  return (
    <Drawer
      open
      onClose={close}
      size={isMobile ? '100%' : 720}
      placement="right"
      destroyOnHidden
      title={t('inbox.detailTitle')}
      footer={footer}
      className="approval-drawer"
      data-testid="approval-drawer"
    >
      {content}
    </Drawer>
  );
}
