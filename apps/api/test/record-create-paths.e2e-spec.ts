import { startTestPlatform, type TestPlatform } from './harness';

/**
 * The ways a create is written (RecordsService.create, RecordLinks): one statement when the record links
 * nothing yet, the linked transaction otherwise (its relations checked and lookups read in one query, its
 * rows inserted with it), and rollups recomputed in SQL on forms without formulas.
 */
const account = {
  key: 'account',
  name: 'Account',
  fields: [
    { key: 'name', type: 'text', label: 'Name', required: true },
    { key: 'tier', type: 'select', label: 'Tier', options: { options: [{ key: 'gold', label: 'Gold' }, { key: 'basic', label: 'Basic' }] } },
  ],
};
const ticket = {
  key: 'ticket',
  name: 'Ticket',
  fields: [
    { key: 'title', type: 'text', label: 'Title', required: true },
    { key: 'note', type: 'text', label: 'Note' },
    { key: 'hours', type: 'number', label: 'Hours' },
    { key: 'status', type: 'select', label: 'Status', options: { options: [{ key: 'open', label: 'Open' }, { key: 'done', label: 'Done' }] } },
    { key: 'account', type: 'relation', label: 'Account', options: { targetForm: 'account', onDelete: 'block' } },
    { key: 'account_name', type: 'lookup', label: 'Account name', options: { relationField: 'account', targetField: 'name' } },
    { key: 'gold_account', type: 'relation', label: 'Gold account', options: { targetForm: 'account', filter: { '==': [{ var: 'tier' }, 'gold'] } } },
    { key: 'watchers', type: 'relation', label: 'Watchers', options: { targetForm: 'account', multiple: true } },
    { key: 'watcher_names', type: 'lookup', label: 'Watcher names', options: { relationField: 'watchers', targetField: 'name' } },
  ],
};
/** No formula: the account's rollups are recomputed in one SQL statement. */
const accountRollups = [
  { key: 'tickets', type: 'rollup', label: 'Tickets', options: { relationField: 'ticket.account', aggregate: 'count' } },
  { key: 'done_hours', type: 'rollup', label: 'Hours done', options: { relationField: 'ticket.account', targetField: 'hours', aggregate: 'sum', filter: { '==': [{ var: 'status' }, 'done'] } } },
  { key: 'avg_hours', type: 'rollup', label: 'Average hours', options: { relationField: 'ticket.account', targetField: 'hours', aggregate: 'avg' } },
];
const columns = Array.from({ length: 30 }, (_v, i) => ({ key: `c${i}`, type: 'text', label: `C${i}` }));
const sheet = {
  key: 'sheet',
  name: 'Sheet',
  fields: [
    { key: 'title', type: 'text', label: 'Title' },
    { key: 'left', type: 'subForm', label: 'Left', options: { maxRows: 500, fields: columns } },
    { key: 'right', type: 'subForm', label: 'Right', options: { maxRows: 500, fields: columns } },
    { key: 'left_rows', type: 'rollup', label: 'Left rows', options: { subFormField: 'left', aggregate: 'count' } },
  ],
};

