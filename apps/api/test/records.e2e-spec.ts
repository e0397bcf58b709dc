import { startTestPlatform, type TestPlatform } from './harness';

const form = {
  key: 'deal',
  name: { 'zh-CN': '交易', 'en-US': 'Deal' },
  fields: [
    { key: 'title', type: 'text', label: '标题', required: true, options: { maxLength: 50 } },
    { key: 'notes', type: 'textarea', label: '备注' },
    { key: 'qty', type: 'number', label: '数量', options: { decimals: 0 } },
    { key: 'amount', type: 'money', label: '金额', options: { currency: 'CNY' } },
    { key: 'words', type: 'moneyInWords', label: '大写', options: { sourceField: 'amount' } },
    { key: 'rate', type: 'percent', label: '折扣' },
    { key: 'close_on', type: 'date', label: '日期' },
    { key: 'met_at', type: 'datetime', label: '时间' },
    { key: 'stage', type: 'select', label: '阶段', options: { options: [{ key: 'qualify', label: '需求' }, { key: 'proposal', label: '方案' }, { key: 'won', label: '赢单' }] } },
    { key: 'tags', type: 'multiSelect', label: '标签', options: { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] } },
    { key: 'level', type: 'radio', label: '级别', options: { options: [{ key: 'x', label: 'X' }, { key: 'y', label: 'Y' }] } },
    { key: 'channels', type: 'checkbox', label: '渠道', options: { options: [{ key: 'web', label: 'Web' }, { key: 'tel', label: 'Tel' }] } },
    { key: 'vip', type: 'switch', label: 'VIP' },
    { key: 'rep', type: 'member', label: '销售' },
    { key: 'team', type: 'department', label: '部门' },
    { key: 'mail', type: 'email', label: '邮箱' },
    { key: 'mobile', type: 'phone', label: '手机' },
    { key: 'site', type: 'url', label: '网址' },
    { key: 'split', type: 'divider', label: '分割', options: { title: 'More' } },
  ],
  settings: { titleField: 'title', stageGates: { field: 'stage', requirements: { proposal: ['amount', 'close_on'] } } },
};

