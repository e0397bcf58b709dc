import { buildFieldIndex } from '../src/metadata/build-field-index';
import { Db } from '../src/database/database';
import { startTestPlatform, type TestPlatform } from './harness';

/**
 * A field's `unique` option (VALUES.md "Refusals"): a value another live record holds is 409
 * UNIQUE_VIOLATION naming the field, on every write path; empty values never clash; a deleted record's
 * value is free again. Making a field unique while records share values is refused before anything
 * changes, naming them; clearing the option stops the refusals.
 */
const LONG_KEY = 'a_rather_long_key_for_the_badge_code'; // its index name needs the hashed form
const member = {
  key: 'member',
  name: 'Member',
  fields: [
    { key: 'code', type: 'text', label: { 'zh-CN': '编号', 'en-US': 'Code' }, options: { unique: true } },
    { key: 'mail', type: 'email', label: { 'zh-CN': '邮箱', 'en-US': 'Email' }, options: { unique: true } },
    { key: LONG_KEY, type: 'text', label: 'Badge', options: { unique: true } },
    { key: 'name', type: 'text', label: 'Name' },
  ],
};
const ticket = {
  key: 'ticket',
  name: 'Ticket',
  fields: [
    { key: 'ref', type: 'text', label: { 'zh-CN': '单号', 'en-US': 'Reference' } },
    { key: 'seq', type: 'number', label: 'Sequence' },
    { key: 'mobile', type: 'phone', label: 'Mobile' },
  ],
};
const BASE = '/api/apps/club/forms';