describe('record create paths', () => {
  let t: TestPlatform;
  let admin: string;
  const rec = (form: string) => `/api/apps/paths/forms/${form}/records`;
  const table = async (form: string) => `data."${(await t.sql(`SELECT table_name FROM forms WHERE app_key = 'paths' AND key = $1`, [form]))[0].table_name}"`;
  const create = async (form: string, data: Record<string, unknown>) => {
    const answer = await t.http('POST', rec(form), { data }, admin);
    expect([answer.status, answer.body.code]).toEqual([201, undefined]);
    return answer.body;
  };
  const versionOf = async (form: string, id: string) => (await t.sql(`SELECT _version AS v FROM ${await table(form)} WHERE _id = $1`, [id]))[0].v;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'paths', name: 'Paths' }, admin)).status).toBe(201);
    for (const form of [account, ticket, sheet]) expect((await t.http('POST', '/api/apps/paths/forms', form, admin)).status).toBe(201);
    const patched = await t.http('PATCH', '/api/apps/paths/forms/account', { fields: [...account.fields, ...accountRollups] }, admin);
    expect([patched.status, patched.body.code]).toEqual([200, undefined]);
  });
  afterAll(async () => t?.close());

  it('stores the rollups and lookups of a record that links nothing yet, as over no record', async () => {
    const a = await create('account', { name: 'Empty' });
    expect(a.data).toMatchObject({ tickets: 0, done_hours: 0, avg_hours: null });
    const [row] = await t.sql(`SELECT tickets::int AS tickets, done_hours::float8 AS done_hours, avg_hours FROM ${await table('account')} WHERE _id = $1`, [a.id]);
    expect(row).toEqual({ tickets: 0, done_hours: 0, avg_hours: null });
    const [audit] = await t.sql(`SELECT after FROM audit_log WHERE action = 'record.create' AND target_id = $1`, [a.id]);
    expect(audit.after).toMatchObject({ name: 'Empty', tickets: 0, done_hours: 0 });

    const lone = await create('ticket', { title: 'Lone', watchers: [] });
    expect(lone.data).toMatchObject({ account: null, account_name: null, watchers: [], watcher_names: [] });
    expect(await versionOf('ticket', lone.id)).toBe(1);
  });

  it('checks relations and reads lookups in the create, refusing what may not be linked', async () => {
    const gold = await create('account', { name: 'Gold', tier: 'gold' });
    const basic = await create('account', { name: 'Basic', tier: 'basic' });
    const linked = await create('ticket', { title: 'Linked', account: gold.id, gold_account: gold.id, watchers: [basic.id, gold.id] });
    expect(linked.data).toMatchObject({ account_name: 'Gold', watcher_names: ['Basic', 'Gold'] });

    const filtered = await t.http('POST', rec('ticket'), { data: { title: 'x', gold_account: basic.id } }, admin);
    expect([filtered.status, filtered.body.details.issues]).toEqual([400, [expect.objectContaining({ path: ['gold_account'], code: 'not_found' })]]);
    const missing = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f';
    const many = await t.http('POST', rec('ticket'), { data: { title: 'x', watchers: [gold.id, missing] } }, admin);
    expect([many.status, many.body.details.issues]).toEqual([400, [expect.objectContaining({ path: ['watchers', 1], code: 'not_found' })]]);
    const gone = await create('account', { name: 'Gone' });
    expect((await t.http('DELETE', `${rec('account')}/${gone.id}`, undefined, admin)).status).toBe(204);
    const trashed = await t.http('POST', rec('ticket'), { data: { title: 'x', account: gone.id } }, admin);
    expect([trashed.status, trashed.body.details.issues[0].path]).toEqual([400, ['account']]);
    expect(await t.sql(`SELECT title FROM ${await table('ticket')} WHERE title = 'x'`)).toEqual([]);
  });

  it('keeps rollups recomputed in SQL right under parallel creates, each counted once', async () => {
    const busy = await create('account', { name: 'Busy' });
    const answers = await Promise.all(Array.from({ length: 30 }, (_v, i) =>
      t.http('POST', rec('ticket'), { data: { title: `P${i}`, account: busy.id, hours: i + 1, status: i % 2 ? 'done' : 'open' } }, admin)));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(201));
    const read = (await t.http('GET', `${rec('account')}/${busy.id}`, undefined, admin)).body;
    expect(read.data).toMatchObject({ tickets: 30, done_hours: 240, avg_hours: 15.5 });
    expect(read.version).toBe(31);
    const [events] = await t.sql(`SELECT count(*)::int AS n FROM outbox WHERE topic = 'record.changed' AND payload->>'id' = $1`, [busy.id]);
    expect(events.n).toBe(30);
  });

  it('recomputes only the records that read a field that changed', async () => {
    const acct = await create('account', { name: 'Watched' });
    const first = await create('ticket', { title: 'First', account: acct.id, hours: 2, status: 'done' });
    const accountVersion = await versionOf('account', acct.id);
    const ticketVersion = await versionOf('ticket', first.id);

    // The account's rollups read hours, status and account, not the note; the ticket's lookup reads the name only.
    expect((await t.http('PATCH', `${rec('ticket')}/${first.id}`, { data: { note: 'n' } }, admin)).status).toBe(200);
    expect(await versionOf('account', acct.id)).toBe(accountVersion);
    await create('ticket', { title: 'Second', account: acct.id, hours: 4, status: 'done' });
    expect(await versionOf('account', acct.id)).toBe(accountVersion + 1);
    expect(await versionOf('ticket', first.id)).toBe(ticketVersion + 1);

    expect((await t.http('PATCH', `${rec('ticket')}/${first.id}`, { data: { status: 'open' } }, admin)).status).toBe(200);
    expect((await t.http('GET', `${rec('account')}/${acct.id}`, undefined, admin)).body.data).toMatchObject({ tickets: 2, done_hours: 4 });
    expect((await t.http('PATCH', `${rec('account')}/${acct.id}`, { data: { name: 'Renamed' } }, admin)).status).toBe(200);
    expect((await t.http('GET', `${rec('ticket')}/${first.id}`, undefined, admin)).body.data.account_name).toBe('Renamed');

    // Deleting and restoring a ticket is seen by the rollups though no value changed.
    expect((await t.http('DELETE', `${rec('ticket')}/${first.id}`, undefined, admin)).status).toBe(204);
    expect((await t.http('GET', `${rec('account')}/${acct.id}`, undefined, admin)).body.data).toMatchObject({ tickets: 1, done_hours: 4 });
    expect((await t.http('POST', `${rec('ticket')}/${first.id}/restore`, undefined, admin)).status).toBe(200);
    expect((await t.http('GET', `${rec('account')}/${acct.id}`, undefined, admin)).body.data).toMatchObject({ tickets: 2 });
  });

  it('writes sub-form rows with the record, or apart when they need more parameters than one statement takes', async () => {
    const row = (side: string, i: number) => Object.fromEntries(columns.map((c, k) => [c.key, `${side}${i}.${k}`]));
    const small = await create('sheet', { title: 'Small', left: [row('L', 0), row('L', 1)], right: [row('R', 0)] });
    expect(small.data.left.map((r: { id: string; c0: string }) => [typeof r.id, r.c0])).toEqual([['string', 'L0.0'], ['string', 'L1.0']]);
    expect(small.data.right.map((r: { c29: string }) => r.c29)).toEqual(['R0.29']);
    expect(small.data.left_rows).toBe(2);
    const [audit] = await t.sql(`SELECT after FROM audit_log WHERE action = 'record.create' AND target_id = $1`, [small.id]);
    expect(audit.after.left).toEqual(small.data.left);

    // 2 x 500 rows of 33 values: over the 30,000 parameters one statement takes.
    const big = await create('sheet', { title: 'Big', left: Array.from({ length: 500 }, (_v, i) => row('L', i)), right: Array.from({ length: 500 }, (_v, i) => row('R', i)) });
    expect(big.data.left).toHaveLength(500);
    expect(big.data.right.map((r: { c0: string }) => r.c0).slice(498)).toEqual(['R498.0', 'R499.0']);
    expect(big.data.left_rows).toBe(500);
    const read = (await t.http('GET', `${rec('sheet')}/${big.id}`, undefined, admin)).body;
    expect(read.data.right).toEqual(big.data.right);

    const withId = await t.http('POST', rec('sheet'), { data: { title: 'x', left: [{ id: small.data.left[0].id, c0: 'x' }] } }, admin);
    expect([withId.status, withId.body.details.issues[0].path]).toEqual([400, ['left', 0, 'id']]);
  });
});
