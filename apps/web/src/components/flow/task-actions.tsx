import { useMemo, useState, type ReactNode } from 'react';
import { Alert, App, Button, Input, Modal, Radio } from 'antd';
import {
  CheckOutlined, CloseOutlined, MessageOutlined, NotificationOutlined, RollbackOutlined, SendOutlined, SwapOutlined,
  UndoOutlined, UserAddOutlined, UserSwitchOutlined,
} from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { actOnTask, withdrawFlow } from '../../api/flow-endpoints';
import { isApiError } from '../../api/client';
import type { FlowDefinitionSummary, FlowInstance, TaskActionBody, TaskActionName } from '../../api/flow-types';
import { useCurrentUser } from '../../auth/use-current-user';
import { invalidateAfterFlowAction, recordFlowKey, useFlowNames } from '../../hooks/use-flows';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { findNode } from '../../lib/flow-definition';
import { flowErrorMessage } from '../../lib/flow-errors';
import { offeredActions, remindableTaskIds, returnTargets } from '../../lib/task-actions';
import { UserSelect } from '../admin/user-select';
import './flow.css';

type PickerAction = 'transfer' | 'delegate' | 'addSigner';

/** What an action did, for the caller (the inbox closes its detail once the user's task is gone). */
export type ActedResult = { action: TaskActionName | 'withdraw'; instance: FlowInstance };

type Props = {
  instance: FlowInstance;
  flows: readonly FlowDefinitionSummary[] | undefined;
  /** The task the user came for (an inbox row); the user's other open task of the instance otherwise. */
  preferredTaskId?: string;
  onActed?: (result: ActedResult) => void;
  /** `footer`: the sticky bar of the approval detail (big buttons on phones); `inline`: inside a tab. */
  variant?: 'footer' | 'inline';
  /** The field edits to send with approve and resubmit (the fields the step lets the user change);
   * throws when they are not valid (the action is not sent). */
  collectData?: () => Promise<Record<string, unknown> | undefined>;
};

const PICKER_ICONS: Record<PickerAction, ReactNode> = {
  transfer: <SwapOutlined />,
  delegate: <UserSwitchOutlined />,
  addSigner: <UserAddOutlined />,
};

/**
 * The current user's moves on a flow: approve, reject, return, transfer, delegate, add a signer and
 * comment on their open task; resubmit a returned flow, withdraw and remind as its initiator.
 */
