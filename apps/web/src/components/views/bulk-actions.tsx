import { useState } from 'react';
import { Alert, Button, Form, Modal, Progress, Result, Select } from 'antd';
import { DeleteOutlined, EditOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { FieldDefinition } from '@platform/schema';
import type { BulkProgress } from '../../lib/views/bulk';
import { failureGroups } from '../../lib/views/bulk';
import { errorMessage, issueMessage } from '../../lib/api-errors';
import type { BulkFailure } from '../../api/view-endpoints';
import { labelText } from '../../lib/label-text';
import { toWireValue } from '../../lib/form-values';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useDepartments, useUsers } from '../../hooks/use-lookups';
import { FieldInput, type FieldInputContext } from '../field-input';
import './views.css';

type Props = {
  count: number;
  canEdit: boolean;
  canDelete: boolean;
  fields: readonly FieldDefinition[];
  locale: string;
  appKey: string;
  formKey: string;
  onClear: () => void;
  /** Runs the bulk call; reports progress as chunks finish. */
  runEdit: (data: Record<string, unknown>, onProgress: (progress: BulkProgress) => void) => Promise<BulkProgress>;
  runDelete: (onProgress: (progress: BulkProgress) => void) => Promise<BulkProgress>;
  /** The summary was closed: the records left unchanged stay selected. */
  onDone: (progress: BulkProgress) => void;
};

type Stage = { kind: 'idle' } | { kind: 'running'; progress: BulkProgress } | { kind: 'done'; progress: BulkProgress };

/** A failure's reason in the user's language: the first issue when there is one, else the error code's message. */
function failureText(failure: Pick<BulkFailure, 'code' | 'message' | 'details'>, translate: (key: string, fallback: string, values?: Record<string, string | number>) => string): string {
  const issue = failure.details?.issues?.[0];
  if (issue) return issueMessage(issue, translate);
  return errorMessage(failure, translate);
}

/** How far a bulk action got, then what it did and why some records were left unchanged. */
function BulkOutcome({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  if (stage.kind === 'idle') return null;
  const { progress } = stage;
  const percent = progress.total ? Math.round((progress.done / progress.total) * 100) : 100;
  if (stage.kind === 'running') {
    return <Progress percent={percent} status="active" data-testid="bulk-progress" aria-label={t('bulk.progress', { done: progress.done, total: progress.total })} />;
  }
  const translate = (key: string, fallback: string, values?: Record<string, string | number>) => t(key, { defaultValue: fallback, ...values });
  const groups = failureGroups(progress.failed);
  return (
    <div data-testid="bulk-summary">
      <Result
        status={progress.failed.length === 0 ? 'success' : progress.succeeded.length === 0 ? 'error' : 'warning'}
        title={t('bulk.summary', { succeeded: progress.succeeded.length, failed: progress.failed.length })}
        style={{ padding: 16 }}
      />
      {groups.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('bulk.failedTitle')}
          description={(
            <ul className="bulk-summary__list">
              {groups.map((group) => (
                <li key={`${group.code}:${group.message}`}>{t('bulk.failedGroup', { count: group.ids.length, reason: failureText(group, translate) })}</li>
              ))}
            </ul>
          )}
        />
      )}
    </div>
  );
}

/** The bar over a table with selected rows: how many, bulk edit, bulk delete, clear. */
export function BulkActions(props: Props) {
  const { count, canEdit, canDelete, onClear } = props;
  const { t } = useTranslation();
  const [editOpen, setEditOpen] = useState(false);
  const [deleteOpen, setDeleteOpen] = useState(false);
  return (
    <div className="bulk-bar" role="region" aria-label={t('bulk.bar')} data-testid="bulk-bar">
      <span className="bulk-bar__count" aria-live="polite" data-testid="bulk-count">{t('bulk.selected', { count })}</span>
      {canEdit && <Button icon={<EditOutlined />} onClick={() => setEditOpen(true)} data-testid="bulk-edit">{t('bulk.edit')}</Button>}
      {canDelete && <Button danger icon={<DeleteOutlined />} onClick={() => setDeleteOpen(true)} data-testid="bulk-delete">{t('bulk.delete')}</Button>}
      <Button type="link" onClick={onClear} data-testid="bulk-clear">{t('bulk.clear')}</Button>
      {editOpen && <BulkEditModal {...props} onClose={() => setEditOpen(false)} />}
      {deleteOpen && <BulkDeleteModal {...props} onClose={() => setDeleteOpen(false)} />}
    </div>
  );
}

