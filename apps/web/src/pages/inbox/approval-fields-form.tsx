import { useMemo } from 'react';
import { App, Button, Form, type FormInstance } from 'antd';
import { SaveOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { actOnTask } from '../../api/flow-endpoints';
import { isApiError } from '../../api/client';
import type { FlowInstance, FlowTask } from '../../api/flow-types';
import type { FormMeta, RecordItem } from '../../api/types';
import { FieldInput, type FieldInputContext } from '../../components/field-input';
import { RecordSummary } from '../../components/flow/record-summary';
import { invalidateAfterFlowAction, recordFlowKey } from '../../hooks/use-flows';
import { useIsMobile } from '../../hooks/use-is-mobile';
import { useLocale } from '../../hooks/use-locale';
import { useDepartments, useUsers } from '../../hooks/use-lookups';
import { flowErrorMessage } from '../../lib/flow-errors';
import { recordToFormValues, type FormValues } from '../../lib/form-values';
import { labelText } from '../../lib/label-text';
import { approvalEdits, approvalFieldLayout } from './approval-fields';

type Props = {
  form: FormMeta;
  record: RecordItem;
  instance: FlowInstance;
  /** The user's open task (null: they only read). */
  task: FlowTask | null;
  formInstance: FormInstance<FormValues>;
};

/**
 * The record as the task's step shows it: the fields it hides are left out, the ones it lets the
 * assignee change are inputs (sent with the decision, or saved on their own), the rest is read.
 */
export function ApprovalFieldsForm({ form, record, instance, task, formInstance }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const locale = useLocale();
  const isMobile = useIsMobile();
  const queryClient = useQueryClient();
  const { users } = useUsers();
  const { departments } = useDepartments();
  const layout = useMemo(() => approvalFieldLayout(form.fields, task), [form.fields, task]);
  const editableKeys = useMemo(() => new Set(layout.editable.map((field) => field.key)), [layout]);
  const readForm = useMemo(
    () => ({ ...form, fields: form.fields.filter((field) => !layout.hidden.has(field.key) && !editableKeys.has(field.key)) }),
    [form, layout, editableKeys],
  );
  const initialValues = useMemo(() => recordToFormValues(layout.editable, record.data), [layout, record.data]);
  const target = { appKey: instance.appKey, formKey: instance.formKey, recordId: instance.recordId };

  const save = useMutation({
    mutationFn: async () => {
      const values = await formInstance.validateFields();
      const data = approvalEdits(layout.editable, values, record.data);
      if (!task || Object.keys(data).length === 0) return null;
      return actOnTask(task.id, { action: 'save', data });
    },
    onSuccess: (updated) => {
      if (!updated) return;
      queryClient.setQueryData(recordFlowKey(target.appKey, target.formKey, target.recordId), updated);
      invalidateAfterFlowAction(queryClient, target);
      message.success(t('inbox.fieldsSaved'));
    },
    onError: (failure) => {
      if (isApiError(failure)) message.error(flowErrorMessage(failure, (key, fallback) => t(key, { defaultValue: fallback })));
    },
  });

  const context: FieldInputContext = {
    locale, users, departments, isMobile, appKey: instance.appKey, formKey: instance.formKey,
    placeholders: { select: t('form.selectPlaceholder'), input: t('form.inputPlaceholder'), url: 'https://' },
  };

  return (
    <div className="approval-fields" data-testid="approval-fields">
      {layout.editable.length > 0 && (
        <div className="approval-fields__editable" data-testid="approval-editable">
          <div className="approval-fields__hint">{t('inbox.editableHint')}</div>
          <Form<FormValues> form={formInstance} layout="vertical" initialValues={initialValues} noValidate disabled={save.isPending}>
            {layout.editable.map((field) => {
              const label = labelText(field.label, locale);
              const required = layout.required.has(field.key);
              return (
                <Form.Item
                  key={field.key}
                  name={field.key}
                  label={label}
                  required={required}
                  rules={required && field.type !== 'switch' ? [{ required: true, message: t('validation.required', { label }) }] : []}
                  valuePropName={field.type === 'switch' ? 'checked' : 'value'}
                  data-testid={`approval-field-${field.key}`}
                >
                  <FieldInput field={field} context={context} />
                </Form.Item>
              );
            })}
          </Form>
          <Button icon={<SaveOutlined />} onClick={() => save.mutate()} loading={save.isPending} data-testid="approval-save-fields">
            {t('inbox.saveFields')}
          </Button>
        </div>
      )}
      <RecordSummary form={readForm} record={record} />
    </div>
  );
}

/** What the decision sends: the changed editable fields (validated first; throws when a field is wrong). */
export async function collectApprovalEdits(formInstance: FormInstance<FormValues>, form: FormMeta, record: RecordItem, task: FlowTask | null) {
  const layout = approvalFieldLayout(form.fields, task);
  if (layout.editable.length === 0) return undefined;
  const values = await formInstance.validateFields();
  const data = approvalEdits(layout.editable, values, record.data);
  return Object.keys(data).length ? data : undefined;
}