export function TaskActions({ instance, flows, preferredTaskId, onActed, variant = 'inline', collectData }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { user } = useCurrentUser();
  const { nodeName } = useFlowNames(flows);
  const flow = flows?.find((candidate) => candidate.key === instance.flowKey);
  const offered = useMemo(
    () => offeredActions(instance, user?.id, { preferredTaskId, withdrawPolicy: flow?.withdraw }),
    [instance, user?.id, preferredTaskId, flow?.withdraw],
  );
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [returnOpen, setReturnOpen] = useState(false);
  const [returnTo, setReturnTo] = useState('start');
  const [picker, setPicker] = useState<PickerAction | null>(null);
  const [pickedUser, setPickedUser] = useState<string | undefined>();
  const [position, setPosition] = useState<'before' | 'after'>('after');
  const translate = (key: string, fallback: string) => t(key, { defaultValue: fallback });
  const target = { appKey: instance.appKey, formKey: instance.formKey, recordId: instance.recordId };

  const done = (action: ActedResult['action'], updated: FlowInstance) => {
    queryClient.setQueryData(recordFlowKey(target.appKey, target.formKey, target.recordId), updated);
    invalidateAfterFlowAction(queryClient, target);
    setComment('');
    setError(null);
    message.success(t(`flow.done.${action}`));
    onActed?.({ action, instance: updated });
  };
  const failed = (failure: unknown) => {
    const text = isApiError(failure) ? flowErrorMessage(failure, translate) : String(failure);
    setError(text);
    if (isApiError(failure) && failure.code === 'TASK_ALREADY_DONE') invalidateAfterFlowAction(queryClient, target);
  };

  const act = useMutation({
    mutationFn: ({ taskId, body }: { taskId: string; body: TaskActionBody }) => actOnTask(taskId, body),
    onSuccess: (updated, { body }) => done(body.action, updated),
    onError: failed,
  });
  const withdraw = useMutation({
    mutationFn: () => withdrawFlow(instance.id, comment.trim() || undefined),
    onSuccess: (updated) => done('withdraw', updated),
    onError: failed,
  });
  const remind = useMutation({
    mutationFn: async () => {
      let last = instance;
      for (const taskId of remindableTaskIds(instance, user?.id ?? '')) {
        last = await actOnTask(taskId, { action: 'remind', comment: comment.trim() || undefined });
      }
      return last;
    },
    onSuccess: (updated) => done('remind', updated),
    onError: failed,
  });

  const task = offered.task;
  const busy = act.isPending || withdraw.isPending || remind.isPending;
  const trimmed = comment.trim();
  const send = async (action: TaskActionName, extra: Partial<TaskActionBody> = {}, taskId = task?.id) => {
    if (!taskId) return;
    setError(null);
    let data: Record<string, unknown> | undefined;
    if (collectData && (action === 'approve' || action === 'resubmit')) {
      try {
        data = await collectData();
      } catch {
        setError(t('flow.fieldsInvalid'));
        return;
      }
    }
    act.mutate({ taskId, body: { action, ...(trimmed ? { comment: trimmed } : {}), ...(data ? { data } : {}), ...extra } });
  };

  const nothingToDo = offered.actions.length === 0 && !offered.canWithdraw && !offered.canRemind && !offered.commentTaskId;
  if (nothingToDo) return null;

  const targets = task
    ? returnTargets(instance.history, task.nodeKey, (key) => {
        const type = findNode(flow?.nodes, key)?.type;
        return type === undefined || type === 'approval' || type === 'handler';
      })
    : [];
  const has = (action: TaskActionName) => offered.actions.includes(action);

  const confirmReject = () => {
    modal.confirm({
      title: t('flow.action.rejectConfirmTitle'),
      content: t('flow.action.rejectConfirmText'),
      okText: t('flow.action.reject'),
      okButtonProps: { danger: true, 'data-testid': 'task-reject-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => send('reject'),
    });
  };
  const confirmWithdraw = () => {
    modal.confirm({
      title: t('flow.action.withdrawConfirmTitle'),
      content: t('flow.action.withdrawConfirmText'),
      okText: t('flow.action.withdraw'),
      okButtonProps: { 'data-testid': 'flow-withdraw-confirm' },
      cancelText: t('common.cancel'),
      onOk: () => withdraw.mutate(),
    });
  };

  const big = variant === 'footer' && isMobile;
  return (
    <div className={`task-actions task-actions--${variant}${big ? ' task-actions--big' : ''}`} data-testid="task-actions">
      {error && <Alert type="error" showIcon title={error} className="task-actions__error" data-testid="task-action-error" closable={{ onClose: () => setError(null) }} />}
      {offered.commentTaskId && (
        <Input.TextArea
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          placeholder={task ? t('flow.commentPlaceholder') : t('flow.commentOnlyPlaceholder')}
          aria-label={t('flow.comment')}
          autoSize={{ minRows: 1, maxRows: 4 }}
          maxLength={2000}
          disabled={busy}
          data-testid="task-comment-input"
          className="task-actions__comment"
        />
      )}
      {task && task.kind !== 'resubmit' && (
        <div className="task-actions__decide">
          <Button type="primary" icon={<CheckOutlined />} onClick={() => void send('approve')} loading={act.isPending && act.variables?.body.action === 'approve'} disabled={busy} data-testid="task-approve" className="task-actions__big">
            {t('flow.action.approve')}
          </Button>
          <Button danger icon={<CloseOutlined />} onClick={confirmReject} disabled={busy} data-testid="task-reject" className="task-actions__big">
            {t('flow.action.reject')}
          </Button>
        </div>
      )}
      {task && task.kind === 'resubmit' && (
        <div className="task-actions__decide">
          <Button type="primary" icon={<SendOutlined />} onClick={() => void send('resubmit')} loading={act.isPending} disabled={busy} data-testid="task-resubmit" className="task-actions__big">
            {t('flow.action.resubmit')}
          </Button>
        </div>
      )}
      <div className="task-actions__more">
        {has('return') && (
          <Button icon={<RollbackOutlined />} onClick={() => { setReturnTo('start'); setReturnOpen(true); }} disabled={busy} data-testid="task-return">
            {t('flow.action.return')}
          </Button>
        )}
        {(['transfer', 'delegate', 'addSigner'] as const).filter(has).map((action) => (
          <Button key={action} icon={PICKER_ICONS[action]} onClick={() => { setPickedUser(undefined); setPicker(action); }} disabled={busy} data-testid={`task-${action === 'addSigner' ? 'add-signer' : action}`}>
            {t(`flow.action.${action}`)}
          </Button>
        ))}
        {offered.commentTaskId && (
          <Button icon={<MessageOutlined />} onClick={() => void send('comment', {}, offered.commentTaskId ?? undefined)} disabled={busy || !trimmed} data-testid="task-comment">
            {t('flow.action.comment')}
          </Button>
        )}
        {offered.canRemind && (
          <Button icon={<NotificationOutlined />} onClick={() => remind.mutate()} loading={remind.isPending} disabled={busy} data-testid="flow-remind">
            {t('flow.action.remind')}
          </Button>
        )}
        {offered.canWithdraw && (
          <Button icon={<UndoOutlined />} onClick={confirmWithdraw} loading={withdraw.isPending} disabled={busy} data-testid="flow-withdraw">
            {t('flow.action.withdraw')}
          </Button>
        )}
      </div>

      <Modal
        open={returnOpen}
        title={t('flow.action.returnTitle')}
        okText={t('flow.action.return')}
        cancelText={t('common.cancel')}
        onCancel={() => setReturnOpen(false)}
        onOk={() => { setReturnOpen(false); void send('return', returnTo === 'start' ? {} : { toNodeKey: returnTo }); }}
        okButtonProps={{ 'data-testid': 'task-return-confirm' }}
        destroyOnHidden
      >
        <p className="task-actions__hint">{t('flow.action.returnHint')}</p>
        <Radio.Group value={returnTo} onChange={(event) => setReturnTo(event.target.value as string)} className="task-actions__targets" data-testid="task-return-targets">
          {targets.map((key) => (
            <Radio key={key} value={key}>
              <span data-testid={`task-return-to-${key}`}>{key === 'start' ? t('flow.returnToInitiator') : nodeName(instance.flowKey, key)}</span>
            </Radio>
          ))}
        </Radio.Group>
      </Modal>

      <Modal
        open={picker !== null}
        title={picker ? t(`flow.action.${picker}Title`) : ''}
        okText={picker ? t(`flow.action.${picker}`) : ''}
        cancelText={t('common.cancel')}
        onCancel={() => setPicker(null)}
        onOk={() => {
          if (!picker || !pickedUser) return;
          const action = picker;
          setPicker(null);
          void send(action, { toUserId: pickedUser, ...(action === 'addSigner' ? { position } : {}) });
        }}
        okButtonProps={{ disabled: !pickedUser, 'data-testid': 'task-user-confirm' }}
        destroyOnHidden
      >
        {picker && <p className="task-actions__hint">{t(`flow.action.${picker}Hint`)}</p>}
        <div data-testid="task-user-picker">
          <UserSelect value={pickedUser} onChange={setPickedUser} exclude={user?.id ? [user.id] : []} disableInactive className="task-actions__user" aria-label={t('flow.pickUser')} />
        </div>
        {picker === 'addSigner' && (
          <Radio.Group value={position} onChange={(event) => setPosition(event.target.value as 'before' | 'after')} className="task-actions__position">
            <Radio value="before">{t('flow.signerBefore')}</Radio>
            <Radio value="after">{t('flow.signerAfter')}</Radio>
          </Radio.Group>
        )}
      </Modal>
    </div>
  );
}
