import { startTestPlatform, type TestPlatform } from './harness';

/**
 * A create import saves its rows through RecordsService.createMany: the checks of create for every
 * record, then many records per multi-row INSERT. What a user must not notice: a row that fails in the
 * middle of a batch fails alone with its row number, serial numbers stay gap-free and in the file's
 * order, every record has its audit entry and its event, and formulas, defaults, relations, lookups and
 * rollups come out as a create one by one leaves them.
 */
const account = { key: 'account', name: 'Account', fields: [{ key: 'name', type: 'text', label: 'Name', required: true }] };
const accountRollups = [{ key: 'items', type: 'rollup', label: 'Items', options: { relationField: 'item.account', aggregate: 'count' } }];
const item = {
  key: 'item',
  name: 'Item',
  fields: [
    { key: 'no', type: 'serialNumber', label: 'No', options: { segments: [{ type: 'text', value: 'N-' }, { type: 'counter', digits: 5 }] } },
    { key: 'code', type: 'text', label: 'Code', required: true },
    { key: 'qty', type: 'number', label: 'Quantity' },
    { key: 'double', type: 'formula', label: 'Double', options: { expression: 'qty * 2', resultType: 'number' } },
    { key: 'stage', type: 'select', label: 'Stage', options: { options: [{ key: 'open', label: 'Open' }, { key: 'won', label: 'Won' }] } },
    // Not in the file: its default applies (an empty cell of a column in the file empties its field).
    { key: 'source', type: 'select', label: 'Source', options: { default: 'web', options: [{ key: 'web', label: 'Web' }, { key: 'tel', label: 'Phone' }] } },
    { key: 'account', type: 'relation', label: 'Account', options: { targetForm: 'account' } },
    { key: 'account_name', type: 'lookup', label: 'Account name', options: { relationField: 'account', targetField: 'name' } },
    { key: 'lines', type: 'subForm', label: 'Lines', options: { fields: [{ key: 'product', type: 'text', label: 'Product' }] } },
  ],
};
/** Two batches of the import (1,000 records each): the second has no failing row. */
const ROWS = 1400;
const PATH = '/api/apps/batch/forms/item';

