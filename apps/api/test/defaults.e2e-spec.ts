import { startTestPlatform, type TestPlatform } from './harness';

const levels = { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] };
const customer = {
  key: 'customer',
  name: 'Customer',
  fields: [
    { key: 'name', type: 'text', label: 'Name' },
    { key: 'level', type: 'select', label: 'Level', options: levels },
    { key: 'secret', type: 'text', label: 'Secret' },
  ],
};
const deal = {
  key: 'deal',
  name: 'Deal',
  fields: [
    { key: 'title', type: 'text', label: 'Title', required: true },
    { key: 'qty', type: 'number', label: 'Qty' },
    { key: 'price', type: 'money', label: 'Price' },
    { key: 'stage', type: 'select', label: 'Stage', options: { options: [{ key: 'open', label: 'Open' }, { key: 'won', label: 'Won' }], default: 'open' } },
    { key: 'total', type: 'money', label: 'Total', options: { defaultFormula: 'qty * price' } },
    { key: 'due', type: 'date', label: 'Due', options: { defaultFormula: 'DATEADD(TODAY(), 30, "d")' } },
    { key: 'code', type: 'text', label: 'Code', options: { defaultFormula: '{title} & "-" & YEAR(TODAY())' } },
    { key: 'alias', type: 'text', label: 'Alias', options: { defaultFrom: 'title' } },
    { key: 'assignee', type: 'member', label: 'Assignee', required: true, options: { defaultFrom: '$user.id' } },
    { key: 'watchers', type: 'members', label: 'Watchers', options: { defaultFrom: '$user.id' } },
    { key: 'team', type: 'department', label: 'Team', options: { defaultFrom: '$user.departmentId' } },
    { key: 'teams', type: 'departments', label: 'Teams', options: { defaultFrom: '$user.departmentId' } },
    { key: 'customer', type: 'relation', label: 'Customer', options: { targetForm: 'customer' } },
    { key: 'level', type: 'select', label: 'Level', options: { ...levels, defaultFrom: 'customer.level' } },
    { key: 'secret_copy', type: 'text', label: 'Secret copy', options: { defaultFrom: 'customer.secret' } },
  ],
};
/** No relation, no sub-form: created on the plain (non-transaction) path. */
const ticket = {
  key: 'ticket',
  name: 'Ticket',
  fields: [
    { key: 'title', type: 'text', label: 'Title' },
    { key: 'summary', type: 'text', label: 'Summary', required: true, options: { defaultFormula: 'UPPER(title)' } },
    { key: 'reporter', type: 'member', label: 'Reporter', options: { defaultFrom: '$user.id' } },
  ],
};

