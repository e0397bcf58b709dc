import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { FormDraft } from '../lib/form-designer/types';
import { useServerChecks } from './use-server-checks';

const draft = { key: 'visit', name: '来访登记', fields: [{ key: 'a', type: 'number', label: 'A', options: { decimals: 99 } }] } as unknown as FormDraft;
const issue = { path: ['fields', 0, 'options', 'decimals'], code: 'invalid_maximum', message: 'must be <= 10' };

function wrapper({ children }: { children: ReactNode }) {
  return <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>{children}</QueryClientProvider>;
}

describe('useServerChecks', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks the server to check the settled draft and gives its issues', async () => {
    const fetchMock = vi.fn(async () => new Response(JSON.stringify({ issues: [issue] }), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    vi.stubGlobal('fetch', fetchMock);
    const { result } = renderHook(() => useServerChecks('crm', draft, true), { wrapper });
    await waitFor(() => expect(result.current).toEqual([issue]), { timeout: 3000 });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/apps/crm/forms/check');
    expect(JSON.parse(String(init.body))).toEqual(draft);
  });

  it('asks nothing when the browser ran the full checks itself', async () => {
    const fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
    const { result } = renderHook(() => useServerChecks('crm', draft, false), { wrapper });
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(result.current).toBeNull();
    expect(fetchMock).not.toHaveBeenCalled();
  });
});