describe('forms as real tables and the records API', () => {
  let t: TestPlatform;
  let admin: string;
  const path = '/api/apps/sales/forms/deal';
  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'sales', name: '销售' }, admin)).status).toBe(201);
    const created = await t.http('POST', '/api/apps/sales/forms', form, admin);
    expect(created.status).toBe(201);
    expect(created.body.version).toBe(1);
  });
  afterAll(async () => t?.close());

  it('lists the field types with both languages', async () => {
    const types = await t.http('GET', '/api/field-types', undefined, admin);
    expect(Array.isArray(types.body)).toBe(true);
    const text = types.body.find((x: any) => x.type === 'text');
    expect(text).toMatchObject({ label: { 'zh-CN': '单行文本', 'en-US': expect.any(String) }, valueKind: 'string' });
    expect(types.body.map((x: any) => x.type)).toEqual(expect.arrayContaining(['text', 'textarea', 'number', 'money', 'percent', 'date', 'datetime', 'select', 'multiSelect', 'radio', 'checkbox', 'switch', 'member', 'department', 'email', 'phone', 'url']));
  });

  it('creates one typed column per field in schema data', async () => {
    const [f] = await t.sql(`SELECT table_name FROM forms WHERE key = 'deal'`);
    const cols = await t.sql(`SELECT column_name, data_type, udt_name, collation_name FROM information_schema.columns WHERE table_schema = 'data' AND table_name = $1`, [f.table_name]);
    const by = Object.fromEntries(cols.map((c: any) => [c.column_name, c]));
    expect(by.amount.udt_name).toBe('numeric');
    expect(by.close_on.data_type).toBe('date');
    expect(by.met_at.data_type).toBe('timestamp with time zone');
    expect(by.tags.udt_name).toBe('_text');
    expect(by.vip.data_type).toBe('boolean');
    expect(by.rep.udt_name).toBe('uuid');
    expect(by.title.collation_name).toBe('C');
    expect(by.split).toBeUndefined();
    for (const sys of ['_id', '_created_at', '_updated_at', '_created_by', '_updated_by', '_owner_id', '_owner_dept_id', '_version', '_flow_status', '_deleted_at']) expect(by[sys]).toBeDefined();
  });

  it('creates, reads, updates with an optimistic version, trashes and restores, with audit and outbox in the same transaction', async () => {
    const [adminRow] = await t.sql(`SELECT id FROM users WHERE username = 'admin'`);
    const data = {
      title: "Robert'); DROP TABLE users;--", notes: '<script>alert(1)</script>', qty: 3, amount: 12000, rate: 85, close_on: '2026-12-31',
      met_at: '2026-11-27T10:00:00+08:00', stage: 'qualify', tags: ['a', 'b'], level: 'x', channels: ['web'], vip: true, rep: adminRow.id,
      mail: 'li@example.com', mobile: '13812345678', site: 'https://example.com',
    };
    const created = await t.http('POST', `${path}/records`, { data }, admin);
    expect(created.status).toBe(201);
    const rec = created.body;
    expect(rec).toMatchObject({ version: 1, ownerId: adminRow.id, createdBy: adminRow.id });
    expect(rec.data).toMatchObject({ title: data.title, notes: data.notes, amount: 12000, words: '壹万贰仟元整', met_at: '2026-11-27T02:00:00.000Z', team: null, tags: ['a', 'b'] });
    expect((await t.sql(`SELECT count(*)::int AS n FROM users`))[0].n).toBeGreaterThan(0);

    const got = await t.http('GET', `${path}/records/${rec.id}`, undefined, admin);
    expect(got.body).toEqual(rec);

    const patched = await t.http('PATCH', `${path}/records/${rec.id}`, { data: { amount: 15000.5 }, version: 1 }, admin);
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ version: 2, data: { amount: 15000.5, words: '壹万伍仟元伍角' } });
    const stale = await t.http('PATCH', `${path}/records/${rec.id}`, { data: { amount: 1 }, version: 1 }, admin);
    expect(stale).toMatchObject({ status: 409, body: { code: 'RECORD_VERSION_CONFLICT' } });
    expect((await t.http('GET', `${path}/records/${rec.id}`, undefined, admin)).body.data.amount).toBe(15000.5);

    const audit = await t.http('GET', `/api/audit?recordId=${rec.id}`, undefined, admin);
    expect(audit.body.items.map((i: any) => i.action)).toEqual(['record.update', 'record.create']);
    expect(audit.body.items[0]).toMatchObject({ before: { amount: 12000 }, after: { amount: 15000.5 }, target: { type: 'record', appKey: 'sales', formKey: 'deal', id: rec.id } });
    const outbox = await t.sql(`SELECT topic FROM outbox WHERE payload->>'id' = $1 ORDER BY id`, [rec.id]);
    expect(outbox.map((o: any) => o.topic)).toEqual(['record.created', 'record.updated']);

    expect((await t.http('DELETE', `${path}/records/${rec.id}`, undefined, admin)).status).toBe(204);
    expect((await t.http('GET', `${path}/records/${rec.id}`, undefined, admin)).status).toBe(404);
    const trash = await t.http('POST', `${path}/records/trash/query`, {}, admin);
    expect(trash.body.items.map((r: any) => r.id)).toContain(rec.id);
    const restored = await t.http('POST', `${path}/records/${rec.id}/restore`, undefined, admin);
    expect(restored).toMatchObject({ status: 200, body: { id: rec.id } });
    expect((await t.http('GET', `${path}/records/${rec.id}`, undefined, admin)).status).toBe(200);
  });

  it.each([
    ['an unknown field', { data: { nope: 1, title: 'x' } }, 400, 'UNKNOWN_FIELD'],
    ['a layout item', { data: { split: 'x', title: 'x' } }, 400, 'UNKNOWN_FIELD'],
    ['a wrong type', { data: { title: 'x', qty: 'many' } }, 400, 'VALIDATION_FAILED'],
    ['a missing required value', { data: { qty: 1 } }, 400, 'VALIDATION_FAILED'],
    ['an invalid option', { data: { title: 'x', stage: "won' OR 1=1" } }, 400, 'VALIDATION_FAILED'],
    ['an oversized value', { data: { title: 'x'.repeat(51) } }, 400, 'VALIDATION_FAILED'],
    ['a derived field', { data: { title: 'x', words: '壹' } }, 400, 'VALIDATION_FAILED'],
    ['a non-existent member', { data: { title: 'x', rep: '01900000-0000-7000-8000-000000000000' } }, 400, 'VALIDATION_FAILED'],
    ['a bad date', { data: { title: 'x', close_on: '2026-02-30' } }, 400, 'VALIDATION_FAILED'],
    ['a bad phone', { data: { title: 'x', mobile: '12345' } }, 400, 'VALIDATION_FAILED'],
    ['a javascript: url', { data: { title: 'x', site: 'javascript:alert(1)' } }, 400, 'VALIDATION_FAILED'],
    ['data that is not an object', { data: [1, 2] }, 400, 'VALIDATION_FAILED'],
    ['a stage gate', { data: { title: 'x', stage: 'proposal' } }, 400, 'VALIDATION_FAILED'],
  ])('refuses %s and writes nothing', async (_name, body, status, code) => {
    const [{ n: before }] = await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'record.create'`);
    const r = await t.http('POST', `${path}/records`, body, admin);
    expect(r).toMatchObject({ status, body: { code, message: expect.any(String) } });
    const [{ n: after }] = await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'record.create'`);
    expect(after).toBe(before);
  });

  it('names the stage gate in the issues', async () => {
    const r = await t.http('POST', `${path}/records`, { data: { title: 'x', stage: 'proposal' } }, admin);
    expect(r.body.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: 'stage_gate' })]));
  });

  describe('queries', () => {
    const titles: string[] = [];
    beforeAll(async () => {
      // 120 records with repeated and empty amounts so ties and NULLs are exercised.
      for (let i = 0; i < 120; i++) {
        const data: Record<string, unknown> = { title: `T${String(i).padStart(3, '0')}`, stage: ['won', 'qualify', 'won'][i % 3], qty: i % 7 };
        if (i % 5 !== 0) data.amount = (i % 9) * 1000;
        const r = await t.http('POST', `${path}/records`, { data }, admin);
        expect(r.status).toBe(201);
        titles.push(data.title as string);
      }
    });

    async function walk(body: Record<string, unknown>) {
      const seen: any[] = [];
      let after: string | null = null;
      let pages = 0;
      do {
        const r: any = await t.http('POST', `${path}/records/query`, { ...body, ...(after ? { after } : {}) }, admin);
        expect(r.status).toBe(200);
        seen.push(...r.body.items);
        after = r.body.nextCursor;
        pages += 1;
      } while (after && pages < 100);
      return seen;
    }

    it.each([
      [[{ field: 'amount', dir: 'asc' }]],
      [[{ field: 'amount', dir: 'desc' }]],
      [[{ field: 'amount', dir: 'desc' }, { field: 'qty', dir: 'asc' }]],
      [[{ field: 'stage', dir: 'asc' }, { field: 'title', dir: 'desc' }]],
      [undefined],
    ])('pages by keyset without gaps or repeats, sorted as SQL sorts (sort %j)', async (sort) => {
      const filter = { startsWith: [{ var: 'title' }, 'T'] };
      const all = await walk({ filter, sort, limit: 7 });
      expect(all).toHaveLength(120);
      expect(new Set(all.map((r) => r.id)).size).toBe(120);
      const [f] = await t.sql(`SELECT table_name FROM forms WHERE key = 'deal'`);
      // select fields sort by option order (qualify, proposal, won), not alphabetically.
      const column = (field: string) => (field === 'stage' ? `array_position(ARRAY['qualify','proposal','won'], stage)` : `"${field}"`);
      const order = sort ? sort.map((s: any) => `${column(s.field)} ${s.dir}`).join(', ') + `, _id ${sort[sort.length - 1].dir}` : '_created_at desc, _id desc';
      const expected = await t.sql(`SELECT _id FROM data."${f.table_name}" WHERE _deleted_at IS NULL AND starts_with(title, 'T') ORDER BY ${order}`);
      expect(all.map((r) => r.id)).toEqual(expected.map((r: any) => r._id));
    });

    it('filters with the condition language, projects fields and counts', async () => {
      const r = await t.http('POST', `${path}/records/query`, {
        filter: { and: [{ '>=': [{ var: 'amount' }, 5000] }, { '==': [{ var: 'stage' }, 'won'] }, { startsWith: [{ var: 'title' }, 'T'] }] },
        fields: ['title', 'amount'], limit: 500,
      }, admin);
      expect(r.status).toBe(200);
      expect(r.body.totalIsEstimate).toBe(false);
      expect(r.body.total).toBe(r.body.items.length);
      expect(r.body.items.length).toBeGreaterThan(0);
      for (const item of r.body.items) {
        expect(Object.keys(item.data).sort()).toEqual(['amount', 'title']);
        expect(item.data.amount).toBeGreaterThanOrEqual(5000);
      }
      const empties = await t.http('POST', `${path}/records/query`, { filter: { and: [{ isEmpty: [{ var: 'amount' }] }, { startsWith: [{ var: 'title' }, 'T'] }] } }, admin);
      expect(empties.body.total).toBe(24);
    });

    it.each([
      ['an unknown filter field', { filter: { '==': [{ var: 'secret' }, 1] } }, 'UNKNOWN_FIELD'],
      ['an unknown operator', { filter: { regex: [{ var: 'title' }, '.*'] } }, 'UNKNOWN_OPERATOR'],
      ['a SQL-looking operator', { filter: { '; DROP TABLE users': [{ var: 'title' }, 1] } }, 'UNKNOWN_OPERATOR'],
      ['a null comparison', { filter: { '==': [{ var: 'amount' }, null] } }, 'VALIDATION_FAILED'],
      ['an unknown sort field', { sort: [{ field: 'x"; --', dir: 'asc' }] }, 'UNKNOWN_FIELD'],
      ['a bad sort direction', { sort: [{ field: 'amount', dir: 'sideways' }] }, 'VALIDATION_FAILED'],
      ['a limit above 500', { limit: 501 }, 'VALIDATION_FAILED'],
      ['a forged cursor', { after: 'eyJzIjoiYWJjIn0' }, 'INVALID_CURSOR'],
    ])('refuses %s with 400', async (_n, body, code) => {
      expect(await t.http('POST', `${path}/records/query`, body, admin)).toMatchObject({ status: 400, body: { code } });
    });

    it("refuses a cursor made for another sort or filter", async () => {
      const first = await t.http('POST', `${path}/records/query`, { sort: [{ field: 'amount', dir: 'asc' }], limit: 5 }, admin);
      const r = await t.http('POST', `${path}/records/query`, { sort: [{ field: 'qty', dir: 'asc' }], after: first.body.nextCursor }, admin);
      expect(r).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
      const other = await t.http('POST', `${path}/records/query`, { sort: [{ field: 'amount', dir: 'asc' }], filter: { '==': [{ var: 'qty' }, 1] }, after: first.body.nextCursor }, admin);
      expect(other).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
      // The total counted on the first page travels with the cursor.
      const second = await t.http('POST', `${path}/records/query`, { sort: [{ field: 'amount', dir: 'asc' }], limit: 5, after: first.body.nextCursor }, admin);
      expect(second.body.total).toBe(first.body.total);
    });
  });

  it('adds and removes columns when the field list changes, keeping data', async () => {
    const current = await t.http('GET', '/api/apps/sales/forms/deal', undefined, admin);
    const fields = [...current.body.fields.filter((f: any) => f.key !== 'notes'), { key: 'region', type: 'text', label: '区域' }];
    const r = await t.http('PATCH', '/api/apps/sales/forms/deal', { fields }, admin);
    expect(r.status).toBe(200);
    expect(r.body.version).toBe(current.body.version + 1);
    const [f] = await t.sql(`SELECT table_name FROM forms WHERE key = 'deal'`);
    const cols = (await t.sql(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'data' AND table_name = $1`, [f.table_name])).map((c: any) => c.column_name);
    expect(cols).toContain('region');
    expect(cols).not.toContain('notes');
    const rec = await t.http('POST', '/api/apps/sales/forms/deal/records', { data: { title: 'after change', region: '华东' } }, admin);
    expect(rec.body.data).toMatchObject({ region: '华东' });
    expect(rec.body.data).not.toHaveProperty('notes');
    const versions = await t.sql(`SELECT fv.version FROM form_versions fv JOIN forms f ON f.id = fv.form_id WHERE f.key = 'deal' ORDER BY fv.version`);
    expect(versions.map((v: any) => v.version)).toEqual([1, 2]);
  });

  it('changes a field type in a background job without blocking writes, clearing what does not fit', async () => {
    const f = { key: 'retype', name: 'Retype', fields: [{ key: 'code', type: 'text', label: 'Code' }, { key: 'name', type: 'text', label: 'Name' }] };
    expect((await t.http('POST', '/api/apps/sales/forms', f, admin)).status).toBe(201);
    const rp = '/api/apps/sales/forms/retype/records';
    for (const code of ['12', 'abc', null, ' 3.5 ']) expect((await t.http('POST', rp, { data: { code, name: 'n' } }, admin)).status).toBe(201);
    const patched = await t.http('PATCH', '/api/apps/sales/forms/retype', { fields: [{ key: 'code', type: 'number', label: 'Code', options: { decimals: 1 } }, f.fields[1]] }, admin);
    expect(patched.status).toBe(200);
    expect(patched.body.jobs).toEqual([expect.objectContaining({ type: 'form.retype', field: 'code' })]);
    // Until the job swaps the column, the field keeps its old type and writes go on.
    expect((await t.http('POST', rp, { data: { code: '7', name: 'during' } }, admin)).status).toBe(201);
    const jobId = patched.body.jobs[0].id;
    let job: any;
    for (let i = 0; i < 100; i++) {
      job = await t.http('GET', `/api/jobs/${jobId}`, undefined, admin);
      if (job.body.status === 'done' || job.body.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(job.body).toMatchObject({ status: 'done', result: { field: 'code', cleared: 1 }, progress: { done: 5, total: 5 } });
    const form = await t.http('GET', '/api/apps/sales/forms/retype', undefined, admin);
    expect(form.body.fields[0]).toMatchObject({ key: 'code', type: 'number' });
    const rows = await t.http('POST', `${rp}/query`, { sort: [{ field: 'createdAt', dir: 'asc' }] }, admin);
    expect(rows.body.items.map((r: any) => r.data.code)).toEqual([12, null, null, 3.5, 7]);
    expect((await t.http('POST', rp, { data: { code: 'x' } }, admin)).status).toBe(400);
    expect((await t.http('POST', rp, { data: { code: 42 } }, admin)).status).toBe(201);
  });

  it('applies linkage rules on the server: hidden is not required, read-only cannot change, errors refuse', async () => {
    const f = {
      key: 'ruled', name: 'Ruled', fields: [
        { key: 'stage', type: 'select', label: 'Stage', required: true, options: { options: [{ key: 'open', label: 'Open' }, { key: 'lost', label: 'Lost' }] } },
        { key: 'loss_reason', type: 'text', label: 'Loss reason', required: true },
        { key: 'discount', type: 'percent', label: 'Discount' },
        { key: 'approver', type: 'text', label: 'Approver' },
        { key: 'frozen', type: 'switch', label: 'Frozen' },
      ],
      rules: [
        { key: 'hide_reason', when: { '!=': [{ var: 'stage' }, 'lost'] }, then: [{ action: 'hide', fields: ['loss_reason'] }] },
        { key: 'need_approver', when: { '<': [{ var: 'discount' }, 90] }, then: [{ action: 'require', fields: ['approver'] }] },
        { key: 'floor', when: { '<': [{ var: 'discount' }, 50] }, then: [{ action: 'error', message: { 'zh-CN': '折扣不得低于五折', 'en-US': 'No discount below 50%' } }] },
        { key: 'freeze', when: { '==': [{ var: 'frozen' }, true] }, then: [{ action: 'readonly', fields: ['discount'] }, { action: 'setValue', fields: ['approver'], value: 'system' }] },
      ],
    };
    expect((await t.http('POST', '/api/apps/sales/forms', f, admin)).status).toBe(201);
    const rp = '/api/apps/sales/forms/ruled/records';
    // loss_reason is required but hidden unless the stage is lost.
    const open = await t.http('POST', rp, { data: { stage: 'open' } }, admin);
    expect(open.status).toBe(201);
    expect(await t.http('POST', rp, { data: { stage: 'lost' } }, admin)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['loss_reason'], code: 'required' }] } } });
    expect(await t.http('POST', rp, { data: { stage: 'open', discount: 85 } }, admin)).toMatchObject({ status: 400, body: { details: { issues: [{ path: ['approver'], code: 'required' }] } } });
    expect(await t.http('POST', rp, { data: { stage: 'open', discount: 40, approver: 'x' } }, admin)).toMatchObject({ status: 400, body: { details: { issues: [{ code: 'rule', message: 'No discount below 50%' }] } } });
    // Read-only by rule: a change is refused, the rule's value is set.
    const frozen = await t.http('PATCH', `${rp}/${open.body.id}`, { data: { frozen: true } }, admin);
    expect(frozen.body.data).toMatchObject({ frozen: true, approver: 'system' });
    expect(await t.http('PATCH', `${rp}/${open.body.id}`, { data: { discount: 95 } }, admin)).toMatchObject({ status: 403, body: { code: 'FIELD_NOT_EDITABLE' } });
    // An update that empties a rule-required field is refused too.
    const d = await t.http('POST', rp, { data: { stage: 'open', discount: 80, approver: 'boss' } }, admin);
    expect(await t.http('PATCH', `${rp}/${d.body.id}`, { data: { approver: null } }, admin)).toMatchObject({ status: 400, body: { details: { issues: [{ path: ['approver'], code: 'required' }] } } });
  });

  it('computes formula fields on write, recomputes them on update, and filters and sorts on them in SQL', async () => {
    const f = {
      key: 'lines', name: 'Lines', fields: [
        { key: 'item', type: 'text', label: 'Item' },
        { key: 'qty', type: 'number', label: 'Qty' },
        { key: 'price', type: 'money', label: 'Price' },
        { key: 'total', type: 'formula', label: 'Total', options: { expression: 'qty * price', resultType: 'number', decimals: 2 } },
        { key: 'label', type: 'formula', label: 'Label', options: { expression: 'UPPER(item) & " x" & qty', resultType: 'text' } },
      ],
    };
    expect((await t.http('POST', '/api/apps/sales/forms', f, admin)).status).toBe(201);
    expect((await t.http('POST', '/api/apps/sales/forms', { ...f, key: 'bad_formula', fields: [...f.fields.slice(0, 3), { key: 'total', type: 'formula', label: 'T', options: { expression: 'qty * (price', resultType: 'number' } }] }, admin)).status).toBe(400);
    const rp = '/api/apps/sales/forms/lines/records';
    const a = await t.http('POST', rp, { data: { item: 'pen', qty: 3, price: 0.1 } }, admin);
    expect(a.body.data).toMatchObject({ total: 0.3, label: 'PEN x3' });
    const b = await t.http('POST', rp, { data: { item: 'ink', qty: 2, price: 50 } }, admin);
    expect(b.body.data.total).toBe(100);
    expect((await t.http('POST', rp, { data: { item: 'x', total: 5 } }, admin)).status).toBe(400);
    const updated = await t.http('PATCH', `${rp}/${a.body.id}`, { data: { qty: 10 } }, admin);
    expect(updated.body.data).toMatchObject({ total: 1, label: 'PEN x10' });
    const big = await t.http('POST', `${rp}/query`, { filter: { '>': [{ var: 'total' }, 50] }, sort: [{ field: 'total', dir: 'desc' }] }, admin);
    expect(big.status).toBe(200);
    expect(big.body.items.map((r: any) => r.data.item)).toEqual(['ink']);
  });

  it('refuses bad form documents and SQL-looking keys with 4xx', async () => {
    expect(await t.http('POST', '/api/apps/sales/forms', { key: 'x"; drop', name: 'x', fields: [] }, admin)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await t.http('POST', '/api/apps/sales/forms', { key: 'dup', name: 'x', fields: [{ key: 'a', type: 'text', label: 'a' }, { key: 'a', type: 'text', label: 'b' }] }, admin)).toMatchObject({ status: 400 });
    expect(await t.http('POST', '/api/apps/sales/forms', { key: 'deal', name: 'x', fields: [] }, admin)).toMatchObject({ status: 409, body: { code: 'KEY_TAKEN' } });
    expect(await t.http('GET', '/api/apps/sales/forms/nope/records/00000000-0000-7000-8000-000000000000', undefined, admin)).toMatchObject({ status: 404 });
    expect(await t.http('GET', '/api/apps/sales/forms/deal/records/not-an-id', undefined, admin)).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
  });

  it('takes field keys that echo the system indexes (owner, created, trash, owner_dept) and long keys alike', async () => {
    const long = 'a_rather_long_field_key_that_fills_most_of_the_name_limit_x';
    const fields = ['owner', 'created', 'trash', 'owner_dept', long, `${long.slice(0, -1)}y`].map((key) => ({ key, type: 'text', label: key }));
    const created = await t.http('POST', '/api/apps/sales/forms', { key: 'echo', name: 'Echo', fields }, admin);
    expect(created.status).toBe(201);
    const record = await t.http('POST', '/api/apps/sales/forms/echo/records', { data: { owner: 'o', trash: 't', [long]: 'l' } }, admin);
    expect(record.status).toBe(201);
    const found = await t.http('POST', '/api/apps/sales/forms/echo/records/query', { filter: { '==': [{ var: 'owner' }, 'o'] } }, admin);
    expect(found.body.items.map((item: { id: string }) => item.id)).toEqual([record.body.id]);
  });

  it('checks a form document without saving it (POST forms/check), for the designer', async () => {
    const ok = await t.http('POST', '/api/apps/sales/forms/check', { key: 'draft_form', name: 'Draft', fields: [{ key: 'a', type: 'text', label: 'A' }] }, admin);
    expect(ok).toMatchObject({ status: 200, body: { issues: [] } });
    const bad = await t.http('POST', '/api/apps/sales/forms/check', { key: 'draft_form', name: 'Draft', fields: [
      { key: 'a', type: 'number', label: 'A', options: { decimals: 99 } },
      { key: 'r', type: 'relation', label: 'R', options: { targetForm: 'nowhere' } },
    ] }, admin);
    expect(bad.status).toBe(200);
    expect(bad.body.issues.map((i: { path: unknown[] }) => i.path.slice(0, 2))).toContainEqual(['fields', 0]);
    const links = await t.http('POST', '/api/apps/sales/forms/check', { key: 'draft_form', name: 'Draft', fields: [{ key: 'r', type: 'relation', label: 'R', options: { targetForm: 'nowhere' } }] }, admin);
    expect(links.body.issues).toEqual([expect.objectContaining({ code: 'unknown_form', path: ['fields', 0, 'options', 'targetForm'] })]);
    expect((await t.http('GET', '/api/apps/sales/forms/draft_form', undefined, admin)).status).toBe(404);
  });
});