describe('import through the batched create path', () => {
  let t: TestPlatform;
  let admin: string;

  const importCsv = async (text: string) => {
    const body = new FormData();
    body.append('lang', 'en-US');
    body.append('file', new Blob([Buffer.from(text, 'utf8')]), 'items.csv');
    const res = await fetch(`${t.baseUrl}${PATH}/records/import`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body });
    const started = await res.json();
    expect([res.status, started.code]).toEqual([202, undefined]);
    for (const until = Date.now() + 240_000; Date.now() < until;) {
      const job = await t.http('GET', `/api/jobs/${started.jobId}`, undefined, admin);
      if (job.body.status === 'done' || job.body.status === 'failed') return job.body;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error('the import did not finish');
  };
  const table = async (form: string) => `data."${(await t.sql(`SELECT table_name FROM forms WHERE app_key = 'batch' AND key = $1`, [form]))[0].table_name}"`;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'batch', name: 'Batch' }, admin)).status).toBe(201);
    for (const form of [account, item]) expect((await t.http('POST', '/api/apps/batch/forms', form, admin)).status).toBe(201);
    const patched = await t.http('PATCH', '/api/apps/batch/forms/account', { fields: [...account.fields, ...accountRollups] }, admin);
    expect([patched.status, patched.body.code]).toEqual([200, undefined]);
    // What only the database can refuse, in the middle of a batch: a unique index made by hand (a field's
    // `unique` option gives an ordinary index), so that a repeated code fails its INSERT.
    await t.sql(`CREATE UNIQUE INDEX item_code_unique ON ${await table('item')} (code)`);
  }, 120_000);
  afterAll(async () => t?.close());

  it('saves every good row of a batch when one fails in its middle, numbering them in file order without gaps, each with its audit entry and event', async () => {
    const acme = (await t.http('POST', '/api/apps/batch/forms/account/records', { data: { name: 'Acme' } }, admin)).body.id;
    const gone = (await t.http('POST', '/api/apps/batch/forms/account/records', { data: { name: 'Gone' } }, admin)).body.id;
    expect((await t.http('DELETE', `/api/apps/batch/forms/account/records/${gone}`, undefined, admin)).status).toBe(204);
    // Taken before the import: N-00001.
    const taken = await t.http('POST', `${PATH}/records`, { data: { code: 'TAKEN', qty: 1 } }, admin);
    expect([taken.status, taken.body.data.no]).toEqual([201, 'N-00001']);

    const lines = ['Code,Quantity,Stage,Account,Lines.Product'];
    for (let i = 0; i < ROWS; i++) {
      const code = i === 100 ? 'TAKEN' : i === 400 || i === 401 ? 'TWICE' : `C-${i}`;
      const qty = i === 500 ? 'abc' : String(i);
      const linked = i === 600 ? gone : i % 3 === 0 ? 'Acme' : '';
      lines.push(`${code},${qty},${i % 5 === 0 ? 'Won' : ''},${linked},${i === 350 ? 'Widget' : ''}`);
    }
    const job = await importCsv(lines.join('\n'));
    // Row numbers are the sheet's: row i of the data is line i + 2.
    expect(job).toMatchObject({ status: 'done', result: { created: ROWS - 4, failed: 4, failedRows: [102, 403, 502, 602] } });
    expect(job.result.errors.map((e: any) => [e.row, e.column, e.code])).toEqual([
      [102, 'Code', 'UNIQUE_VIOLATION'],
      [403, 'Code', 'UNIQUE_VIOLATION'],
      [502, 'Quantity', 'invalid_type'],
      [602, 'Account', 'not_found'],
    ]);

    const items = await t.sql(`SELECT _id, _created_at, no, code, qty, double, stage, source, account, account_name FROM ${await table('item')} WHERE code <> 'TAKEN'`);
    expect(items).toHaveLength(ROWS - 4);
    // In the file's order, numbered on from the record made before, with no number lost to the failed rows.
    const inFileOrder = [...items].sort((a, b) => Number(a.qty) - Number(b.qty));
    expect(inFileOrder.map((r) => r.no)).toEqual(inFileOrder.map((_r, at) => `N-${String(at + 2).padStart(5, '0')}`));
    const byCode = new Map(items.map((r) => [r.code, r]));
    for (let i = 0; i < ROWS; i++) {
      if ([100, 401, 500, 600].includes(i)) continue;
      const row = byCode.get(i === 400 ? 'TWICE' : `C-${i}`);
      expect([Number(row.qty), Number(row.double), row.stage, row.source]).toEqual([i, i * 2, i % 5 === 0 ? 'won' : null, 'web']);
      expect([row.account, row.account_name]).toEqual(i % 3 === 0 ? [acme, 'Acme'] : [null, null]);
    }
    // Rows 1000-1399 (the second batch, where no row fails) went in one statement, with one clock reading.
    const together = items.filter((r) => Number(r.qty) >= 1000);
    expect([together.length, new Set(together.map((r) => r._created_at.toISOString())).size]).toEqual([400, 1]);
    // The first batch, where two rows fail in the database, was split in halves until the failing rows were
    // found, not saved row by row: its 900-odd rows share a few dozen clock readings (one per transaction).
    const split = items.filter((r) => Number(r.qty) < 1000 && Number(r.qty) !== 350);
    expect(new Set(split.map((r) => r._created_at.toISOString())).size).toBeLessThanOrEqual(60);
    // The sub-form record was created on its own, in its place.
    const withLines = await t.http('GET', `${PATH}/records/${byCode.get('C-350')._id}`, undefined, admin);
    expect(withLines.body.data.lines).toEqual([{ id: expect.any(String), product: 'Widget' }]);
    expect(withLines.body.data.no).toBe('N-00351'); // 349 rows before it (row 100 failed) and TAKEN

    // The rollup over the imported records: those linking Acme (every third row but row 600).
    const linking = Array.from({ length: ROWS }, (_v, i) => i).filter((i) => i % 3 === 0 && i !== 600).length;
    expect((await t.http('GET', `/api/apps/batch/forms/account/records/${acme}`, undefined, admin)).body.data.items).toBe(linking);

    // One audit entry per record with what was stored, and one record.created event per record.
    const audits = await t.sql(`SELECT target_id, actor_id, after FROM audit_log WHERE action = 'record.create' AND app_key = 'batch' AND form_key = 'item'`);
    expect(audits).toHaveLength(ROWS - 4 + 1);
    const audited = new Map(audits.map((a) => [a.target_id, a]));
    for (const row of items) {
      expect(audited.get(row._id)?.after).toMatchObject({ code: row.code, no: row.no, qty: Number(row.qty), double: Number(row.double), stage: row.stage, source: 'web' });
    }
    const events = await t.sql(`SELECT payload->>'id' AS id FROM outbox WHERE topic = 'record.created' AND payload->>'formKey' = 'item'`);
    expect(new Set(events.map((e) => e.id))).toEqual(new Set([...items.map((r) => r._id), taken.body.id]));
    // The list shows the newest first, as when the rows are created one by one.
    const first = await t.http('POST', `${PATH}/records/query`, { limit: 1 }, admin);
    expect(first.body.items[0].data.code).toBe(`C-${ROWS - 1}`);
  }, 300_000);

  it('leaves a refused row unnumbered when a batch is saved in parts after a failure, and numbers the next import on', async () => {
    const before = await t.sql(`SELECT count(*)::int AS n FROM ${await table('item')}`);
    const job = await importCsv('Code,Quantity\nD-1,1\nC-5,2\nD-3,3\n');
    expect(job.result).toMatchObject({ created: 2, failed: 1, failedRows: [3] });
    const rows = await t.sql(`SELECT no, code FROM ${await table('item')} WHERE code LIKE 'D-%' ORDER BY no`);
    const next = before[0].n + 1;
    expect(rows).toEqual([{ no: `N-${String(next).padStart(5, '0')}`, code: 'D-1' }, { no: `N-${String(next + 1).padStart(5, '0')}`, code: 'D-3' }]);
  }, 120_000);
});