describe('unique fields', () => {
  let t: TestPlatform;
  let admin: string;

  const create = (form: string, data: Record<string, unknown>) => t.http('POST', `${BASE}/${form}/records`, { data }, admin);
  const tableOf = async (form: string) => (await t.sql(`SELECT table_name FROM forms WHERE app_key = 'club' AND key = $1`, [form]))[0].table_name as string;
  /** The field indexes of a form's table: name -> unique, valid. */
  const indexes = async (form: string) => Object.fromEntries((await t.sql(
    `SELECT c.relname AS name, i.indisunique AS unique, i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      JOIN pg_class r ON r.oid = i.indrelid WHERE r.relname = $1 AND c.relname ~ '_(idx|uq)$'`, [await tableOf(form)])).map((r) => [r.name, { unique: r.unique, valid: r.valid }]));
  const getForm = async (form: string) => (await t.http('GET', `${BASE}/${form}`, undefined, admin)).body;
  const withFields = async (form: string, edit: (fields: any[]) => any[]) => {
    const current = await getForm(form);
    return t.http('PATCH', `${BASE}/${form}`, { fields: edit(current.fields), version: current.version }, admin);
  };
  const setOption = (key: string, options: Record<string, unknown>) => (fields: any[]) =>
    fields.map((f) => (f.key === key ? { ...f, options: { ...f.options, ...options } } : f));

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'club', name: 'Club' }, admin)).status).toBe(201);
    for (const form of [member, ticket]) expect((await t.http('POST', `${BASE}`, form, admin)).status).toBe(201);
  });
  afterAll(async () => t?.close());

  it('creates a new form with unique indexes of its own names, the ordinary index for a type indexed anyway', async () => {
    const table = await tableOf('member');
    const found = await indexes('member');
    expect(found[`${table}_code_uq`]).toEqual({ unique: true, valid: true });
    expect(found[`${table}_mail_uq`]).toEqual({ unique: true, valid: true });
    expect(found[`${table}_mail_idx`]).toBeUndefined();
    expect(Object.entries(found).filter(([name, index]) => index.unique && name.length <= 63 && /_k[0-9a-f]{8}_uq$/.test(name))).toHaveLength(1);
    expect((await indexes('ticket'))[`${await tableOf('ticket')}_mobile_idx`]).toEqual({ unique: false, valid: true });
  });

  it('refuses a value another record holds with 409 UNIQUE_VIOLATION naming the field, exactly as stored', async () => {
    expect((await create('member', { code: 'A-1', mail: 'ann@example.com', name: 'Ann' })).status).toBe(201);
    const again = await create('member', { code: 'A-1', name: 'Other Ann' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { field: 'code' } });
    expect(again.body.message).toContain('Code');
    // E-mail addresses are trimmed by their type, so the same address with spaces around it clashes.
    expect((await create('member', { mail: '  ann@example.com ' })).body).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { field: 'mail' } });
    // Compared exactly: case and the spaces text keeps make other values.
    expect((await create('member', { code: 'a-1' })).status).toBe(201);
    expect((await create('member', { code: 'A-1 ' })).status).toBe(201);
    expect((await t.http('POST', `${BASE}/member/records/query`, { filter: { '==': [{ var: 'code' }, 'A-1'] } }, admin)).body.items).toHaveLength(1);
  });

  it('names a field whose index name is hashed', async () => {
    expect((await create('member', { [LONG_KEY]: 'B-7' })).status).toBe(201);
    expect((await create('member', { [LONG_KEY]: 'B-7' })).body).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { field: LONG_KEY } });
  });

  it('refuses a value too long for the unique index with a 400, not a 500, and keeps nothing of it', async () => {
    expect((await withFields('member', setOption('code', { maxLength: 10_000 }))).status).toBe(200);
    // 9,000 bytes that do not compress: over PostgreSQL's limit for an index entry.
    const long = Array.from({ length: 3000 }, (_v, i) => String.fromCodePoint(0x4e00 + ((i * 7919) % 20000))).join('');
    const made = await create('member', { code: long, name: 'Long' });
    expect(made.status).toBe(400);
    expect(made.body.code).toBe('VALUE_TOO_LONG');
    expect((await t.sql(`SELECT count(*)::int AS n FROM data.${await tableOf('member')} WHERE name = 'Long'`))[0].n).toBe(0);
    expect((await withFields('member', setOption('code', { maxLength: undefined }))).status).toBe(200);
  });

  it('never lets empty values clash', async () => {
    for (const code of ['', null, undefined]) {
      const made = await create('member', { ...(code === undefined ? {} : { code }), name: 'Blank' });
      expect([made.status, made.body.data?.code]).toEqual([201, null]);
    }
  });

  it('refuses an update to a taken value, and in a bulk edit only the records that would clash', async () => {
    const one = (await create('member', { code: 'U-1' })).body.id;
    const two = (await create('member', { code: 'U-2' })).body.id;
    const moved = await t.http('PATCH', `${BASE}/member/records/${two}`, { data: { code: 'U-1' } }, admin);
    expect(moved).toMatchObject({ status: 409, body: { code: 'UNIQUE_VIOLATION', details: { field: 'code' } } });
    expect((await t.http('GET', `${BASE}/member/records/${two}`, undefined, admin)).body.data.code).toBe('U-2');

    const bulk = await t.http('POST', `${BASE}/member/records/bulk-update`, { ids: [one, two], data: { code: 'U-9' } }, admin);
    expect(bulk.status).toBe(200);
    expect(bulk.body).toEqual({ succeeded: [one], failed: [expect.objectContaining({ id: two, status: 409, code: 'UNIQUE_VIOLATION', details: { field: 'code' } })] });
  });

  it('frees the value of a deleted record, and refuses to restore it while another record holds it', async () => {
    const first = (await create('member', { code: 'D-1' })).body.id;
    expect((await t.http('DELETE', `${BASE}/member/records/${first}`, undefined, admin)).status).toBe(204);
    expect((await create('member', { code: 'D-1' })).status).toBe(201);
    const restored = await t.http('POST', `${BASE}/member/records/${first}/restore`, undefined, admin);
    expect(restored).toMatchObject({ status: 409, body: { code: 'UNIQUE_VIOLATION', details: { field: 'code' } } });
  });

  it('reports a clash per row of an import, naming the field and its column', async () => {
    const body = new FormData();
    body.append('lang', 'en-US');
    body.append('file', new Blob([Buffer.from('Code,Name\nI-1,One\nI-1,Two\nA-1,Three\nI-2,Four\n', 'utf8')]), 'members.csv');
    const res = await fetch(`${t.baseUrl}${BASE}/member/records/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body });
    const started = await res.json();
    expect(res.status).toBe(202);
    let job: any;
    for (const until = Date.now() + 60_000; Date.now() < until;) {
      job = (await t.http('GET', `/api/jobs/${started.jobId}`, undefined, admin)).body;
      if (job.status === 'done' || job.status === 'failed') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(job).toMatchObject({ status: 'done', result: { created: 2, failed: 2 } });
    expect(job.result.errors.map((e: any) => [e.row, e.column, e.field, e.code])).toEqual([[3, 'Code', 'code', 'UNIQUE_VIOLATION'], [4, 'Code', 'code', 'UNIQUE_VIOLATION']]);
  });

  it('refuses to make a field unique while live records share values, naming them, and leaves the form as it was', async () => {
    for (const ref of ['X', 'X', 'Y', 'Y', 'Y', 'Z', null, null]) expect((await create('ticket', { ref })).status).toBe(201);
    // A deleted record's value does not count.
    const gone = (await create('ticket', { ref: 'Z' })).body.id;
    await t.http('DELETE', `${BASE}/ticket/records/${gone}`, undefined, admin);
    const before = await getForm('ticket');

    const refused = await withFields('ticket', setOption('ref', { unique: true }));
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('VALIDATION_FAILED');
    expect(refused.body.details.issues).toEqual([{
      path: ['fields', 0, 'options', 'unique'], code: 'unique_conflict', message: expect.stringContaining('5 records share 2 values of Reference ("Y", "X")'),
      params: { field: 'ref', values: '"Y", "X"', sharedValues: 2, records: 5 },
    }]);
    const after = await getForm('ticket');
    expect([after.version, after.fields[0].options]).toEqual([before.version, before.fields[0].options]);
    expect(Object.keys(await indexes('ticket')).filter((name) => name.endsWith('_ref_uq'))).toEqual([]);
    expect((await create('ticket', { ref: 'X' })).status).toBe(201);
  });

  it('enforces the option once the values differ, and stops when it is cleared', async () => {
    const rows = (await t.http('POST', `${BASE}/ticket/records/query`, { filter: { in: [{ var: 'ref' }, ['X', 'Y']] }, limit: 100 }, admin)).body.items;
    for (const [at, row] of rows.entries()) await t.http('PATCH', `${BASE}/ticket/records/${row.id}`, { data: { ref: `R-${at}` } }, admin);

    const made = await withFields('ticket', setOption('ref', { unique: true }));
    expect([made.status, made.body.fields[0].options]).toEqual([200, { unique: true }]);
    const table = await tableOf('ticket');
    expect((await indexes('ticket'))[`${table}_ref_uq`]).toEqual({ unique: true, valid: true });
    expect((await create('ticket', { ref: 'R-0' })).body).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { field: 'ref' } });
    expect((await create('ticket', { ref: 'Z' })).body).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { field: 'ref' } });

    const cleared = await withFields('ticket', setOption('ref', { unique: false }));
    expect(cleared.status).toBe(200);
    expect(Object.keys(await indexes('ticket')).filter((name) => name.startsWith(`${table}_ref_`))).toEqual([]);
    expect((await create('ticket', { ref: 'R-0' })).status).toBe(201);
  });

  it('swaps the ordinary index of a type indexed anyway for the unique one, and back', async () => {
    const table = await tableOf('ticket');
    expect((await withFields('ticket', setOption('mobile', { unique: true }))).status).toBe(200);
    const found = await indexes('ticket');
    expect([found[`${table}_mobile_uq`], found[`${table}_mobile_idx`]]).toEqual([{ unique: true, valid: true }, undefined]);
    expect((await withFields('ticket', setOption('mobile', { unique: false }))).status).toBe(200);
    const back = await indexes('ticket');
    expect([back[`${table}_mobile_uq`], back[`${table}_mobile_idx`]]).toEqual([undefined, { unique: false, valid: true }]);
  });

  it('checks the converted values when a type change makes a field unique', async () => {
    for (const seq of [1, 1.0, 2]) await create('ticket', { seq });
    const refused = await withFields('ticket', (fields) => fields.map((f) => (f.key === 'seq' ? { ...f, type: 'text', options: { unique: true } } : f)));
    expect(refused.status).toBe(400);
    expect(refused.body.details.issues[0]).toMatchObject({ code: 'unique_conflict', params: { field: 'seq', values: '"1"', records: 2 } });
  });

  it('makes a new field unique on a table with records, and enforces it', async () => {
    const added = await withFields('member', (fields) => [...fields, { key: 'nick', type: 'text', label: 'Nickname', options: { unique: true } }]);
    expect(added.status).toBe(200);
    expect((await indexes('member'))[`${await tableOf('member')}_nick_uq`]).toEqual({ unique: true, valid: true });
    expect((await create('member', { nick: 'zed' })).status).toBe(201);
    expect((await create('member', { nick: 'zed' })).body).toMatchObject({ code: 'UNIQUE_VIOLATION', details: { field: 'nick' } });
  });

  it('repairs a missing unique index on the next save, refusing it while records share values', async () => {
    // As a form made before `unique` was enforced: its index gone, values written twice.
    const table = await tableOf('member');
    await t.sql(`DROP INDEX data."${table}_code_uq"`);
    expect((await create('member', { code: 'L-1' })).status).toBe(201);
    const twin = (await create('member', { code: 'L-1' })).body.id;
    const renamed = await t.http('PATCH', `${BASE}/member`, { name: 'Members' }, admin);
    expect(renamed.status).toBe(400);
    expect(renamed.body.details.issues[0]).toMatchObject({ path: ['fields', 0, 'options', 'unique'], code: 'unique_conflict', params: { field: 'code', values: '"L-1"', records: 2 } });
    await t.http('PATCH', `${BASE}/member/records/${twin}`, { data: { code: 'L-2' } }, admin);
    expect((await t.http('PATCH', `${BASE}/member`, { name: 'Members' }, admin)).status).toBe(200);
    expect((await indexes('member'))[`${table}_code_uq`]).toEqual({ unique: true, valid: true });
    expect((await create('member', { code: 'L-2' })).status).toBe(409);
  });

  it('leaves no invalid index behind when a concurrent build meets a duplicate', async () => {
    // What a write racing the form change's check leaves: values shared when the index is built.
    const table = await tableOf('ticket');
    await create('ticket', { mobile: '13800000000' });
    await create('ticket', { mobile: '13800000000' });
    await t.sql(`DROP INDEX data."${table}_mobile_idx"`);
    const built = await buildFieldIndex(t.platform.app.get(Db), table, { ...ticket.fields[2], options: { unique: true } } as any, 'club/ticket');
    expect(built).toBe(false);
    const found = await indexes('ticket');
    expect([found[`${table}_mobile_uq`], found[`${table}_mobile_idx`]]).toEqual([undefined, { unique: false, valid: true }]);
    expect(Object.values(found).every((index) => index.valid)).toBe(true);
  });
});
