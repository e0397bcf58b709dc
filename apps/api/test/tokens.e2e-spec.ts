import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Personal API tokens (API.md "Organisation and permissions"): scoped to apps and actions, acting with
 * the intersection of those scopes and their user's rights, listed with their last use, revocable,
 * expiring, managed from a signed-in session only; an administrator's token administers only when a
 * scope gives it `manage` on every app.
 */
describe('API tokens', () => {
  let t: TestPlatform;
  let session = '';
  const records = '/api/apps/tk/forms/item/records';
  const mint = async (scopes: unknown, by = session, extra: Record<string, unknown> = {}) =>
    t.http('POST', '/api/tokens', { name: 'script', scopes, ...extra }, by);

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = t.adminToken;
    for (const key of ['tk', 'other']) {
      await t.http('POST', '/api/apps', { key, name: key }, a);
      await t.http('POST', `/api/apps/${key}/forms`, { key: 'item', name: 'Item', fields: [{ key: 'name', type: 'text', label: 'Name' }] }, a);
    }
    const role = await t.http('POST', '/api/roles', { name: 'readers' }, a);
    await t.http('PUT', `/api/roles/${role.body.id}/grants`, ['tk', 'other'].map((appKey) => ({ appKey, formKey: 'item', actions: ['read'], scope: { type: 'all' } })), a);
    await t.http('POST', '/api/users', { username: 'reader', name: 'Reader', password: 'pass-reader', roleIds: [role.body.id] }, a);
    session = await t.login('reader', 'pass-reader');
    expect((await t.http('POST', records, { data: { name: 'one' } }, a)).status).toBe(201);
  }, 60_000);
  afterAll(async () => t?.close());

  it('acts with its scopes intersected with its user’s rights', async () => {
    const readCreate = (await mint([{ appKey: 'tk', actions: ['read', 'create'] }])).body.token;
    expect((await t.http('POST', `${records}/query`, {}, readCreate)).body.total).toBe(1);
    // The user may not create: the token's create adds nothing.
    expect(await t.http('POST', records, { data: { name: 'x' } }, readCreate)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    // Another app is outside the token, as if it did not exist.
    expect(await t.http('POST', '/api/apps/other/forms/item/records/query', {}, readCreate)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await t.http('GET', '/api/apps', undefined, readCreate)).body.items.map((app: any) => app.key)).toEqual(['tk']);
    // A token without read reads nothing, though its user may.
    const createOnly = (await mint([{ appKey: 'tk', actions: ['create'] }])).body.token;
    expect(await t.http('POST', `${records}/query`, {}, createOnly)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('lists tokens with their last use and never their secret; revokes them', async () => {
    const created = await mint([{ appKey: '*', actions: ['read'] }], session, { expiresAt: '2999-01-01T00:00:00.000Z' });
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^pat_/);
    const before = (await t.http('GET', '/api/tokens', undefined, session)).body.items.find((i: any) => i.id === created.body.id);
    expect(before).toEqual({ id: created.body.id, name: 'script', scopes: [{ appKey: '*', actions: ['read'] }], createdAt: expect.any(String), expiresAt: '2999-01-01T00:00:00.000Z', lastUsedAt: null });
    expect((await t.http('POST', `${records}/query`, {}, created.body.token)).status).toBe(200);
    const after = (await t.http('GET', '/api/tokens', undefined, session)).body.items.find((i: any) => i.id === created.body.id);
    expect(after.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(after)).not.toContain(created.body.token);
    // Another user cannot revoke it (it is not found for them).
    expect((await t.http('DELETE', `/api/tokens/${created.body.id}`, undefined, t.adminToken)).status).toBe(404);
    expect((await t.http('DELETE', `/api/tokens/${created.body.id}`, undefined, session)).status).toBe(204);
    expect((await t.http('POST', `${records}/query`, {}, created.body.token)).status).toBe(401);
    expect((await t.http('GET', '/api/tokens', undefined, session)).body.items.some((i: any) => i.id === created.body.id)).toBe(false);
  });

  it('expires, and refuses an expiry in the past or a malformed one', async () => {
    expect(await mint([{ appKey: 'tk', actions: ['read'] }], session, { expiresAt: '2001-01-01T00:00:00Z' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await mint([{ appKey: 'tk', actions: ['read'] }], session, { expiresAt: 'tomorrow' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await mint([{ appKey: 'tk', actions: ['fly'] }])).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const soon = await mint([{ appKey: 'tk', actions: ['read'] }], session, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    await t.sql(`UPDATE api_tokens SET expires_at = now() - interval '1 minute' WHERE id = $1`, [soon.body.id]);
    expect((await t.http('POST', `${records}/query`, {}, soon.body.token)).status).toBe(401);
  });

  it('cannot manage tokens with a token, which would escape its scopes', async () => {
    const token = (await mint([{ appKey: '*', actions: ['read', 'create', 'update', 'delete', 'manage'] }])).body.token;
    expect(await mint([{ appKey: '*', actions: ['read'] }], token)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await t.http('GET', '/api/tokens', undefined, token)).status).toBe(403);
  });

  it('lets an administrator’s token administer only with manage on every app', async () => {
    const scoped = (await mint([{ appKey: 'tk', actions: ['read'] }], t.adminToken)).body.token;
    expect((await t.http('POST', `${records}/query`, {}, scoped)).body.total).toBe(1);
    expect((await t.http('POST', '/api/apps/other/forms/item/records/query', {}, scoped)).status).toBe(404);
    expect((await t.http('GET', '/api/apps', undefined, scoped)).body.items.map((app: any) => app.key)).toEqual(['tk']);
    expect(await t.http('POST', '/api/users', { username: 'sneaky', name: 'S', password: 'pass-sneaky' }, scoped)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await t.http('GET', '/api/audit', undefined, scoped)).status).toBe(403);
    const users = await t.sql(`SELECT id FROM users WHERE username = 'reader'`);
    expect((await t.http('POST', '/api/handover', { fromUserId: users[0].id, toUserId: users[0].id }, scoped)).status).toBe(403);
    const full = (await mint([{ appKey: '*', actions: ['read', 'manage'] }], t.adminToken)).body.token;
    expect((await t.http('POST', '/api/users', { username: 'provisioned', name: 'P', password: 'pass-provisioned' }, full)).status).toBe(201);
  });
});
