import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiRequest, buildUrl, setUnauthenticatedHandler } from './client';

function mockFetch(status: number, body?: unknown, contentType = 'application/json') {
  const fetchMock = vi.fn(async () =>
    new Response(body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'Content-Type': contentType },
    }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setUnauthenticatedHandler(null);
});

describe('apiRequest', () => {
  it('sends JSON with the session cookie and parses the answer', async () => {
    const fetchMock = mockFetch(200, { items: [] });
    await expect(apiRequest('/api/apps', { method: 'POST', body: { a: 1 } })).resolves.toEqual({ items: [] });
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/apps');
    expect(init.credentials).toBe('same-origin');
    expect(init.body).toBe('{"a":1}');
    expect((init.headers as Record<string, string>)['Content-Type']).toBe('application/json');
    expect((init.headers as Record<string, string>).Authorization).toBeUndefined();
  });

  it('answers undefined for 204', async () => {
    mockFetch(204);
    await expect(apiRequest('/api/x', { method: 'DELETE' })).resolves.toBeUndefined();
  });

  it('throws ApiError with the code, message and details of the body', async () => {
    mockFetch(400, { code: 'VALIDATION_FAILED', message: 'bad', details: { issues: [{ path: ['name'], code: 'required', message: 'r' }] } });
    const error = await apiRequest('/api/x').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', message: 'bad' });
    expect((error as ApiError).details?.issues?.[0].path).toEqual(['name']);
  });

  it('derives a code when the body is not the API error shape', async () => {
    mockFetch(502, '<html>bad gateway</html>', 'text/html');
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ status: 502, code: 'SERVER_ERROR' });
  });

  it('reports a network failure as NETWORK_ERROR', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(apiRequest('/api/x')).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });

  it('calls the unauthenticated handler on 401 unless told not to', async () => {
    const handler = vi.fn();
    setUnauthenticatedHandler(handler);
    mockFetch(401, { code: 'UNAUTHENTICATED', message: 'no' });
    await expect(apiRequest('/api/apps')).rejects.toMatchObject({ status: 401 });
    expect(handler).toHaveBeenCalledWith('/api/apps');
    mockFetch(401, { code: 'UNAUTHENTICATED', message: 'no' });
    await expect(apiRequest('/api/auth/login', { method: 'POST', skipAuthRedirect: true })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('builds query strings, skipping empty values', () => {
    expect(buildUrl('/api/users', { limit: 500, q: undefined, x: null })).toBe('/api/users?limit=500');
    expect(buildUrl('/api/users?a=1', { b: 'c d' })).toBe('/api/users?a=1&b=c+d');
  });
});