/** Today in Asia/Shanghai (the default TIME_ZONE) plus `days`, as 'YYYY-MM-DD'. */
function shanghaiDay(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  const date = new Date(`${today}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

describe('field defaults: literal, formula, copied (real HTTP)', () => {
  let t: TestPlatform;
  let admin: string;
  const people: Record<string, { id: string; token: string }> = {};
  let department: string;
  let customerId: string;
  const rec = (form: string) => `/api/apps/dft/forms/${form}/records`;

  /** A user in `department` with one role of the given grants. */
  async function person(name: string, grants: object[]) {
    const role = await t.http('POST', '/api/roles', { name: `role-${name}` }, admin);
    expect(role.status).toBe(201);
    expect((await t.http('PUT', `/api/roles/${role.body.id}/grants`, grants, admin)).status).toBe(200);
    const user = await t.http('POST', '/api/users', { username: name, name, password: `pass-${name}-1A`, departmentIds: [department], roleIds: [role.body.id] }, admin);
    expect([user.status, user.body.code]).toEqual([201, undefined]);
    people[name] = { id: user.body.id, token: await t.login(name, `pass-${name}-1A`) };
  }
  const writeDeal = { appKey: 'dft', formKey: 'deal', actions: ['read', 'create', 'update'], scope: { type: 'all' }, fields: { visible: '*', editable: '*' } };
  const writeTicket = { ...writeDeal, formKey: 'ticket' };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'dft', name: 'Defaults' }, admin)).status).toBe(201);
    for (const form of [customer, deal, ticket]) {
      const created = await t.http('POST', '/api/apps/dft/forms', form, admin);
      expect([created.status, created.body.code]).toEqual([201, undefined]);
    }
    department = (await t.http('POST', '/api/departments', { name: 'Sales', parentId: null }, admin)).body.id;
    // sales reads customers, with the secret masked; blind reads deals only; hider does not see level.
    await person('sales', [writeDeal, writeTicket, { appKey: 'dft', formKey: 'customer', actions: ['read'], scope: { type: 'all' }, fields: { visible: '*', editable: [], masked: ['secret'] } }]);
    await person('blind', [writeDeal]);
    await person('hider', [writeDeal, { appKey: 'dft', formKey: 'customer', actions: ['read'], scope: { type: 'all' }, fields: { visible: ['name', 'secret'], editable: [] } }]);
    const created = await t.http('POST', rec('customer'), { data: { name: 'ACME', level: 'b', secret: 's3cret' } }, admin);
    expect(created.status).toBe(201);
    customerId = created.body.id;
  }, 120_000);
  afterAll(async () => t?.close());

  it('publishes defaultFormula and defaultFrom for input types only', async () => {
    const types = (await t.http('GET', '/api/field-types', undefined, admin)).body as { type: string; options: { properties?: Record<string, unknown> } }[];
    const props = (type: string) => Object.keys(types.find((entry) => entry.type === type)?.options.properties ?? {});
    for (const type of ['text', 'date', 'member', 'relation', 'subForm']) expect(props(type)).toEqual(expect.arrayContaining(['default', 'defaultFormula', 'defaultFrom'].filter((name) => type !== 'subForm' || name !== 'default')));
    for (const type of ['formula', 'lookup', 'serialNumber']) expect(props(type)).not.toContain('defaultFormula');
  });

  it.each<[string, object, { path: (string | number)[]; code: string }]>([
    ['a formula reading an unknown field', { key: 'x', type: 'text', label: 'X', options: { defaultFormula: 'nope & 1' } }, { path: ['fields', 1, 'options', 'defaultFormula'], code: 'formula_unknown_field' }],
    ['a copy of an unknown field', { key: 'x', type: 'text', label: 'X', options: { defaultFrom: 'nope' } }, { path: ['fields', 1, 'options', 'defaultFrom'], code: 'unknown_field' }],
    ['$user.id into a text field', { key: 'x', type: 'text', label: 'X', options: { defaultFrom: '$user.id' } }, { path: ['fields', 1, 'options', 'defaultFrom'], code: 'invalid_default_source' }],
    ['a target field the target form lacks', { key: 'x', type: 'text', label: 'X', options: { defaultFrom: 'cust.nope' } }, { path: ['fields', 1, 'options', 'defaultFrom'], code: 'unknown_field' }],
  ])('refuses a form with %s', async (_name, bad, issue) => {
    const fields = [{ key: 'cust', type: 'relation', label: 'C', options: { targetForm: 'customer' } }, bad];
    const answer = await t.http('POST', '/api/apps/dft/forms', { key: 'bad', name: 'Bad', fields }, admin);
    expect([answer.status, answer.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(answer.body.details.issues).toContainEqual(expect.objectContaining(issue));
  });

  it('fills formula, same-form and $user defaults on create', async () => {
    const created = await t.http('POST', rec('deal'), { data: { title: 'Big', qty: 3, price: 10.5 } }, people.sales.token);
    expect([created.status, created.body.code]).toEqual([201, undefined]);
    expect(created.body.data).toMatchObject({
      stage: 'open',
      total: 31.5,
      due: shanghaiDay(30),
      code: `Big-${shanghaiDay().slice(0, 4)}`,
      alias: 'Big',
      assignee: people.sales.id,
      watchers: [people.sales.id],
      team: department,
      teams: [department],
      customer: null,
      level: null,
    });
    // Stored, not only answered.
    const read = await t.http('GET', `${rec('deal')}/${created.body.id}`, undefined, admin);
    expect(read.body.data).toMatchObject({ total: 31.5, alias: 'Big', assignee: people.sales.id });
  });

  it('copies through a relation what the creating user may read, unmasked', async () => {
    const byAdmin = await t.http('POST', rec('deal'), { data: { title: 'A', customer: customerId } }, admin);
    expect(byAdmin.status).toBe(201);
    expect(byAdmin.body.data).toMatchObject({ level: 'b', secret_copy: 's3cret' });

    // sales sees the secret masked: the level is copied, the secret is not.
    const bySales = await t.http('POST', rec('deal'), { data: { title: 'S', customer: customerId } }, people.sales.token);
    expect(bySales.status).toBe(201);
    expect(bySales.body.data).toMatchObject({ level: 'b', secret_copy: null });

    // hider does not see the level; blind may not read customers at all, so may not link one either
    // (docs/adr/0008: the answer is the one for an id that does not exist).
    const byHider = await t.http('POST', rec('deal'), { data: { title: 'H', customer: customerId } }, people.hider.token);
    expect(byHider.status).toBe(201);
    expect(byHider.body.data).toMatchObject({ level: null, secret_copy: 's3cret' });
    const byBlind = await t.http('POST', rec('deal'), { data: { title: 'B', customer: customerId } }, people.blind.token);
    expect(byBlind).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED', details: { issues: [{ path: ['customer'], code: 'not_found' }] } } });
  });

  it('a relation to a record that does not exist copies nothing and is refused as before', async () => {
    const answer = await t.http('POST', rec('deal'), { data: { title: 'X', customer: '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f' } }, admin);
    expect(answer.status).toBe(400);
    expect(answer.body.details.issues[0]).toMatchObject({ path: ['customer'], code: 'not_found' });
  });

  it('a value the user sends wins over every default', async () => {
    const sent = { title: 'Mine', qty: 1, price: 1, stage: 'won', total: 99, due: '2030-01-01', code: 'C-1', alias: 'mine', assignee: people.blind.id, watchers: [], team: null, customer: customerId, level: 'a', secret_copy: 'own' };
    const created = await t.http('POST', rec('deal'), { data: sent }, people.sales.token);
    expect(created.status).toBe(201);
    expect(created.body.data).toMatchObject({ ...sent, teams: [department] });
  });

  it('a required field whose default is empty is still required', async () => {
    const missing = await t.http('POST', rec('ticket'), { data: {} }, people.sales.token);
    expect([missing.status, missing.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(missing.body.details.issues).toEqual([expect.objectContaining({ path: ['summary'], code: 'required' })]);
    const filled = await t.http('POST', rec('ticket'), { data: { title: 'printer jam' } }, people.sales.token);
    expect([filled.status, filled.body.data]).toEqual([201, expect.objectContaining({ summary: 'PRINTER JAM', reporter: people.sales.id })]);
  });

  it('gives no default on update', async () => {
    const created = await t.http('POST', rec('ticket'), { data: { title: 'a', reporter: null } }, people.sales.token);
    expect(created.body.data.reporter).toBeNull();
    const updated = await t.http('PATCH', `${rec('ticket')}/${created.body.id}`, { data: { title: 'b' } }, people.sales.token);
    expect([updated.status, updated.body.data.summary, updated.body.data.reporter]).toEqual([200, 'A', null]);
  });
});
