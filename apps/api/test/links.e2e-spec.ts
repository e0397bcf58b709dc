import { startTestPlatform, type TestPlatform } from './harness';

const customer = {
  key: 'customer',
  name: '客户',
  fields: [
    { key: 'name', type: 'text', label: '名称', required: true },
    { key: 'level', type: 'select', label: '级别', options: { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] } },
  ],
  settings: { titleField: 'name' },
};
const opportunity = {
  key: 'opportunity',
  name: '商机',
  fields: [
    { key: 'title', type: 'text', label: '标题', required: true },
    { key: 'customer', type: 'relation', label: '客户', options: { targetForm: 'customer', displayFields: ['name'], onDelete: 'block' } },
    { key: 'customer_level', type: 'lookup', label: '客户级别', options: { relationField: 'customer', targetField: 'level' } },
    { key: 'amount', type: 'money', label: '金额' },
    { key: 'stage', type: 'select', label: '阶段', options: { options: [{ key: 'open', label: '进行中' }, { key: 'won', label: '赢单' }] } },
  ],
};
/** Added to the customer once opportunities exist: what the customer has won, summed over them. */
const customerRollups = [
  { key: 'won_amount', type: 'rollup', label: '赢单金额', options: { relationField: 'opportunity.customer', targetField: 'amount', aggregate: 'sum', filter: { '==': [{ var: 'stage' }, 'won'] } } },
  { key: 'deals', type: 'rollup', label: '商机数', options: { relationField: 'opportunity.customer', aggregate: 'count' } },
  { key: 'won_plus_tax', type: 'formula', label: '含税', options: { expression: 'won_amount * 1.1', decimals: 2 } },
];
const quote = {
  key: 'quote',
  name: '报价单',
  fields: [
    { key: 'no', type: 'serialNumber', label: '编号', options: { segments: [{ type: 'text', value: 'QT-' }, { type: 'date', format: 'YYYYMMDD' }, { type: 'text', value: '-' }, { type: 'counter', digits: 4, reset: 'daily' }] } },
    { key: 'title', type: 'text', label: '标题', required: true },
    {
      key: 'lines',
      type: 'subForm',
      label: '产品明细',
      options: {
        maxRows: 5,
        fields: [
          { key: 'product', type: 'text', label: '产品', required: true },
          { key: 'qty', type: 'number', label: '数量' },
          { key: 'price', type: 'money', label: '单价' },
          { key: 'amount', type: 'formula', label: '小计', options: { expression: 'qty * price', decimals: 2 } },
        ],
      },
    },
    { key: 'total', type: 'rollup', label: '合计', options: { subFormField: 'lines', targetField: 'amount', aggregate: 'sum' } },
    { key: 'opportunities', type: 'relation', label: '商机', options: { targetForm: 'opportunity', multiple: true, onDelete: 'clear' } },
    { key: 'opportunity_amounts', type: 'rollup', label: '商机金额', options: { relationField: 'opportunities', targetField: 'amount', aggregate: 'sum' } },
  ],
};

