import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { changeLocale } from '../../i18n';
import type { ApiToken } from '../../api/token-endpoints';
import { TokensPanel } from './tokens-panel';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

const used: ApiToken = {
  id: 't1', name: 'nightly sync', scopes: [{ appKey: 'crm', actions: ['read', 'export'] }],
  createdAt: '2026-01-01T00:00:00Z', expiresAt: null, lastUsedAt: '2026-02-03T04:05:00Z',
};
const fresh: ApiToken = { id: 't2', name: 'report', scopes: [{ appKey: '*', actions: ['read'] }], createdAt: '2026-01-02T00:00:00Z', expiresAt: '2027-01-02T00:00:00Z', lastUsedAt: null };

/** The tokens API as the panel calls it: a list, creation (answering the secret once) and revocation. */
function stubApi() {
  let tokens = [used, fresh];
  const calls: { method: string; url: string; body?: unknown }[] = [];
  const fetchMock = vi.fn(async (url: string, init?: RequestInit) => {
    const method = init?.method ?? 'GET';
    calls.push({ method, url, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    if (url === '/api/apps') return json({ items: [{ key: 'crm', name: { 'zh-CN': '客户管理', 'en-US': 'CRM' } }] });
    if (url === '/api/tokens' && method === 'GET') return json({ items: tokens, nextCursor: null });
    if (url === '/api/tokens' && method === 'POST') return json({ id: 't3', token: 'pat_only-once' }, 201);
    if (url.startsWith('/api/tokens/') && method === 'DELETE') {
      tokens = tokens.filter((token) => `/api/tokens/${token.id}` !== url);
      return new Response(null, { status: 204 });
    }
    return json({ code: 'NOT_FOUND', message: url }, 404);
  });
  vi.stubGlobal('fetch', fetchMock);
  return calls;
}

function setup(ui: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(<QueryClientProvider client={client}>{ui}</QueryClientProvider>);
}

beforeEach(async () => {
  await changeLocale('en-US');
});
afterEach(() => vi.unstubAllGlobals());

describe('TokensPanel', () => {
  it('lists tokens with their scopes, expiry and last use', async () => {
    stubApi();
    setup(<TokensPanel />);
    const list = await screen.findByTestId('token-list');
    await within(list).findByText('nightly sync');
    expect(within(list).getByText('CRM: Read, Export')).toBeTruthy();
    expect(within(list).getByText('All apps: Read')).toBeTruthy();
    expect(screen.getByTestId('token-last-used-t2').textContent).toBe('Not used yet');
    expect(screen.getByTestId('token-last-used-t1').textContent).toMatch(/2026/);
    expect(within(list).getByText('Never')).toBeTruthy();
  });

  it('creates a token with its scopes and expiry and shows it once, with a copy button', async () => {
    const calls = stubApi();
    const writeText = vi.fn(async () => undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    setup(<TokensPanel />);
    const create = await screen.findByTestId('token-create');
    expect((create as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByTestId('token-name'), { target: { value: '  weekly export  ' } });
    fireEvent.click(within(screen.getByTestId('token-scope-0')).getByLabelText('Export'));
    fireEvent.click(create);

    const secret = await screen.findByTestId('token-secret');
    expect(secret.textContent).toBe('pat_only-once');
    const posted = calls.find((call) => call.method === 'POST')!.body as { name: string; scopes: unknown; expiresAt: string };
    expect(posted.name).toBe('weekly export');
    expect(posted.scopes).toEqual([{ appKey: '*', actions: ['read', 'export'] }]);
    const days = (new Date(posted.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThan(90.1);

    fireEvent.click(screen.getByTestId('token-copy'));
    await waitFor(() => expect(writeText).toHaveBeenCalledWith('pat_only-once'));
    expect(await screen.findByText('Copied')).toBeTruthy();
    // The list is read again: the secret is never part of it.
    await waitFor(() => expect(calls.filter((call) => call.method === 'GET' && call.url === '/api/tokens').length).toBe(2));
  });

  it('refuses to create without a name or without an action', async () => {
    stubApi();
    setup(<TokensPanel />);
    const create = await screen.findByTestId('token-create');
    fireEvent.change(screen.getByTestId('token-name'), { target: { value: 'x' } });
    expect((create as HTMLButtonElement).disabled).toBe(false);
    fireEvent.click(within(screen.getByTestId('token-scope-0')).getByLabelText('Read'));
    expect((create as HTMLButtonElement).disabled).toBe(true);
  });

  it('revokes a token after confirmation', async () => {
    const calls = stubApi();
    setup(<TokensPanel />);
    fireEvent.click(await screen.findByTestId('token-revoke-t1'));
    const confirm = (await screen.findByText('Anything still using it stops working at once.')).closest('.ant-popover') as HTMLElement;
    fireEvent.click(within(confirm).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(calls.some((call) => call.method === 'DELETE' && call.url === '/api/tokens/t1')).toBe(true));
    await waitFor(() => expect(screen.queryByText('nightly sync')).toBeNull());
  });
});
