import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { changeLocale } from '../../i18n';
import { draftFromDefinition } from '../../lib/flow-designer/draft';
import { quoteDiscountFlow, quoteForm } from '../../test/sample-flow-design';
import { FlowDesigner } from './flow-designer';

type Call = { url: string; method: string; body: unknown };

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/** Lookups answer from fixtures; PUT answers with `publishAnswer`. */
function stubApi(publishAnswer: () => Response) {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url.startsWith('/api/users')) return json({ items: [{ id: 'u-director', username: 'director', name: '王建国' }] });
    if (url.startsWith('/api/roles')) return json({ items: [{ id: 'r-director', name: '销售总监' }] });
    if (url.startsWith('/api/departments')) return json({ items: [] });
    if (url === '/api/apps/crm/flows' && method === 'GET') {
      return json({ items: [quoteDiscountFlow(), { key: 'legal_review', name: '法务审核', formKey: 'quote', version: 1, nodes: [] }, { key: 'other_form', name: '线索分配流程', formKey: 'lead', version: 1, nodes: [] }], nextCursor: null });
    }
    if (method === 'PUT') return publishAnswer();
    return json({}, 404);
  }));
  return calls;
}

function renderDesigner() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const designer = <FlowDesigner appKey="crm" initial={draftFromDefinition(quoteDiscountFlow())} version={3} forms={[quoteForm]} backTo="/apps/crm/flows" />;
  // A data router, as in the app: the designer blocks leaving with unpublished edits.
  const router = createMemoryRouter(
    [{ path: '/apps/crm/flows/quote_discount', element: designer }, { path: '/apps/crm/flows', element: <div data-testid="flows-list" /> }],
    { initialEntries: ['/apps/crm/flows/quote_discount'] },
  );
  return render(
    <QueryClientProvider client={client}>
      <App>
        <RouterProvider router={router} />
      </App>
    </QueryClientProvider>,
  );
}

const nodeCard = (key: string) => document.querySelector(`[data-testid="flow-node"][data-node-key="${key}"]`) as HTMLElement | null;

beforeEach(async () => {
  await changeLocale('zh-CN');
});
afterEach(() => vi.unstubAllGlobals());