function BulkEditModal(props: Props & { onClose: () => void }) {
  const { fields, locale, onClose, runEdit, appKey, formKey } = props;
  // The list reloads while this runs: the count stays the one confirmed.
  const [count] = useState(props.count);
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { users } = useUsers();
  const { departments } = useDepartments();
  const [form] = Form.useForm();
  const [fieldKey, setFieldKey] = useState<string | undefined>();
  const [confirming, setConfirming] = useState(false);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const field = fields.find((candidate) => candidate.key === fieldKey);
  const context: FieldInputContext = {
    locale, users, departments, isMobile, appKey, formKey,
    placeholders: { select: t('form.selectPlaceholder'), input: t('form.inputPlaceholder'), url: 'https://' },
  };
  const start = async () => {
    if (!field) return;
    const value = toWireValue(field, form.getFieldValue(field.key));
    setStage({ kind: 'running', progress: { done: 0, total: count, succeeded: [], failed: [] } });
    const progress = await runEdit({ [field.key]: value ?? null }, (next) => setStage({ kind: 'running', progress: next }));
    setStage({ kind: 'done', progress });
  };
  const running = stage.kind === 'running';
  const close = () => {
    if (stage.kind === 'done') props.onDone(stage.progress);
    onClose();
  };
  const footer = stage.kind === 'done'
    ? [<Button key="close" type="primary" onClick={close} data-testid="bulk-close">{t('bulk.close')}</Button>]
    : confirming
      ? [
        <Button key="back" onClick={() => setConfirming(false)} disabled={running}>{t('bulk.back')}</Button>,
        <Button key="go" type="primary" loading={running} onClick={() => void start()} data-testid="bulk-edit-confirm">{t('bulk.editConfirm', { count })}</Button>,
      ]
      : [
        <Button key="cancel" onClick={onClose}>{t('common.cancel')}</Button>,
        <Button key="next" type="primary" disabled={!field} onClick={() => setConfirming(true)} data-testid="bulk-edit-next">{t('bulk.next')}</Button>,
      ];
  return (
    <Modal open title={t('bulk.editTitle', { count })} onCancel={running ? undefined : close} closable={!running} maskClosable={false} footer={footer} destroyOnHidden>
      {stage.kind === 'idle' && (
        <Form form={form} layout="vertical">
          <Form.Item label={t('bulk.field')}>
            <Select
              value={fieldKey}
              onChange={(key: string) => { setFieldKey(key); form.resetFields(); setConfirming(false); }}
              options={fields.map((candidate) => ({ value: candidate.key, label: labelText(candidate.label, locale) }))}
              showSearch={{ optionFilterProp: 'label' }}
              disabled={confirming}
              aria-label={t('bulk.field')}
              data-testid="bulk-field"
            />
          </Form.Item>
          {field && (
            <Form.Item name={field.key} label={t('bulk.value')} extra={t('bulk.emptyClears')}>
              <FieldInput field={field} context={{ ...context, disabled: confirming }} />
            </Form.Item>
          )}
          {confirming && field && (
            <Alert type="warning" showIcon title={t('bulk.editWarning', { count, field: labelText(field.label, locale) })} data-testid="bulk-edit-warning" />
          )}
        </Form>
      )}
      <BulkOutcome stage={stage} />
    </Modal>
  );
}

function BulkDeleteModal(props: Props & { onClose: () => void }) {
  const { onClose, runDelete } = props;
  const [count] = useState(props.count);
  const { t } = useTranslation();
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });
  const running = stage.kind === 'running';
  const start = async () => {
    setStage({ kind: 'running', progress: { done: 0, total: count, succeeded: [], failed: [] } });
    const progress = await runDelete((next) => setStage({ kind: 'running', progress: next }));
    setStage({ kind: 'done', progress });
  };
  const close = () => {
    if (stage.kind === 'done') props.onDone(stage.progress);
    onClose();
  };
  const footer = stage.kind === 'done'
    ? [<Button key="close" type="primary" onClick={close} data-testid="bulk-close">{t('bulk.close')}</Button>]
    : [
      <Button key="cancel" onClick={onClose} disabled={running}>{t('common.cancel')}</Button>,
      <Button key="go" danger type="primary" loading={running} onClick={() => void start()} data-testid="bulk-delete-confirm">{t('bulk.deleteConfirm', { count })}</Button>,
    ];
  return (
    <Modal open title={t('bulk.deleteTitle', { count })} onCancel={running ? undefined : close} closable={!running} maskClosable={false} footer={footer} destroyOnHidden>
      {stage.kind === 'idle' && (
        <Alert type="warning" showIcon title={t('bulk.deleteWarning', { count })} />
      )}
      <BulkOutcome stage={stage} />
    </Modal>
  );
}
