import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { changeLocale } from '../i18n';
import { NotificationBell } from './notification-bell';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const data = { appKey: 'crm', formKey: 'quote', recordId: 'r1', instanceId: 'i1', flowKey: 'quote_discount', nodeKey: 'director' };
const page = {
  items: [
    { id: 'n2', at: '2026-03-01T08:05:00.000Z', template: 'flow.remind', data: { ...data, taskId: 't9' }, readAt: null },
    { id: 'n1', at: '2026-03-01T08:00:00.000Z', template: '报价已审批，请尽快发给客户', data, readAt: null },
  ],
  nextCursor: null,
  unread: 2,
};

function setup() {
  const calls: { url: string; method: string; body: unknown }[] = [];
  vi.stubGlobal('fetch', vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url.startsWith('/api/notifications/read')) return json({ unread: 1 });
    if (url.startsWith('/api/notifications')) return json(page);
    return json({}, 404);
  }));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(
    [{ path: '/', element: <NotificationBell /> }, { path: '/inbox/tasks/:taskId', element: <div data-testid="task-detail" /> }],
    { initialEntries: ['/'] },
  );
  render(
    <QueryClientProvider client={client}>
      <App>
        <RouterProvider router={router} />
      </App>
    </QueryClientProvider>,
  );
  return { calls, router };
}

afterEach(() => vi.unstubAllGlobals());

describe('NotificationBell', () => {
  it('counts the unread notifications, lists them in the user’s language and opens one (marking it read)', async () => {
    await changeLocale('zh-CN');
    const { calls, router } = setup();
    await waitFor(() => expect(screen.getByTestId('nav-notifications').getAttribute('aria-label')).toBe('通知（2 条未读）'));
    fireEvent.click(screen.getByTestId('nav-notifications'));
    const items = await screen.findAllByTestId('notification-item');
    expect(items.map((item) => item.querySelector('.notification-item__text')?.textContent)).toEqual(['有一条审批等你处理', '报价已审批，请尽快发给客户']);
    fireEvent.click(items[0]);
    await waitFor(() => expect(router.state.location.pathname).toBe('/inbox/tasks/t9'));
    expect(calls.find((call) => call.method === 'POST')).toMatchObject({ url: '/api/notifications/read', body: { ids: ['n2'] } });
  });
});
