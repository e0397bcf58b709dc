import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { FLOW_STATUS_COLORS, flowStatusKey, isFlowStatus } from '../../lib/flow-status';

/** 审批中 / 已通过 / 已拒绝 / 已撤回 / 已退回, coloured; nothing for a record that never went through a flow. */
export function FlowStatusTag({ status, className }: { status: string | null | undefined; className?: string }) {
  const { t } = useTranslation();
  if (!isFlowStatus(status)) return null;
  return (
    <Tag color={FLOW_STATUS_COLORS[status]} className={className} data-testid="flow-status" data-status={status}>
      {t(flowStatusKey(status))}
    </Tag>
  );
}
