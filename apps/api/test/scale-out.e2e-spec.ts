import { createPlatform, type Platform } from '../src/bootstrap';
import { readSettings } from '../src/common/settings';
import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from './harness';

/** Two stateless processes on one database: what one changes, the other honours at once. */
describe('two API processes on one PostgreSQL', () => {
  let t: TestPlatform;
  let second: Platform;
  let secondUrl: string;
  const call = async (base: string, method: string, path: string, body?: unknown, token?: string) => {
    const r = await fetch(base + path, {
      method,
      headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, body: r.status === 204 ? undefined : await r.json() };
  };
  const eventually = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 50; i++) {
      if (await check()) return true;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    second = await createPlatform({ ...readSettings({}), databaseUrl: t.databaseUrl, adminPassword: ADMIN_PASSWORD, logLevel: 'error', seedCrm: false, webDist: '/nonexistent' }, { databaseUrl: t.databaseUrl });
    await second.app.listen(0, '127.0.0.1');
    secondUrl = `http://127.0.0.1:${(second.app.getHttpServer().address() as { port: number }).port}`;
  });
  afterAll(async () => {
    await second?.close();
    await t?.close();
  });

  it('a logout or a deactivation on one process ends the session on the other', async () => {
    await t.http('POST', '/api/users', { username: 'roamer', name: 'Roamer', password: 'roam-pass' }, t.adminToken);
    const token = await t.login('roamer', 'roam-pass');
    expect((await call(secondUrl, 'GET', '/api/auth/me', undefined, token)).status).toBe(200); // cached there now
    expect((await t.http('POST', '/api/auth/logout', undefined, token)).status).toBe(204);
    expect(await eventually(async () => (await call(secondUrl, 'GET', '/api/auth/me', undefined, token)).status === 401)).toBe(true);

    const again = await t.login('roamer', 'roam-pass');
    const me = await call(secondUrl, 'GET', '/api/auth/me', undefined, again);
    expect(me.status).toBe(200);
    await t.http('PATCH', `/api/users/${me.body.id}`, { active: false }, t.adminToken);
    expect(await eventually(async () => (await call(secondUrl, 'GET', '/api/auth/me', undefined, again)).status === 401)).toBe(true);
  });

  it('a form change and a grant change on one process are seen by the other', async () => {
    await t.http('POST', '/api/apps', { key: 'two', name: 'Two' }, t.adminToken);
    await t.http('POST', '/api/apps/two/forms', { key: 'item', name: 'Item', fields: [{ key: 'a', type: 'text', label: 'A' }] }, t.adminToken);
    const adminOnSecond = (await call(secondUrl, 'POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).body.token;
    expect((await call(secondUrl, 'POST', '/api/apps/two/forms/item/records', { data: { a: 'x' } }, adminOnSecond)).status).toBe(201);
    await t.http('PATCH', '/api/apps/two/forms/item', { fields: [{ key: 'a', type: 'text', label: 'A' }, { key: 'b', type: 'number', label: 'B' }] }, t.adminToken);
    expect(await eventually(async () => (await call(secondUrl, 'POST', '/api/apps/two/forms/item/records', { data: { a: 'y', b: 2 } }, adminOnSecond)).status === 201)).toBe(true);

    const role = await t.http('POST', '/api/roles', { name: 'readers' }, t.adminToken);
    await t.http('PUT', `/api/roles/${role.body.id}/grants`, [{ appKey: 'two', formKey: 'item', actions: ['read'], scope: { type: 'all' } }], t.adminToken);
    await t.http('POST', '/api/users', { username: 'reader', name: 'Reader', password: 'read-pass', roleIds: [role.body.id] }, t.adminToken);
    const reader = (await call(secondUrl, 'POST', '/api/auth/login', { username: 'reader', password: 'read-pass' })).body.token;
    expect((await call(secondUrl, 'POST', '/api/apps/two/forms/item/records/query', {}, reader)).status).toBe(200);
    await t.http('PUT', `/api/roles/${role.body.id}/grants`, [], t.adminToken);
    expect(await eventually(async () => (await call(secondUrl, 'POST', '/api/apps/two/forms/item/records/query', {}, reader)).status === 404)).toBe(true);
  });
});
