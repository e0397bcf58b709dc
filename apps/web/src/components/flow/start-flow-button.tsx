import { useMemo, useState } from 'react';
import { Alert, Button, Form, Modal, Radio } from 'antd';
import { AuditOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { startFlow } from '../../api/flow-endpoints';
import { isApiError } from '../../api/client';
import type { FlowInstance } from '../../api/flow-types';
import { invalidateAfterFlowAction, recordFlowKey, useFlows } from '../../hooks/use-flows';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useLocale } from '../../hooks/use-locale';
import { flowsForForm, nodesNeedingPicks } from '../../lib/flow-definition';
import { flowErrorMessage } from '../../lib/flow-errors';
import { labelText } from '../../lib/label-text';
import { UserSelect } from '../admin/user-select';
import './flow.css';

type Props = {
  appKey: string;
  formKey: string;
  recordId: string;
  /** The record's flowStatus: no second flow while one runs. */
  flowStatus: string | null | undefined;
  onStarted?: (instance: FlowInstance) => void;
};

/**
 * 提交审批: lists the app's flows for this form (nothing when it has none), asks for the approvers of
 * nodes the initiator picks, and starts the chosen flow.
 */
export function StartFlowButton({ appKey, formKey, recordId, flowStatus, onStarted }: Props) {
  const { t } = useTranslation();
  const locale = useLocale();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { flows } = useFlows(appKey);
  const formFlows = useMemo(() => flowsForForm(flows, formKey), [flows, formKey]);
  const [open, setOpen] = useState(false);
  const [flowKey, setFlowKey] = useState<string | undefined>();
  const [picks, setPicks] = useState<Record<string, string[]>>({});
  const [error, setError] = useState<string | null>(null);
  const chosen = formFlows.find((flow) => flow.key === flowKey);
  const pickNodes = useMemo(() => nodesNeedingPicks(chosen), [chosen]);
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });

  const start = useMutation({
    mutationFn: () => startFlow(appKey, formKey, recordId, flowKey ?? '', Object.fromEntries(pickNodes.map((node) => [node.key, picks[node.key] ?? []]))),
    onSuccess: (instance) => {
      queryClient.setQueryData(recordFlowKey(appKey, formKey, recordId), instance);
      invalidateAfterFlowAction(queryClient, { appKey, formKey, recordId });
      setOpen(false);
      onStarted?.(instance);
    },
    onError: (failure) => setError(isApiError(failure) ? flowErrorMessage(failure, translate) : String(failure)),
  });

  if (formFlows.length === 0 || flowStatus === 'running') return null;
  const missingPicks = pickNodes.some((node) => (picks[node.key] ?? []).length === 0);

  return (
    <>
      <Button
        type="primary"
        ghost
        icon={<AuditOutlined />}
        onClick={() => {
          setFlowKey(formFlows.length === 1 ? formFlows[0].key : undefined);
          setPicks({});
          setError(null);
          setOpen(true);
        }}
        data-testid="flow-start"
        aria-label={t('flow.start')}
      >
        {isMobile ? null : t('flow.start')}
      </Button>
      <Modal
        open={open}
        title={t('flow.startTitle')}
        okText={t('flow.startConfirm')}
        cancelText={t('common.cancel')}
        onCancel={() => setOpen(false)}
        onOk={() => start.mutate()}
        okButtonProps={{ disabled: !flowKey || missingPicks, loading: start.isPending, 'data-testid': 'flow-start-confirm' }}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon title={error} className="start-flow__error" data-testid="flow-start-error" />}
        <Form layout="vertical" component="div">
          <Form.Item label={t('flow.chooseFlow')} required>
            <Radio.Group value={flowKey} onChange={(event) => setFlowKey(event.target.value as string)} className="start-flow__flows">
              {formFlows.map((flow) => (
                <Radio key={flow.key} value={flow.key}>
                  <span data-testid={`flow-option-${flow.key}`}>{labelText(flow.name, locale) || flow.key}</span>
                </Radio>
              ))}
            </Radio.Group>
          </Form.Item>
          {pickNodes.map((node) => (
            <Form.Item key={node.key} label={t('flow.pickApprovers', { node: labelText(node.name, locale) || node.key })} required>
              <UserSelect mode="multiple" value={picks[node.key] ?? []} onChange={(value) => setPicks((current) => ({ ...current, [node.key]: value }))} disableInactive />
            </Form.Item>
          ))}
        </Form>
      </Modal>
    </>
  );
}