describe('FlowDesigner', () => {
  it('draws the chain: 发起人, the condition node with both branches side by side, the nodes inside them, 结束', async () => {
    stubApi(() => json({}));
    renderDesigner();
    expect(screen.getByTestId('flow-start').textContent).toContain('发起人');
    expect(screen.getByTestId('flow-start').textContent).toContain('所有人');
    const group = screen.getByTestId('flow-branch-group');
    const branches = within(group).getAllByTestId('flow-branch');
    expect(branches.map((branch) => branch.getAttribute('data-branch-key'))).toEqual(['below_90', 'otherwise']);
    expect(branches[0].textContent).toContain('低于九折');
    expect(branches[0].textContent).toContain('优先级 1');
    expect(branches[0].textContent).toContain('折扣率 小于 90');
    expect(branches[1].textContent).toContain('其他条件都不满足时进入此分支');
    // The default branch can neither move nor be deleted; the other branch cannot move past it.
    expect(within(branches[1]).queryByTestId('flow-branch-delete')).toBeNull();
    expect(within(branches[0]).getByTestId('flow-branch-right').hasAttribute('disabled')).toBe(true);
    expect(within(branches[0]).getByTestId('flow-node').textContent).toContain('销售总监审批');
    await waitFor(() => expect(within(branches[0]).getByTestId('flow-node').textContent).toContain('角色: 销售总监 · 或签'));
    expect(within(branches[1]).getByTestId('flow-node').textContent).toContain('直属上级');
    expect(screen.getByTestId('flow-end').textContent).toContain('结束');
    // A "+" before and after every node of every chain: top chain 2, each branch 2.
    expect(screen.getAllByTestId('flow-add')).toHaveLength(6);
    expect(screen.getByTestId('flow-publish').textContent).toContain('发布 v4');
    expect(screen.getByTestId('flow-version-note').textContent).toContain('进行中的审批按原版本走完');
  });

  it('adds an approval node in a branch, flags it on publish, and undoes, redoes and deletes it with the keyboard', async () => {
    const calls = stubApi(() => json({}));
    renderDesigner();
    const firstBranch = screen.getAllByTestId('flow-branch')[0];
    fireEvent.click(within(firstBranch).getAllByTestId('flow-add')[1]);
    fireEvent.click(await screen.findByTestId('flow-menu-approval'));
    const added = nodeCard('approval');
    expect(added).not.toBeNull();
    expect(firstBranch.contains(added)).toBe(true);
    expect(added?.getAttribute('aria-pressed')).toBe('true');
    expect(added?.textContent).toContain('请设置审批人');
    expect(screen.getByTestId('flow-dirty')).toBeTruthy();

    // Publishing first runs the client checks: the node turns red and the summary lists it; nothing is sent.
    fireEvent.click(screen.getByTestId('flow-publish'));
    await waitFor(() => expect(nodeCard('approval')?.className).toContain('has-issue'));
    expect(screen.getByTestId('flow-issues').textContent).toContain('请设置审批人');
    expect(calls.filter((call) => call.method === 'PUT')).toHaveLength(0);

    fireEvent.click(screen.getByTestId('flow-undo'));
    expect(nodeCard('approval')).toBeNull();
    expect(screen.queryByTestId('flow-issues')).toBeNull();
    fireEvent.click(screen.getByTestId('flow-redo'));
    expect(nodeCard('approval')).not.toBeNull();

    // The Delete key removes the selected node (not while typing in a field).
    act(() => nodeCard('approval')?.click());
    fireEvent.keyDown(screen.getByTestId('node-name-input'), { key: 'Delete' });
    expect(nodeCard('approval')).not.toBeNull();
    fireEvent.keyDown(window, { key: 'Delete' });
    expect(nodeCard('approval')).toBeNull();
    fireEvent.keyDown(window, { key: 'z', ctrlKey: true });
    expect(nodeCard('approval')).not.toBeNull();

    // Leaving with unpublished edits asks first; staying keeps the designer.
    fireEvent.click(screen.getByTestId('flow-back'));
    expect((await screen.findAllByText('离开设计器？')).length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: /取\s*消/ }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.getByTestId('flow-designer')).toBeTruthy();
    expect(screen.queryByTestId('flows-list')).toBeNull();
  });

  it('adds a branch before the default, edits a branch condition, and publishes the json-logic condition', async () => {
    const published = { ...quoteDiscountFlow(), version: 4 };
    const calls = stubApi(() => json(published));
    renderDesigner();
    fireEvent.click(screen.getByTestId('flow-add-branch'));
    expect(screen.getAllByTestId('flow-branch').map((branch) => branch.getAttribute('data-branch-key'))).toEqual(['below_90', 'branch_3', 'otherwise']);
    fireEvent.click(screen.getAllByTestId('flow-branch')[1].querySelector('[data-testid="flow-branch-delete"]') as HTMLElement);
    expect(screen.getAllByTestId('flow-branch')).toHaveLength(2);

    fireEvent.click(within(screen.getAllByTestId('flow-branch')[0]).getByTestId('flow-branch-card'));
    const value = (await screen.findByTestId('condition-value')).querySelector('input') as HTMLInputElement;
    expect(value.value).toBe('90');
    fireEvent.change(value, { target: { value: '80' } });
    await waitFor(() => expect(screen.getAllByTestId('flow-branch')[0].textContent).toContain('折扣率 小于 80'));

    fireEvent.click(screen.getByTestId('flow-publish'));
    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    const put = calls.find((call) => call.method === 'PUT') as Call;
    expect(put.url).toBe('/api/apps/crm/flows/quote_discount');
    const body = put.body as ReturnType<typeof quoteDiscountFlow>;
    expect('version' in body).toBe(false);
    const condition = (body.nodes[0] as { branches: { condition: unknown }[] }).branches[0].condition;
    expect(condition).toEqual({ and: [{ '<': [{ var: 'discount' }, 80] }] });
    await waitFor(() => expect(screen.queryByTestId('flow-dirty')).toBeNull());
  });

  it('puts the server issues of a refused publish on the nodes they name', async () => {
    stubApi(() => json({
      code: 'VALIDATION_FAILED',
      message: 'invalid',
      details: { issues: [{ path: ['nodes', 0, 'branches', 1, 'nodes', 0, 'approvers', 0, 'level'], code: 'INVALID_VALUE', message: 'level is a whole number from 1 to 20' }] },
    }, 400));
    renderDesigner();
    fireEvent.click(screen.getByTestId('flow-publish'));
    await waitFor(() => expect(nodeCard('manager')?.className).toContain('has-issue'));
    expect(nodeCard('director')?.className).not.toContain('has-issue');
    const note = nodeCard('manager')?.parentElement?.querySelector('[data-testid="flow-node-issue"]');
    expect(note?.textContent).toContain('设置不正确: level is a whole number from 1 to 20');
    expect(screen.getByTestId('flow-issues').textContent).toContain('直属经理审批');
    // Editing that node clears its server issue until the next publish.
    act(() => nodeCard('manager')?.click());
    fireEvent.change(screen.getByTestId('node-name-input'), { target: { value: '经理审批' } });
    await waitFor(() => expect(nodeCard('manager')?.className).not.toContain('has-issue'));
  });

  it('edits action nodes (fields and values) and sub-flow nodes (flow, binding, rejection rule) and publishes them', async () => {
    const calls = stubApi(() => json({ ...quoteDiscountFlow(), version: 4 }));
    renderDesigner();
    fireEvent.click(screen.getAllByTestId('flow-add')[0]);
    fireEvent.click(await screen.findByTestId('flow-menu-action'));
    expect(nodeCard('action')).not.toBeNull();
    fireEvent.click(screen.getByTestId('effect-add'));
    fireEvent.click(await screen.findByTestId('effect-add-setFields'));
    fireEvent.click(screen.getByTestId('set-field-add'));
    fireEvent.click(await screen.findByTestId('set-field-add-amount'));
    const amount = screen.getByTestId('set-field-amount').querySelector('.fd-set-field__value input') as HTMLInputElement;
    fireEvent.change(amount, { target: { value: '5000' } });
    expect(nodeCard('action')?.textContent).toContain('1 个动作');
    expect(amount.value).toContain('5,000');

    fireEvent.click(screen.getAllByTestId('flow-add')[1]);
    // The first "+" menu stays mounted (hidden): the new one is the last.
    await waitFor(() => expect(screen.getAllByTestId('flow-menu-subflow')).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('flow-menu-subflow')[1]);
    expect(nodeCard('subflow')).not.toBeNull();
    // Only the flows of this form are offered, never the flow itself.
    const flowSelect = await screen.findByTestId('subflow-flow');
    fireEvent.mouseDown(flowSelect.querySelector('.ant-select-selector') ?? flowSelect);
    expect(await screen.findByText('法务审核')).toBeTruthy();
    expect(screen.queryByText('线索分配流程')).toBeNull();
    fireEvent.click(screen.getByText('法务审核'));
    fireEvent.click(within(screen.getByTestId('subflow-on-rejected')).getByText('继续本流程'));

    fireEvent.click(screen.getByTestId('flow-publish'));
    await waitFor(() => expect(calls.some((call) => call.method === 'PUT')).toBe(true));
    const body = (calls.find((call) => call.method === 'PUT') as Call).body as { nodes: Record<string, unknown>[] };
    expect(body.nodes[0]).toMatchObject({ key: 'action', type: 'action', effects: [{ type: 'setFields', data: { amount: 5000 } }] });
    expect(body.nodes[1]).toEqual({ key: 'subflow', type: 'subflow', name: '子流程', flowKey: 'legal_review', onRejected: 'continue' });
  });
});