describe('serial numbers, sub-forms, relations, lookups and rollups', () => {
  let t: TestPlatform;
  let admin: string;
  const rec = (form: string) => `/api/apps/crm/forms/${form}/records`;
  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'crm', name: 'CRM' }, admin)).status).toBe(201);
    for (const form of [customer, opportunity, quote]) {
      const created = await t.http('POST', '/api/apps/crm/forms', form, admin);
      expect([created.status, created.body]).toEqual([201, expect.anything()]);
    }
    const patched = await t.http('PATCH', '/api/apps/crm/forms/customer', { fields: [...customer.fields, ...customerRollups] }, admin);
    expect([patched.status, patched.body.code]).toEqual([200, undefined]);
  });
  afterAll(async () => t?.close());

  it('refuses links to forms and fields that do not exist', async () => {
    const bad = await t.http('POST', '/api/apps/crm/forms', { key: 'bad', name: 'Bad', fields: [{ key: 'r', type: 'relation', label: 'R', options: { targetForm: 'nope' } }] }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.details.issues[0]).toMatchObject({ code: 'unknown_form', path: ['fields', 0, 'options', 'targetForm'] });
  });

  it('numbers 50 parallel creates without a gap or a repeat; a refused create takes no number', async () => {
    const refused = await t.http('POST', rec('quote'), { data: { title: '' } }, admin);
    expect(refused.status).toBe(400);
    const answers = await Promise.all(Array.from({ length: 50 }, (_v, i) => t.http('POST', rec('quote'), { data: { title: `Q${i}` } }, admin)));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(201));
    const numbers = answers.map((a) => a.body.data.no as string).sort();
    const prefix = numbers[0].slice(0, -4);
    expect(prefix).toMatch(/^QT-\d{8}-$/);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_v, i) => `${prefix}${String(i + 1).padStart(4, '0')}`));
    const written = await t.http('POST', rec('quote'), { data: { title: 'x', no: 'QT-1' } }, admin);
    expect(written.status).toBe(400);
    expect(written.body.details.issues[0]).toMatchObject({ path: ['no'], code: 'read_only' });
  });

  it('keeps sub-form rows in a child table with row formulas and totals', async () => {
    const created = await t.http('POST', rec('quote'), { data: { title: 'Rows', lines: [{ product: 'CRM', qty: 2, price: 1000 }, { product: 'Setup', qty: 1, price: 500.5 }] } }, admin);
    expect(created.status).toBe(201);
    const lines = created.body.data.lines;
    expect(lines).toEqual([
      { id: expect.any(String), product: 'CRM', qty: 2, price: 1000, amount: 2000 },
      { id: expect.any(String), product: 'Setup', qty: 1, price: 500.5, amount: 500.5 },
    ]);
    expect(created.body.data.total).toBe(2500.5);
    const [f] = await t.sql(`SELECT table_name FROM forms WHERE key = 'quote'`);
    expect(await t.sql(`SELECT count(*)::int AS n FROM data."${f.table_name}__lines" WHERE _parent_id = $1`, [created.body.id])).toEqual([{ n: 2 }]);

    // Keep the first row (changed), drop the second, add a third.
    const updated = await t.http('PATCH', `${rec('quote')}/${created.body.id}`, { data: { lines: [{ id: lines[0].id, product: 'CRM', qty: 3, price: 1000 }, { product: 'Training', qty: 2, price: 300 }] } }, admin);
    expect(updated.status).toBe(200);
    expect(updated.body.data.lines.map((l: any) => [l.id === lines[0].id, l.product, l.amount])).toEqual([[true, 'CRM', 3000], [false, 'Training', 600]]);
    expect(updated.body.data.total).toBe(3600);
    expect(await t.sql(`SELECT count(*)::int AS n FROM data."${f.table_name}__lines"`)).toEqual([{ n: 2 }]);

    const foreignRow = await t.http('PATCH', `${rec('quote')}/${created.body.id}`, { data: { lines: [{ id: '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f', product: 'x' }] } }, admin);
    expect(foreignRow.status).toBe(400);
    expect(foreignRow.body.details.issues[0].path).toEqual(['lines', 0, 'id']);
    const tooMany = await t.http('POST', rec('quote'), { data: { title: 'x', lines: Array(6).fill({ product: 'p' }) } }, admin);
    expect([tooMany.status, tooMany.body.details.issues[0].code]).toEqual([400, 'too_many']);
    const badCell = await t.http('POST', rec('quote'), { data: { title: 'x', lines: [{ product: 'p' }, { product: 'q', qty: 'many' }] } }, admin);
    expect([badCell.status, badCell.body.details.issues[0].path]).toEqual([400, ['lines', 1, 'qty']]);

    const read = await t.http('GET', `${rec('quote')}/${created.body.id}`, undefined, admin);
    expect(read.body.data.lines).toEqual(updated.body.data.lines);
  });

  it('checks relations, copies lookups and keeps rollups up to date through every write', async () => {
    const acme = (await t.http('POST', rec('customer'), { data: { name: 'Acme', level: 'a' } }, admin)).body;
    expect(acme.data).toMatchObject({ won_amount: 0, deals: 0, won_plus_tax: 0 });
    const missing = await t.http('POST', rec('opportunity'), { data: { title: 'x', customer: '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f' } }, admin);
    expect([missing.status, missing.body.details.issues[0]]).toEqual([400, expect.objectContaining({ path: ['customer'], code: 'not_found' })]);

    const o1 = (await t.http('POST', rec('opportunity'), { data: { title: 'Big', customer: acme.id, amount: 1000, stage: 'won' } }, admin)).body;
    expect(o1.data.customer_level).toBe('a');
    await t.http('POST', rec('opportunity'), { data: { title: 'Small', customer: acme.id, amount: 300, stage: 'open' } }, admin);
    let c = (await t.http('GET', `${rec('customer')}/${acme.id}`, undefined, admin)).body;
    expect(c.data).toMatchObject({ won_amount: 1000, deals: 2, won_plus_tax: 1100 });

    // A lookup follows the customer; the rollup follows the opportunity; both filter and sort in SQL.
    await t.http('PATCH', `${rec('customer')}/${acme.id}`, { data: { level: 'b' } }, admin);
    expect((await t.http('GET', `${rec('opportunity')}/${o1.id}`, undefined, admin)).body.data.customer_level).toBe('b');
    await t.http('PATCH', `${rec('opportunity')}/${o1.id}`, { data: { amount: 1500 } }, admin);
    c = (await t.http('GET', `${rec('customer')}/${acme.id}`, undefined, admin)).body;
    expect(c.data).toMatchObject({ won_amount: 1500, won_plus_tax: 1650 });
    const rich = await t.http('POST', `${rec('customer')}/query`, { filter: { '>': [{ var: 'won_amount' }, 1000] }, sort: [{ field: 'won_amount', dir: 'desc' }] }, admin);
    expect(rich.body.items.map((i: any) => i.id)).toEqual([acme.id]);
    const byLevel = await t.http('POST', `${rec('opportunity')}/query`, { filter: { '==': [{ var: 'customer_level' }, 'b'] } }, admin);
    expect(byLevel.body.items).toHaveLength(2);

    // Deleting the won opportunity takes it out of the sum; restoring brings it back.
    expect((await t.http('DELETE', `${rec('opportunity')}/${o1.id}`, undefined, admin)).status).toBe(204);
    expect((await t.http('GET', `${rec('customer')}/${acme.id}`, undefined, admin)).body.data).toMatchObject({ won_amount: 0, deals: 1 });
    await t.http('POST', `${rec('opportunity')}/${o1.id}/restore`, undefined, admin);
    expect((await t.http('GET', `${rec('customer')}/${acme.id}`, undefined, admin)).body.data).toMatchObject({ won_amount: 1500, deals: 2 });

    // block: the customer is still linked from opportunities.
    const blocked = await t.http('DELETE', `${rec('customer')}/${acme.id}`, undefined, admin);
    expect([blocked.status, blocked.body.code, blocked.body.details?.field]).toEqual([409, 'RECORD_REFERENCED', 'customer']);

    // clear: deleting an opportunity removes it from the quotes linking it, and their rollup follows.
    const q = (await t.http('POST', rec('quote'), { data: { title: 'Linked', opportunities: [o1.id] } }, admin)).body;
    expect(q.data.opportunity_amounts).toBe(1500);
    await t.http('PATCH', `${rec('opportunity')}/${o1.id}`, { data: { amount: 1800 } }, admin);
    expect((await t.http('GET', `${rec('quote')}/${q.id}`, undefined, admin)).body.data.opportunity_amounts).toBe(1800);
    expect((await t.http('DELETE', `${rec('opportunity')}/${o1.id}`, undefined, admin)).status).toBe(204);
    const cleared = (await t.http('GET', `${rec('quote')}/${q.id}`, undefined, admin)).body.data;
    expect(cleared).toMatchObject({ opportunities: [], opportunity_amounts: 0 });
  });

  it('keeps a rollup right when records linking one record are created at the same time', async () => {
    const busy = (await t.http('POST', rec('customer'), { data: { name: 'Busy', level: 'a' } }, admin)).body;
    const answers = await Promise.all(Array.from({ length: 30 }, (_v, i) =>
      t.http('POST', rec('opportunity'), { data: { title: `Parallel ${i}`, customer: busy.id, amount: i + 1, stage: 'won' } }, admin)));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(201));
    // Each create recomputes the customer with its row locked: none may miss a sibling committed meanwhile.
    expect((await t.http('GET', `${rec('customer')}/${busy.id}`, undefined, admin)).body.data).toMatchObject({ deals: 30, won_amount: 465 });
  });

  it('follows links added to another form after records were written (no stale cache of who reads a form)', async () => {
    const ticketForm = { key: 'ticket', name: '工单', fields: [{ key: 'title', type: 'text', label: '标题' }, { key: 'hours', type: 'number', label: '工时' }] };
    const accountFields = [{ key: 'name', type: 'text', label: '名称' }];
    const tickets = { key: 'tickets', type: 'relation', label: '工单', options: { targetForm: 'ticket', multiple: true, onDelete: 'clear' } };
    const hoursTotal = { key: 'hours_total', type: 'rollup', label: '总工时', options: { relationField: 'tickets', targetField: 'hours', aggregate: 'sum' } };
    for (const form of [ticketForm, { key: 'account', name: '账户', fields: accountFields }]) {
      expect((await t.http('POST', '/api/apps/crm/forms', form, admin)).status).toBe(201);
    }
    const setHours = async (id: string, hours: number) => expect((await t.http('PATCH', `${rec('ticket')}/${id}`, { data: { hours } }, admin)).status).toBe(200);
    const ticket = (await t.http('POST', rec('ticket'), { data: { title: 'T', hours: 1 } }, admin)).body;
    await setHours(ticket.id, 2); // nothing reads tickets yet

    const linked = await t.http('PATCH', '/api/apps/crm/forms/account', { fields: [...accountFields, tickets] }, admin);
    expect([linked.status, linked.body.code]).toEqual([200, undefined]);
    const account = (await t.http('POST', rec('account'), { data: { name: 'A', tickets: [ticket.id] } }, admin)).body;
    await setHours(ticket.id, 3); // read by a relation only

    const rolled = await t.http('PATCH', '/api/apps/crm/forms/account', { fields: [...accountFields, tickets, hoursTotal] }, admin);
    expect([rolled.status, rolled.body.code]).toEqual([200, undefined]);
    await setHours(ticket.id, 4);
    expect((await t.http('GET', `${rec('account')}/${account.id}`, undefined, admin)).body.data.hours_total).toBe(4);
    const second = (await t.http('POST', rec('ticket'), { data: { title: 'T2', hours: 10 } }, admin)).body;
    await t.http('PATCH', `${rec('account')}/${account.id}`, { data: { tickets: [ticket.id, second.id] } }, admin);
    await setHours(second.id, 20);
    expect((await t.http('GET', `${rec('account')}/${account.id}`, undefined, admin)).body.data.hours_total).toBe(24);
  });

  it('keeps files a record holds, with the stored name, size and type, downloadable by its readers', async () => {
    const created = await t.http('POST', '/api/apps/crm/forms', { key: 'doc', name: '文档', fields: [{ key: 'files', type: 'attachment', label: '附件', options: { maxCount: 2 } }] }, admin);
    expect(created.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob(['hello'], { type: 'text/plain' }), 'hello.txt');
    const up = await fetch(`${t.baseUrl}/api/files`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    const file = await up.json();
    expect(up.status).toBe(201);
    const rec = await t.http('POST', '/api/apps/crm/forms/doc/records', { data: { files: [{ ...file, name: 'renamed.exe', size: 1 }] } }, admin);
    expect(rec.status).toBe(201);
    expect(rec.body.data.files).toEqual([{ id: file.id, name: 'hello.txt', size: 5, mime: expect.stringMatching(/^text\/plain/) }]);
    expect(await t.sql(`SELECT record_id FROM file_holders WHERE file_id = $1`, [file.id])).toEqual([{ record_id: rec.body.id }]);
    // The same upload cannot go into a second record.
    const again = await t.http('POST', '/api/apps/crm/forms/doc/records', { data: { files: [file] } }, admin);
    expect(again.status).toBe(400);
  });

  it('cascades a delete when the relation says so', async () => {
    const parent = await t.http('POST', '/api/apps/crm/forms', { key: 'contract', name: '合同', fields: [{ key: 'title', type: 'text', label: 'T' }] }, admin);
    expect(parent.status).toBe(201);
    const child = await t.http('POST', '/api/apps/crm/forms', { key: 'payment', name: '回款', fields: [{ key: 'contract', type: 'relation', label: '合同', options: { targetForm: 'contract', onDelete: 'cascade' } }] }, admin);
    expect(child.status).toBe(201);
    const k = (await t.http('POST', rec('contract'), { data: { title: 'K' } }, admin)).body;
    const p = (await t.http('POST', rec('payment'), { data: { contract: k.id } }, admin)).body;
    expect((await t.http('DELETE', `${rec('contract')}/${k.id}`, undefined, admin)).status).toBe(204);
    expect((await t.http('GET', `${rec('payment')}/${p.id}`, undefined, admin)).status).toBe(404);
  });

  it('refuses removing or retyping a field other forms copy, and deleting a form others link to (409 FIELD_REFERENCED)', async () => {
    const current = (await t.http('GET', '/api/apps/crm/forms/customer', undefined, admin)).body;
    const without = current.fields.filter((f: { key: string }) => f.key !== 'level');
    const removed = await t.http('PATCH', '/api/apps/crm/forms/customer', { fields: without }, admin);
    expect(removed).toMatchObject({ status: 409, body: { code: 'FIELD_REFERENCED', details: { dependents: expect.arrayContaining([expect.objectContaining({ formKey: 'opportunity', fieldKey: 'customer_level' })]) } } });
    const retyped = current.fields.map((f: { key: string }) => (f.key === 'level' ? { key: 'level', type: 'text', label: '级别' } : f));
    expect((await t.http('PATCH', '/api/apps/crm/forms/customer', { fields: retyped }, admin))).toMatchObject({ status: 409, body: { code: 'FIELD_REFERENCED' } });
    expect((await t.http('DELETE', '/api/apps/crm/forms/customer', undefined, admin))).toMatchObject({ status: 409, body: { code: 'FIELD_REFERENCED' } });
    // A new option and a new label keep the copies valid.
    const relabelled = current.fields.map((f: any) => (f.key === 'level' ? { ...f, label: '等级', options: { options: [...f.options.options, { key: 'c', label: 'C' }] } } : f));
    expect((await t.http('PATCH', '/api/apps/crm/forms/customer', { fields: relabelled }, admin)).status).toBe(200);
    expect((await t.http('GET', '/api/apps/crm/forms/customer', undefined, admin)).body.fields.some((f: { key: string }) => f.key === 'level')).toBe(true);
  });
});
