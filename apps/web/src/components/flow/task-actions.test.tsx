import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { FlowInstance } from '../../api/flow-types';
import { ME_QUERY_KEY } from '../../auth/use-current-user';
import { changeLocale } from '../../i18n';
import { DIRECTOR, INITIATOR, MANAGER, returnedInstance, runningInstance, sampleFlow } from '../../test/sample-flow';
import { FlowTimeline } from './flow-timeline';
import { TaskActions, type ActedResult } from './task-actions';

function setup(userId: string, instance: FlowInstance, onActed?: (result: ActedResult) => void) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  client.setQueryData(ME_QUERY_KEY, { id: userId, username: userId, name: userId });
  client.setQueryData(['users'], {
    items: [
      { id: INITIATOR, username: 'sales1', name: '张三' },
      { id: MANAGER, username: 'manager_east', name: '李明' },
      { id: DIRECTOR, username: 'director', name: '王建国' },
    ],
  });
  return render(
    <QueryClientProvider client={client}>
      <App>
        <FlowTimeline instance={instance} flows={[sampleFlow]} />
        <TaskActions instance={instance} flows={[sampleFlow]} variant="footer" onActed={onActed} />
      </App>
    </QueryClientProvider>,
  );
}

afterEach(() => vi.unstubAllGlobals());

describe('TaskActions', () => {
  it('lets the approver approve with a comment: one POST to the task, then reports the new instance', async () => {
    await changeLocale('zh-CN');
    const approved = { ...runningInstance(), status: 'approved' as const, currentTasks: [] };
    const fetchMock = vi.fn(async () => new Response(JSON.stringify(approved), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const onActed = vi.fn();
    setup(DIRECTOR, runningInstance(), onActed);

    // The timeline names people and nodes, with the manager's comment.
    const timeline = screen.getByTestId('flow-timeline');
    expect(timeline.textContent).toContain('李明');
    expect(timeline.textContent).toContain('可以');
    expect(timeline.textContent).toContain('等待 王建国 处理（销售总监）');

    for (const id of ['task-approve', 'task-reject', 'task-return', 'task-transfer', 'task-delegate', 'task-add-signer']) expect(screen.getByTestId(id)).toBeTruthy();
    expect(screen.queryByTestId('task-resubmit')).toBeNull();
    expect(screen.queryByTestId('flow-withdraw')).toBeNull();

    fireEvent.change(screen.getByTestId('task-comment-input'), { target: { value: ' 同意，注意回款 ' } });
    fireEvent.click(screen.getByTestId('task-approve'));
    await waitFor(() => expect(onActed).toHaveBeenCalled());
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/tasks/t2/actions');
    expect(init.method).toBe('POST');
    expect(JSON.parse(String(init.body))).toEqual({ action: 'approve', comment: '同意，注意回款' });
    expect(onActed.mock.calls[0][0]).toMatchObject({ action: 'approve', instance: { status: 'approved' } });
  });

  it('shows the API error of a refused action in the user language', async () => {
    await changeLocale('zh-CN');
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ code: 'TASK_ALREADY_DONE', message: 'this task is already done' }), { status: 409 })));
    setup(DIRECTOR, runningInstance());
    fireEvent.click(screen.getByTestId('task-approve'));
    expect((await screen.findByTestId('task-action-error')).textContent).toContain('这项待办已经处理过了');
  });

  it('gives the initiator of a returned flow resubmit and withdraw, and nothing to decide', async () => {
    await changeLocale('zh-CN');
    setup(INITIATOR, returnedInstance());
    expect(screen.getByTestId('task-resubmit')).toBeTruthy();
    expect(screen.getByTestId('flow-withdraw')).toBeTruthy();
    expect(screen.queryByTestId('task-approve')).toBeNull();
    expect(screen.queryByTestId('task-return')).toBeNull();
    expect(screen.getByTestId('flow-timeline').textContent).toContain('请补充折扣说明');
  });

  it('renders nothing for a reader who has no part in the flow', async () => {
    await changeLocale('zh-CN');
    setup('u-stranger', { ...runningInstance(), status: 'approved', currentTasks: [] });
    expect(screen.queryByTestId('task-actions')).toBeNull();
  });
});
