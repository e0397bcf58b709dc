import { ADMIN_PASSWORD, startTestPlatform, type TestPlatform } from './harness';

describe('auth, organisation and basics (real HTTP, real PostgreSQL)', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
  });
  afterAll(async () => t?.close());

  it('answers health and the OpenAPI document without authentication', async () => {
    expect(await t.http('GET', '/api/health')).toMatchObject({ status: 200, body: { status: 'ok', db: 'up' } });
    const doc = await t.http('GET', '/api/openapi.json');
    expect(doc.status).toBe(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(['/api/apps/{appKey}/forms/{formKey}/records/query', '/api/auth/login']));
    expect((await t.http('GET', '/api/docs')).status).toBe(200);
  });

  it('refuses everything else without a valid token, with a code', async () => {
    expect(await t.http('GET', '/api/apps')).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(await t.http('GET', '/api/apps', undefined, 'ses_forged')).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
  });

  it('logs in with an HttpOnly cookie, tells who I am, and logs out for good', async () => {
    const r = await t.http('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'admin' });
    expect(r.headers.get('set-cookie')).toMatch(/sid=ses_.*HttpOnly/i);
    const cookie = r.headers.get('set-cookie')!.split(';')[0];
    const me = await t.http('GET', '/api/auth/me', undefined, undefined, { cookie });
    expect(me).toMatchObject({ status: 200, body: { username: 'admin', isAdmin: true, roles: [], departments: [] } });
    expect((await t.http('POST', '/api/auth/logout', undefined, r.body.token)).status).toBe(204);
    expect((await t.http('GET', '/api/auth/me', undefined, r.body.token)).status).toBe(401);
    const audit = await t.http('GET', '/api/audit?limit=5', undefined, t.adminToken);
    expect(audit.body.items.map((i: any) => i.action)).toEqual(expect.arrayContaining(['auth.logout', 'auth.login']));
    const logouts = await t.http('GET', '/api/audit?action=auth.logout', undefined, t.adminToken);
    expect(logouts.body.items.map((i: any) => i.action)).toEqual(['auth.logout']);
    const auth = await t.http('GET', '/api/audit?action=auth.*', undefined, t.adminToken);
    expect(new Set(auth.body.items.map((i: any) => i.action))).toEqual(new Set(['auth.login', 'auth.logout']));
    const csv = await fetch(`${t.baseUrl}/api/audit/export?action=auth.*`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(csv.status).toBe(200);
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('id,at,actor,action,targetType,appKey,formKey,targetId,before,after,ip');
    expect(lines.slice(1).every((l) => /,auth\.(login|logout),/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('Administrator (admin)'))).toBe(true);
  });

  it('manages departments, roles and users; unknown, wrong and deactivated all get the same 401', async () => {
    const hq = await t.http('POST', '/api/departments', { name: '总部', parentId: null }, t.adminToken);
    expect(hq.status).toBe(201);
    const sales = await t.http('POST', '/api/departments', { name: '销售部', parentId: hq.body.id }, t.adminToken);
    expect(sales.body).toMatchObject({ name: '销售部', parentId: hq.body.id, headUserId: null });
    const role = await t.http('POST', '/api/roles', { name: '销售', description: 'sales' }, t.adminToken);
    expect(role.status).toBe(201);
    const user = await t.http('POST', '/api/users', { username: 'zhangsan', name: '张三', password: 'secret-1', departmentIds: [sales.body.id], roleIds: [role.body.id] }, t.adminToken);
    expect(user.status).toBe(201);
    expect(user.body).not.toHaveProperty('password');
    expect(user.body).not.toHaveProperty('passwordHash');
    const head = await t.http('PATCH', `/api/departments/${sales.body.id}`, { headUserId: user.body.id }, t.adminToken);
    expect(head.body.headUserId).toBe(user.body.id);
    const list = await t.http('GET', '/api/departments', undefined, t.adminToken);
    expect(list.body.items).toHaveLength(2);
    expect(list.body).toHaveProperty('nextCursor', null);

    // A department that still has members cannot go; a cycle is refused.
    expect(await t.http('DELETE', `/api/departments/${sales.body.id}`, undefined, t.adminToken)).toMatchObject({ status: 409, body: { code: 'DEPARTMENT_IN_USE' } });
    expect(await t.http('PATCH', `/api/departments/${hq.body.id}`, { parentId: sales.body.id }, t.adminToken)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });

    const token = await t.login('zhangsan', 'secret-1');
    const me = await t.http('GET', '/api/auth/me', undefined, token);
    expect(me.body).toMatchObject({ username: 'zhangsan', isAdmin: false, roles: [{ name: '销售' }], departments: [{ name: '销售部' }] });
    // Non-administrators cannot change the organisation.
    expect(await t.http('POST', '/api/roles', { name: 'x' }, token)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });

    const wrong = await t.http('POST', '/api/auth/login', { username: 'zhangsan', password: 'nope' });
    const unknown = await t.http('POST', '/api/auth/login', { username: 'nobody', password: 'nope' });
    await t.http('PATCH', `/api/users/${user.body.id}`, { active: false }, t.adminToken);
    const inactive = await t.http('POST', '/api/auth/login', { username: 'zhangsan', password: 'secret-1' });
    for (const r of [wrong, unknown, inactive]) expect(r).toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED', message: 'Wrong username or password' } });
    // Deactivation also ends the sessions the user had.
    expect((await t.http('GET', '/api/auth/me', undefined, token)).status).toBe(401);
  });

  it('refuses cookie-authenticated changes from another site (CSRF), but not bearer calls', async () => {
    const r = await t.http('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD });
    const cookie = r.headers.get('set-cookie')!.split(';')[0];
    expect(await t.http('POST', '/api/roles', { name: 'csrf' }, undefined, { cookie })).toMatchObject({ status: 403, body: { code: 'CSRF_REJECTED' } });
    expect(await t.http('POST', '/api/roles', { name: 'csrf' }, undefined, { cookie, origin: 'http://evil.example' })).toMatchObject({ status: 403, body: { code: 'CSRF_REJECTED' } });
    expect((await t.http('POST', '/api/roles', { name: 'csrf' }, undefined, { cookie, origin: t.baseUrl })).status).toBe(201);
    expect((await t.http('GET', '/api/roles', undefined, undefined, { cookie })).status).toBe(200);
    expect((await t.http('POST', '/api/roles', { name: 'csrf2' }, r.body.token)).status).toBe(201);
  });

  it('locks a username after 5 failures for 15 minutes, without touching other users', async () => {
    await t.http('POST', '/api/users', { username: 'lisi', name: '李四', password: 'right-pass' }, t.adminToken);
    for (let i = 0; i < 5; i++) expect((await t.http('POST', '/api/auth/login', { username: 'lisi', password: 'bad' })).status).toBe(401);
    const locked = await t.http('POST', '/api/auth/login', { username: 'lisi', password: 'right-pass' });
    expect(locked).toMatchObject({ status: 429, body: { code: 'RATE_LIMITED' } });
    expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(800);
    expect((await t.http('POST', '/api/auth/login', { username: 'admin', password: ADMIN_PASSWORD })).status).toBe(200);
    // The lock lives in the database, so every process sees it.
    const [row] = await t.sql(`SELECT failed_count, locked_until FROM login_throttle WHERE username = 'lisi'`);
    expect(row.failed_count).toBe(5);
    expect(row.locked_until).not.toBeNull();
  });

  it('stores only password hashes and refuses changes to audit rows in the database itself', async () => {
    const rows = await t.sql(`SELECT password_hash FROM users`);
    for (const r of rows) expect(r.password_hash).toMatch(/^scrypt\$/);
    await expect(t.sql(`UPDATE audit_log SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(t.sql(`DELETE FROM audit_log`)).rejects.toThrow(/append-only/);
  });

  it('issues API tokens that work until revoked and show their last use', async () => {
    const created = await t.http('POST', '/api/tokens', { name: 'integration', scopes: [{ appKey: '*', actions: ['read'] }] }, t.adminToken);
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^pat_/);
    expect((await t.http('GET', '/api/apps', undefined, created.body.token)).status).toBe(200);
    const list = await t.http('GET', '/api/tokens', undefined, t.adminToken);
    expect(list.body.items[0].lastUsedAt).not.toBeNull();
    expect((await t.http('DELETE', `/api/tokens/${created.body.id}`, undefined, t.adminToken)).status).toBe(204);
    expect((await t.http('GET', '/api/apps', undefined, created.body.token)).status).toBe(401);
  });

  it('answers malformed and oversized bodies with 4xx codes, never 500', async () => {
    expect(await t.http('POST', '/api/auth/login', '{"username":')).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
    expect(await t.http('POST', '/api/auth/login', { username: 5, password: 'x' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const big = { username: 'x', password: 'y'.repeat(3 * 1024 * 1024) };
    expect(await t.http('POST', '/api/auth/login', big)).toMatchObject({ status: 413, body: { code: 'PAYLOAD_TOO_LARGE' } });
    expect(await t.http('GET', '/api/users/not-a-uuid', undefined, t.adminToken)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect(await t.http('GET', '/api/nothing-here', undefined, t.adminToken)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await t.http('GET', '/api/health')).status).toBe(200);
  });
});
