import { Client } from 'pg';
import { startTestPlatform, type TestPlatform } from './harness';

/**
 * 离职交接 at scale: a leaver owning 500 records over three forms and five open approval tasks is handed
 * over in one action. A failure half-way (a trigger on the last form) and a successor deactivated while
 * the handover waits both leave everything as it was; the real run moves all of it in one transaction,
 * deactivates the leaver, revokes their sessions and tokens and writes one audit entry.
 */
const COUNTS: Record<string, number> = { account: 200, contact: 200, visit: 100 };
const TASKS = 5;

describe('handover of 500 records', () => {
  let t: TestPlatform;
  const u: Record<string, { id: string; dept: string }> = {};
  const tables: Record<string, string> = {};
  let leaverSession = '';
  let leaverToken = '';

  const ownedBy = async (userId: string) => {
    const out: Record<string, number> = {};
    for (const [key, table] of Object.entries(tables)) {
      out[key] = Number((await t.sql(`SELECT count(*) AS n FROM ${table} WHERE _owner_id = $1`, [userId]))[0].n);
    }
    return out;
  };
  const openTasksOf = async (userId: string) =>
    Number((await t.sql(`SELECT count(*) AS n FROM flow_tasks WHERE assignee_id = $1 AND status = 'todo'`, [userId]))[0].n);
  const handoverEntries = async () => (await t.http('GET', '/api/audit?action=handover', undefined, t.adminToken)).body.items;

  /** Nothing moved: records, tasks, the leaver's login, session and token, and no audit entry. */
  const expectNothingMoved = async () => {
    expect(await ownedBy(u.leaver.id)).toEqual(COUNTS);
    expect(await ownedBy(u.successor.id)).toEqual({ account: 0, contact: 0, visit: 0 });
    expect(await openTasksOf(u.leaver.id)).toBe(TASKS);
    expect((await t.http('GET', '/api/auth/me', undefined, leaverSession)).status).toBe(200);
    expect((await t.http('POST', '/api/apps/hr/forms/account/records/query', { limit: 1 }, leaverToken)).status).toBe(200);
    expect(await handoverEntries()).toHaveLength(0);
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'hr', name: 'Handover' }, a)).status).toBe(201);
    for (const key of Object.keys(COUNTS)) {
      const fields = [{ key: 'name', type: 'text', label: 'Name' }, { key: 'amount', type: 'number', label: 'Amount' }];
      expect((await t.http('POST', '/api/apps/hr/forms', { key, name: key, fields }, a)).status).toBe(201);
    }
    for (const row of await t.sql(`SELECT key, table_name FROM forms WHERE app_key = 'hr'`)) tables[row.key] = `data."${row.table_name}"`;
    const role = await t.http('POST', '/api/roles', { name: 'sales' }, a);
    await t.http('PUT', `/api/roles/${role.body.id}/grants`, Object.keys(COUNTS).map((formKey) => ({ appKey: 'hr', formKey, actions: ['read', 'create', 'update'], scope: { type: 'own' } })), a);
    for (const name of ['leaver', 'successor', 'bystander']) {
      const dept = await t.http('POST', '/api/departments', { name: `${name} team`, parentId: null }, a);
      const user = await t.http('POST', '/api/users', { username: name, name, password: `pass-${name}`, departmentIds: [dept.body.id], roleIds: [role.body.id] }, a);
      u[name] = { id: user.body.id, dept: dept.body.id };
    }
    leaverSession = await t.login('leaver', 'pass-leaver');
    const token = await t.http('POST', '/api/tokens', { name: 'sync', scopes: [{ appKey: 'hr', actions: ['read'] }] }, leaverSession);
    expect(token.status).toBe(201);
    leaverToken = token.body.token;

    // The leaver's 500 records through the API (an administrator creating them for the leaver), 25 at a time.
    const jobs: (() => Promise<void>)[] = [];
    for (const [formKey, count] of Object.entries(COUNTS)) {
      for (let i = 0; i < count; i++) {
        jobs.push(async () => {
          const r = await t.http('POST', `/api/apps/hr/forms/${formKey}/records`, { data: { name: `${formKey}-${i}`, amount: i }, ownerId: u.leaver.id }, a);
          expect(r.status).toBe(201);
        });
      }
      // Someone else's records, which stay where they are.
      for (let i = 0; i < 5; i++) {
        jobs.push(async () => {
          expect((await t.http('POST', `/api/apps/hr/forms/${formKey}/records`, { data: { name: `other-${i}` }, ownerId: u.bystander.id }, a)).status).toBe(201);
        });
      }
    }
    for (let i = 0; i < jobs.length; i += 25) await Promise.all(jobs.slice(i, i + 25).map((job) => job()));

    // Five accounts under approval, each waiting for the leaver.
    const flow = { key: 'review', name: 'Review', formKey: 'account', nodes: [{ key: 'check', type: 'approval', name: 'Check', approvers: [{ source: 'users', userIds: [u.leaver.id] }] }] };
    expect((await t.http('POST', '/api/apps/hr/flows', flow, a)).status).toBe(201);
    const accounts = await t.sql(`SELECT _id FROM ${tables.account} WHERE _owner_id = $1 ORDER BY _id LIMIT ${TASKS}`, [u.leaver.id]);
    for (const row of accounts) expect((await t.http('POST', `/api/apps/hr/forms/account/records/${row._id}/flow`, { flowKey: 'review' }, a)).status).toBe(201);
    expect(await openTasksOf(u.leaver.id)).toBe(TASKS);
  }, 180_000);
  afterAll(async () => t?.close());

  it('previews the counts per form without changing anything', async () => {
    const preview = await t.http('POST', '/api/handover', { fromUserId: u.leaver.id, toUserId: u.successor.id, dryRun: true }, t.adminToken);
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({
      dryRun: true, tasks: TASKS, todos: 0,
      records: Object.entries(COUNTS).map(([formKey, count]) => ({ appKey: 'hr', formKey, count })),
    });
    await expectNothingMoved();
  });

  it('moves nothing when it fails half-way (a trigger refuses the last form)', async () => {
    await t.sql(`CREATE FUNCTION refuse_owner_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'forced failure'; END $$`);
    await t.sql(`CREATE TRIGGER refuse_owner_change BEFORE UPDATE OF _owner_id ON ${tables.visit} FOR EACH ROW EXECUTE FUNCTION refuse_owner_change()`);
    try {
      const failed = await t.http('POST', '/api/handover', { fromUserId: u.leaver.id, toUserId: u.successor.id, dryRun: false }, t.adminToken);
      expect(failed.status).toBe(500);
      await expectNothingMoved();
    } finally {
      await t.sql(`DROP TRIGGER refuse_owner_change ON ${tables.visit}`);
      await t.sql(`DROP FUNCTION refuse_owner_change()`);
    }
  });

  it('moves nothing when the successor is deactivated while the handover waits', async () => {
    const other = new Client({ connectionString: t.databaseUrl });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(`UPDATE users SET active = false WHERE id = $1`, [u.successor.id]);
      const pending = t.http('POST', '/api/handover', { fromUserId: u.leaver.id, toUserId: u.successor.id, dryRun: false }, t.adminToken);
      // The handover has read the successor as active and now waits for the row lock.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await other.query('COMMIT');
      const refused = await pending;
      expect(refused).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['toUserId'], code: 'inactive' }] } } });
      await expectNothingMoved();
    } finally {
      await other.end();
      expect((await t.http('PATCH', `/api/users/${u.successor.id}`, { active: true }, t.adminToken)).status).toBe(200);
    }
  });

  it('moves all 500 records and the open tasks in one action, closes the leaver out and writes one audit entry', async () => {
    const started = performance.now();
    const done = await t.http('POST', '/api/handover', { fromUserId: u.leaver.id, toUserId: u.successor.id, dryRun: false }, t.adminToken);
    const ms = Math.round(performance.now() - started);
    expect(done.status).toBe(200);
    expect(done.body).toEqual({
      dryRun: false, tasks: TASKS, todos: 0,
      records: Object.entries(COUNTS).map(([formKey, count]) => ({ appKey: 'hr', formKey, count })),
    });
    console.log(`handover of ${Object.values(COUNTS).reduce((x, y) => x + y)} records and ${TASKS} tasks: ${ms} ms`);

    expect(await ownedBy(u.leaver.id)).toEqual({ account: 0, contact: 0, visit: 0 });
    expect(await ownedBy(u.successor.id)).toEqual(COUNTS);
    expect(await ownedBy(u.bystander.id)).toEqual({ account: 5, contact: 5, visit: 5 });
    for (const table of Object.values(tables)) {
      const depts = await t.sql(`SELECT DISTINCT _owner_dept_id AS d FROM ${table} WHERE _owner_id = $1`, [u.successor.id]);
      expect(depts).toEqual([{ d: u.successor.dept }]);
    }
    // The successor sees them through their own-records scope, and has the tasks.
    const successor = await t.login('successor', 'pass-successor');
    const listed = await t.http('POST', '/api/apps/hr/forms/contact/records/query', { limit: 1, exactTotal: true }, successor);
    expect(listed.body.total).toBe(COUNTS.contact);
    expect(await openTasksOf(u.leaver.id)).toBe(0);
    expect(await openTasksOf(u.successor.id)).toBe(TASKS);

    // The leaver: deactivated, the session and the token revoked, no new sign-in.
    expect((await t.http('GET', `/api/users/${u.leaver.id}`, undefined, t.adminToken)).body.active).toBe(false);
    expect((await t.http('GET', '/api/auth/me', undefined, leaverSession)).status).toBe(401);
    expect((await t.http('POST', '/api/apps/hr/forms/account/records/query', {}, leaverToken)).status).toBe(401);
    expect((await t.http('POST', '/api/auth/login', { username: 'leaver', password: 'pass-leaver' })).status).toBe(401);

    const entries = await handoverEntries();
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: expect.any(String), target: { type: 'user', id: u.leaver.id },
      after: { ownerId: u.successor.id, active: false, tasks: TASKS, records: Object.entries(COUNTS).map(([formKey, count]) => ({ appKey: 'hr', formKey, count })) },
    });
  });
});
