import { Alert, Button, Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useFlows, useRecordFlow } from '../../hooks/use-flows';
import { errorMessage } from '../../lib/api-errors';
import { PageLoading } from '../page-state';
import { FlowStatusTag } from './flow-status-tag';
import { FlowTimeline } from './flow-timeline';
import { TaskActions } from './task-actions';
import './flow.css';

type Props = { appKey: string; formKey: string; recordId: string };

/** The record drawer's 审批 tab: the latest flow's status and timeline, and what the user may do on it. */
export function FlowPanel({ appKey, formKey, recordId }: Props) {
  const { t } = useTranslation();
  const flow = useRecordFlow(appKey, formKey, recordId);
  const { flows, flowName } = useFlows(appKey);
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });

  if (flow.isLoading) return <PageLoading />;
  if (flow.error) {
    return (
      <Alert
        type="error"
        showIcon
        title={isApiError(flow.error) ? errorMessage(flow.error, translate) : t('common.loadFailed')}
        action={<Button size="small" onClick={() => void flow.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  const instance = flow.data;
  if (!instance) return <Empty className="page-empty" description={t('flow.none')} data-testid="flow-none" />;

  return (
    <div className="flow-panel" data-testid="flow-panel">
      <div className="flow-panel__head">
        <span className="flow-panel__name">{flowName(instance.flowKey)}</span>
        <FlowStatusTag status={instance.status} />
      </div>
      <FlowTimeline instance={instance} flows={flows} />
      <TaskActions instance={instance} flows={flows} variant="inline" />
    </div>
  );
}
