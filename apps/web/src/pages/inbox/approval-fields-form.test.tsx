import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App, Form } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { FlowInstance } from '../../api/flow-types';
import type { FormMeta, RecordItem } from '../../api/types';
import { ME_QUERY_KEY } from '../../auth/use-current-user';
import { TaskActions } from '../../components/flow/task-actions';
import { changeLocale } from '../../i18n';
import type { FormValues } from '../../lib/form-values';
import { DIRECTOR, runningInstance, sampleFlow } from '../../test/sample-flow';
import { ApprovalFieldsForm, collectApprovalEdits } from './approval-fields-form';

const form: FormMeta = {
  key: 'quote', name: '报价单', version: 1, settings: {}, rules: [],
  fields: [
    { key: 'title', type: 'text', label: '标题' },
    { key: 'discount', type: 'percent', label: '折扣' },
    { key: 'note', type: 'textarea', label: '审批意见' },
    { key: 'cost', type: 'money', label: '成本' },
    { key: 'secret', type: 'text', label: '底价' },
  ],
};
const record: RecordItem = {
  id: 'r1', version: 4, createdAt: '', updatedAt: '', createdBy: null, ownerId: null, flowStatus: 'running',
  data: { title: '八五折报价', discount: 85, note: null, cost: null, secret: '机密' },
};

function instanceWithAccess(): FlowInstance {
  const instance = runningInstance();
  instance.currentTasks = [{ ...instance.currentTasks[0], fieldPermissions: { note: 'editable', cost: 'required', secret: 'hidden' }, unlistedFields: 'readonly' }];
  return instance;
}

function Detail({ instance }: { instance: FlowInstance }) {
  const [fieldsForm] = Form.useForm<FormValues>();
  const task = instance.currentTasks[0];
  return (
    <>
      <ApprovalFieldsForm form={form} record={record} instance={instance} task={task} formInstance={fieldsForm} />
      <TaskActions instance={instance} flows={[sampleFlow]} variant="footer" collectData={() => collectApprovalEdits(fieldsForm, form, record, task)} />
    </>
  );
}

function setup(instance: FlowInstance) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(ME_QUERY_KEY, { id: DIRECTOR, username: 'director', name: '王建国' });
  client.setQueryData(['users'], { items: [] });
  client.setQueryData(['departments'], { items: [] });
  return render(
    <QueryClientProvider client={client}>
      <App>
        <Detail instance={instance} />
      </App>
    </QueryClientProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('ApprovalFieldsForm', () => {
  it('shows the step’s editable fields as inputs, hides what it hides and sends the edits with the approval', async () => {
    await changeLocale('zh-CN');
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ ...instanceWithAccess(), status: 'approved', currentTasks: [] }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    setup(instanceWithAccess());

    expect(screen.getByTestId('approval-field-note')).toBeTruthy();
    expect(screen.getByTestId('approval-field-cost')).toBeTruthy();
    expect(screen.queryByTestId('approval-field-discount')).toBeNull();
    expect(screen.getByTestId('summary-discount')).toBeTruthy();
    // Hidden by the step: neither an input nor read.
    expect(screen.queryByTestId('summary-secret')).toBeNull();
    expect(screen.getByTestId('approval-fields').textContent).not.toContain('机密');

    fireEvent.change(screen.getByTestId('approval-field-note').querySelector('textarea') as HTMLTextAreaElement, { target: { value: '战略客户，同意' } });
    fireEvent.change(screen.getByTestId('approval-field-cost').querySelector('input') as HTMLInputElement, { target: { value: '1200' } });
    fireEvent.click(screen.getByTestId('task-approve'));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/tasks/t2/actions');
    expect(JSON.parse(String(init.body))).toEqual({ action: 'approve', data: { note: '战略客户，同意', cost: 1200 } });
  });

  it('does not send the approval while a field the step requires is empty', async () => {
    await changeLocale('zh-CN');
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    setup(instanceWithAccess());
    fireEvent.click(screen.getByTestId('task-approve'));
    expect((await screen.findByTestId('task-action-error')).textContent).toContain('请先修正标出的字段');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('shows the whole record read-only when the task gives no field access', async () => {
    await changeLocale('zh-CN');
    setup(runningInstance());
    expect(screen.queryByTestId('approval-editable')).toBeNull();
    expect(screen.getByTestId('summary-secret')).toBeTruthy();
  });
});
