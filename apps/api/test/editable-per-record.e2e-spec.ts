import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Several roles give the union per record: a field one role may edit only on its own records stays
 * read-only on the records another role lets the user update (permissions issue, item 1).
 */
describe('editable fields are decided per record', () => {
  let t: TestPlatform;
  let admin: string;
  let rep: string;
  const path = '/api/apps/sales/forms/deal/records';

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'sales', name: '销售' }, admin)).status).toBe(201);
    const form = { key: 'deal', name: '交易', fields: [{ key: 'title', type: 'text', label: '标题' }, { key: 'amount', type: 'money', label: '金额' }] };
    expect((await t.http('POST', '/api/apps/sales/forms', form, admin)).status).toBe(201);
    const role = async (name: string, grant: object) => {
      const id = (await t.http('POST', '/api/roles', { name }, admin)).body.id;
      expect((await t.http('PUT', `/api/roles/${id}/grants`, [{ appKey: 'sales', formKey: 'deal', ...grant }], admin)).status).toBe(200);
      return id;
    };
    const own = await role('own deals', { actions: ['read', 'create', 'update'], scope: { type: 'own' }, fields: { visible: '*', editable: ['title', 'amount'] } });
    const all = await role('all deals', { actions: ['read', 'update'], scope: { type: 'all' }, fields: { visible: '*', editable: ['title'] } });
    expect((await t.http('POST', '/api/users', { username: 'rep', name: 'Rep', password: 'Pass-rep123', roleIds: [own, all] }, admin)).status).toBe(201);
    rep = await t.login('rep', 'Pass-rep123');
  }, 120_000);
  afterAll(async () => t?.close());

  it('lets the amount change on the user’s own record only; the title everywhere', async () => {
    const mine = (await t.http('POST', path, { data: { title: 'mine', amount: 1 } }, rep)).body;
    const theirs = (await t.http('POST', path, { data: { title: 'theirs', amount: 1 } }, admin)).body;
    expect((await t.http('PATCH', `${path}/${mine.id}`, { data: { amount: 2 } }, rep)).status).toBe(200);
    expect(await t.http('PATCH', `${path}/${theirs.id}`, { data: { amount: 2 } }, rep)).toMatchObject({ status: 403, body: { code: 'FIELD_NOT_EDITABLE' } });
    expect((await t.http('PATCH', `${path}/${theirs.id}`, { data: { title: 'renamed' } }, rep)).status).toBe(200);
    const stored = (await t.http('GET', `${path}/${theirs.id}`, undefined, admin)).body.data;
    expect(stored).toMatchObject({ title: 'renamed', amount: 1 });
    // Bulk edits go through the same per-record decision.
    const bulk = await t.http('POST', `${path}/bulk-update`, { ids: [mine.id, theirs.id], data: { amount: 5 } }, rep);
    expect(bulk.body).toMatchObject({ succeeded: [mine.id], failed: [expect.objectContaining({ id: theirs.id, code: 'FIELD_NOT_EDITABLE' })] });
  });

  it('exports only the rows the export grants reach, even when another role reads more', async () => {
    const readAll = (await t.http('POST', '/api/roles', { name: 'read everything' }, admin)).body.id;
    await t.http('PUT', `/api/roles/${readAll}/grants`, [{ appKey: 'sales', formKey: 'deal', actions: ['read'], scope: { type: 'all' } }], admin);
    const exportOwn = (await t.http('POST', '/api/roles', { name: 'export own' }, admin)).body.id;
    await t.http('PUT', `/api/roles/${exportOwn}/grants`, [{ appKey: 'sales', formKey: 'deal', actions: ['read', 'create', 'export'], scope: { type: 'own' } }], admin);
    expect((await t.http('POST', '/api/users', { username: 'clerk', name: 'Clerk', password: 'Pass-clerk1', roleIds: [readAll, exportOwn] }, admin)).status).toBe(201);
    const clerk = await t.login('clerk', 'Pass-clerk1');
    await t.http('POST', path, { data: { title: 'clerk own', amount: 3 } }, clerk);
    const listed = (await t.http('POST', `${path}/query`, { limit: 500 }, clerk)).body.items.map((r: { data: { title: string } }) => r.data.title);
    expect(listed).toEqual(expect.arrayContaining(['clerk own', 'renamed']));
    const res = await fetch(`${t.baseUrl}${path}/export?format=csv&lang=en-US`, { headers: { authorization: `Bearer ${clerk}` } });
    expect(res.status).toBe(200);
    const lines = (await res.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines.slice(1).map((line) => line.split(',')[1])).toEqual(['clerk own']);
  });
});
