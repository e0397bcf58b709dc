import { buildCrmPackage, CRM_DEMO_PASSWORD } from '@platform/crm-template';
import { AppPackagesService } from '../src/app-packages/app-packages.service';
import { startTestPlatform, type TestPlatform } from './harness';

describe('app packages: the CRM imports with demo data, exports and round-trips', () => {
  let t: TestPlatform;
  beforeAll(async () => {
    t = await startTestPlatform();
    // The same path `npm start` takes on an empty database.
    const [admin] = await t.sql(`SELECT id, username, name FROM users WHERE is_admin`);
    await t.platform.app.get(AppPackagesService).importPackage(
      { ...admin, isAdmin: true, departmentIds: [], roleIds: [] }, buildCrmPackage({ withDemo: true }), null,
      { withDemo: true, demoPassword: CRM_DEMO_PASSWORD });
  }, 120_000);
  afterAll(async () => t?.close());

  it('creates every CRM form as a table, with demo records, users, departments and roles', async () => {
    const forms = await t.http('GET', '/api/apps/crm/forms', undefined, t.adminToken);
    expect(forms.body.items.map((f: any) => f.key)).toEqual(expect.arrayContaining(['lead', 'customer', 'contact', 'opportunity', 'followup', 'product', 'quote', 'contract', 'payment_plan', 'payment']));
    const leads = await t.http('POST', '/api/apps/crm/forms/lead/records/query', { limit: 1 }, t.adminToken);
    expect(leads.body.total).toBe(60);
    const users = await t.http('GET', '/api/users?limit=100', undefined, t.adminToken);
    expect(users.body.items.map((u: any) => u.username)).toEqual(expect.arrayContaining(['director', 'manager_east', 'sales1', 'legal1', 'finance1']));
    const depts = await t.http('GET', '/api/departments', undefined, t.adminToken);
    expect(depts.body.items.length).toBeGreaterThanOrEqual(6);
  });

  it('links the demo records: numbered contracts with their customer, deal, quote and receipts; contacts under customers', async () => {
    const all = async (formKey: string) => (await t.http('POST', `/api/apps/crm/forms/${formKey}/records/query`, { limit: 500 }, t.adminToken)).body.items;
    const [customers, contacts, contracts, plans, payments, quotes, opportunities, followups] = await Promise.all(
      ['customer', 'contact', 'contract', 'payment_plan', 'payment', 'quote', 'opportunity', 'followup'].map(all));
    const byId = (items: any[]) => new Map(items.map((r: any) => [r.id, r.data]));
    const customerById = byId(customers);
    const contractById = byId(contracts);

    expect(contracts).toHaveLength(12);
    const numbers = contracts.map((r: any) => r.data.contract_no);
    expect(numbers.every((n: string) => /^HT-\d{8}-\d{4}$/.test(n))).toBe(true);
    expect(new Set(numbers).size).toBe(numbers.length);
    for (const { id, data } of contracts) {
      expect(customerById.get(data.customer)?.name).toBe(data.customer_name);
      expect(byId(opportunities).get(data.opportunity)?.name).toBe(data.opportunity_name);
      expect(byId(quotes).get(data.quote)?.title).toBe(`${data.opportunity_name}报价`);
      const received = payments.filter((p: any) => p.data.contract === id);
      const paid = Math.round(received.reduce((sum: number, p: any) => sum + p.data.amount, 0) * 100) / 100;
      expect(data.paid_amount).toBeCloseTo(paid, 2);
      expect(data.unpaid_amount).toBeCloseTo(data.amount - paid, 2);
    }
    expect(contracts.filter((r: any) => r.data.paid_amount > 0).length).toBeGreaterThan(0);
    for (const { data } of plans) expect(contractById.get(data.contract)?.title).toBe(data.contract_title);
    for (const { data } of payments) {
      expect(contractById.get(data.contract)?.title).toBe(data.contract_title);
      expect(byId(plans).get(data.payment_plan)?.title).toBe(data.plan_title);
    }
    for (const { data } of contacts) expect(customerById.get(data.customer)?.name).toBe(data.customer_name);
    for (const { id, data } of customers) {
      expect(data.contact_count).toBe(contacts.filter((c: any) => c.data.customer === id).length);
      expect(data.contact_count).toBeGreaterThan(0);
      expect(data.address).toEqual({ province: expect.any(String), city: expect.any(String), district: expect.any(String), detail: expect.any(String) });
    }
    expect(followups.filter((f: any) => f.data.related_type === 'customer').every((f: any) => customerById.get(f.data.customer)?.name === f.data.related_name)).toBe(true);

    // A customer with contacts and contracts cannot be deleted; a deleted payment lowers its contract's paid amount.
    const linked = contracts[0].data.customer;
    expect(await t.http('DELETE', `/api/apps/crm/forms/customer/records/${linked}`, undefined, t.adminToken)).toMatchObject({ status: 409, body: { code: 'RECORD_REFERENCED' } });
    const receipt = payments[0];
    const before = (await t.http('GET', `/api/apps/crm/forms/contract/records/${receipt.data.contract}`, undefined, t.adminToken)).body.data;
    expect((await t.http('DELETE', `/api/apps/crm/forms/payment/records/${receipt.id}`, undefined, t.adminToken)).status).toBe(204);
    const after = (await t.http('GET', `/api/apps/crm/forms/contract/records/${receipt.data.contract}`, undefined, t.adminToken)).body.data;
    expect(after.paid_amount).toBeCloseTo(before.paid_amount - receipt.data.amount, 2);
    expect(after.unpaid_amount).toBeCloseTo(before.unpaid_amount + receipt.data.amount, 2);
  });

  it('lets a salesperson see only their own leads, and a manager their team', async () => {
    const sales1 = await t.login('sales1', CRM_DEMO_PASSWORD);
    const me = await t.http('GET', '/api/auth/me', undefined, sales1);
    const mine = await t.http('POST', '/api/apps/crm/forms/lead/records/query', { limit: 500 }, sales1);
    expect(mine.status).toBe(200);
    expect(mine.body.items.length).toBeGreaterThan(0);
    expect(mine.body.items.every((r: any) => r.ownerId === me.body.id)).toBe(true);
    expect(mine.body.total).toBe(mine.body.items.length);

    const all = await t.http('POST', '/api/apps/crm/forms/lead/records/query', { limit: 500 }, t.adminToken);
    const someoneElses = all.body.items.find((r: any) => r.ownerId !== me.body.id);
    expect(await t.http('GET', `/api/apps/crm/forms/lead/records/${someoneElses.id}`, undefined, sales1)).toMatchObject({ status: 404 });
    expect(await t.http('PATCH', `/api/apps/crm/forms/lead/records/${someoneElses.id}`, { data: { notes: 'x' } }, sales1)).toMatchObject({ status: 404 });
    // Sales may not delete.
    expect(await t.http('DELETE', `/api/apps/crm/forms/lead/records/${mine.body.items[0].id}`, undefined, sales1)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });

    const manager = await t.login('manager_east', CRM_DEMO_PASSWORD);
    const team = await t.http('POST', '/api/apps/crm/forms/lead/records/query', { limit: 500 }, manager);
    expect(team.body.items.length).toBeGreaterThan(mine.body.items.length);
    expect(team.body.items.length).toBeLessThan(all.body.items.length);

    // A salesperson creates a lead and finds it; a new lead is owned by its creator.
    const created = await t.http('POST', '/api/apps/crm/forms/lead/records', { data: { company: '测试公司', contact_name: '王五', status: 'new' } }, sales1);
    expect(created.status).toBe(201);
    expect(created.body.ownerId).toBe(me.body.id);
  });

  it('masks what a role masks', async () => {
    const finance = await t.login('finance1', CRM_DEMO_PASSWORD);
    const customers = await t.http('POST', '/api/apps/crm/forms/customer/records/query', { limit: 5, filter: { isNotEmpty: [{ var: 'name' }] } }, finance);
    expect(customers.status).toBe(200);
    const withPhone = customers.body.items.filter((r: any) => r.data.phone);
    expect(withPhone.length).toBeGreaterThan(0);
    for (const r of withPhone) expect(r.data.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(await t.http('POST', '/api/apps/crm/forms/customer/records/query', { filter: { startsWith: [{ var: 'phone' }, '138'] } }, finance))
      .toMatchObject({ status: 400, body: { code: 'FIELD_NOT_FILTERABLE' } });
  });

  it('shows a salesperson teammates’ customers with phones masked and their own in full', async () => {
    const sales1 = await t.login('sales1', CRM_DEMO_PASSWORD);
    const me = (await t.http('GET', '/api/auth/me', undefined, sales1)).body;
    const seen = (await t.http('POST', '/api/apps/crm/forms/customer/records/query', { limit: 500 }, sales1)).body.items;
    const all = (await t.http('POST', '/api/apps/crm/forms/customer/records/query', { limit: 500 }, t.adminToken)).body.items;
    const own = seen.filter((r: any) => r.ownerId === me.id);
    const team = seen.filter((r: any) => r.ownerId !== me.id);
    expect(own.length).toBeGreaterThan(0);
    expect(team.length).toBeGreaterThan(0);
    expect(seen.every((r: any) => r.ownerDeptId === me.departments[0].id)).toBe(true);
    expect(seen.length).toBeLessThan(all.length);
    for (const r of own.filter((x: any) => x.data.phone)) expect(r.data.phone).toBe(all.find((a: any) => a.id === r.id).data.phone);
    for (const r of team.filter((x: any) => x.data.phone)) expect(r.data.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    // The phone cannot be probed by filtering or sorting; the form says so to clients.
    expect(await t.http('POST', '/api/apps/crm/forms/customer/records/query', { filter: { startsWith: [{ var: 'phone' }, '13'] } }, sales1)).toMatchObject({ status: 400, body: { code: 'FIELD_NOT_FILTERABLE' } });
    const form = await t.http('GET', '/api/apps/crm/forms/customer', undefined, sales1);
    expect(form.body.access.unfilterable.sort()).toEqual(['email', 'phone']);
    expect(form.body.access.actions).toEqual(expect.arrayContaining(['read', 'create', 'update']));
    expect(form.body.access.actions).not.toContain('export');
    // A teammate's customer can be read but not changed.
    expect((await t.http('PATCH', `/api/apps/crm/forms/customer/records/${team[0].id}`, { data: { notes: 'x' } }, sales1)).status).toBe(404);
  });

  it('shows a record’s history to those who may read it, with their field rules', async () => {
    const sales3 = await t.login('sales3', CRM_DEMO_PASSWORD);
    const mine = await t.http('POST', '/api/apps/crm/forms/lead/records/query', { limit: 1 }, sales3);
    const lead = mine.body.items[0];
    await t.http('PATCH', `/api/apps/crm/forms/lead/records/${lead.id}`, { data: { notes: 'called back' } }, sales3);
    const history = await t.http('GET', `/api/audit?appKey=crm&formKey=lead&recordId=${lead.id}`, undefined, sales3);
    expect(history.status).toBe(200);
    expect(history.body.items.map((i: any) => i.action)).toEqual(['record.update', 'record.create']);
    expect(history.body.items[0]).toMatchObject({ after: { notes: 'called back' }, ip: null });
    // Someone else's record, or the whole trail: refused without revealing anything.
    const all = await t.http('POST', '/api/apps/crm/forms/lead/records/query', { limit: 500 }, t.adminToken);
    const other = all.body.items.find((r: any) => r.ownerId !== lead.ownerId);
    expect((await t.http('GET', `/api/audit?appKey=crm&formKey=lead&recordId=${other.id}`, undefined, sales3)).status).toBe(404);
    expect((await t.http('GET', '/api/audit', undefined, sales3)).status).toBe(403);
    // Finance sees customer phones masked in history too.
    const finance = await t.login('finance1', CRM_DEMO_PASSWORD);
    const customer = (await t.http('POST', '/api/apps/crm/forms/customer/records/query', { limit: 1, filter: { isNotEmpty: [{ var: 'name' }] } }, finance)).body.items[0];
    const ch = await t.http('GET', `/api/audit?appKey=crm&formKey=customer&recordId=${customer.id}`, undefined, finance);
    const created = ch.body.items.find((i: any) => i.action === 'record.create');
    if (created.after.phone) expect(created.after.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
  });

  it('hands a leaver’s records to a successor in one action, after a preview', async () => {
    const users = (await t.http('GET', '/api/users?limit=100', undefined, t.adminToken)).body.items;
    const from = users.find((u: any) => u.username === 'sales2');
    const to = users.find((u: any) => u.username === 'sales1');
    const leaverToken = await t.login('sales2', CRM_DEMO_PASSWORD);
    const owned = async (id: string) => (await t.http('POST', '/api/apps/crm/forms/lead/records/query', { filter: { '==': [{ var: 'ownerId' }, id] }, exactTotal: true }, t.adminToken)).body.total;
    const before = await owned(from.id);
    expect(before).toBeGreaterThan(0);

    const preview = await t.http('POST', '/api/handover', { fromUserId: from.id, toUserId: to.id, dryRun: true }, t.adminToken);
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, tasks: 0, todos: 0 });
    expect(preview.body.records).toContainEqual({ appKey: 'crm', formKey: 'lead', count: before });
    expect(await owned(from.id)).toBe(before);

    const toBefore = await owned(to.id);
    const done = await t.http('POST', '/api/handover', { fromUserId: from.id, toUserId: to.id, dryRun: false }, t.adminToken);
    expect(done.body).toEqual({ ...preview.body, dryRun: false });
    expect(await owned(from.id)).toBe(0);
    expect(await owned(to.id)).toBe(toBefore + before);
    expect((await t.http('GET', '/api/auth/me', undefined, leaverToken)).status).toBe(401);
    expect((await t.http('POST', '/api/auth/login', { username: 'sales2', password: CRM_DEMO_PASSWORD })).status).toBe(401);
    const audit = await t.http('GET', `/api/audit?actorId=${(await t.http('GET', '/api/auth/me', undefined, t.adminToken)).body.id}&limit=5`, undefined, t.adminToken);
    const entry = audit.body.items.find((i: any) => i.action === 'handover');
    expect(entry).toMatchObject({ target: { type: 'user', id: from.id }, after: { ownerId: to.id, records: done.body.records } });
    expect(await t.http('POST', '/api/handover', { fromUserId: from.id, toUserId: from.id }, t.adminToken)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const sales1 = await t.login('sales1', CRM_DEMO_PASSWORD);
    expect((await t.http('POST', '/api/handover', { fromUserId: from.id, toUserId: to.id }, sales1)).status).toBe(403);
  });

  it('ships approvals: a contract with special terms over 1M goes to the manager, the director, then legal and finance together', async () => {
    const managerEast = await t.login('manager_east', CRM_DEMO_PASSWORD);
    const body = { title: '测试大合同', customer_name: '测试客户', amount: 1200000, status: 'draft', has_special_terms: true, special_terms: '付款 180 天' };
    // The contract number is the platform's: writing one is refused, and a new contract gets the next one.
    expect(await t.http('POST', '/api/apps/crm/forms/contract/records', { data: { ...body, contract_no: 'HT-TEST-0001' } }, managerEast))
      .toMatchObject({ status: 400, body: { details: { issues: [expect.objectContaining({ path: ['contract_no'], code: 'read_only' })] } } });
    const c = await t.http('POST', '/api/apps/crm/forms/contract/records', { data: body }, managerEast);
    expect(c.status).toBe(201);
    expect(c.body.data.contract_no).toMatch(/^HT-\d{8}-\d{4}$/);
    expect(c.body.data).toMatchObject({ paid_amount: 0, unpaid_amount: 1200000 });
    const started = await t.http('POST', `/api/apps/crm/forms/contract/records/${c.body.id}/flow`, { flowKey: 'contract_approval' }, managerEast);
    expect(started.status).toBe(201);
    const decide = async (username: string) => {
      const token = await t.login(username, CRM_DEMO_PASSWORD);
      const task = (await t.http('GET', '/api/tasks?box=todo', undefined, token)).body.items.find((x: any) => x.recordId === c.body.id);
      expect(task).toBeDefined();
      const r = await t.http('POST', `/api/tasks/${task.id}/actions`, { action: 'approve', comment: 'ok' }, token);
      expect(r.status).toBe(200);
      return r.body;
    };
    // The initiator's manager is the director, who then passes the amount step automatically (dedupe).
    expect(started.body.currentTasks.map((x: any) => x.nodeKey)).toEqual(['manager']);
    expect((await decide('director')).currentTasks.map((x: any) => x.nodeKey)).toEqual(['legal_finance', 'legal_finance']);
    expect((await decide('legal1')).status).toBe('running');
    const done = await decide('finance1');
    expect(done.status).toBe('approved');
    expect((await t.http('GET', `/api/apps/crm/forms/contract/records/${c.body.id}`, undefined, managerEast)).body.flowStatus).toBe('approved');
  });

  it('routes an 85% quote to the sales director and a 95% one to the manager', async () => {
    const sales1 = await t.login('sales1', CRM_DEMO_PASSWORD);
    const mk = async (discount: number) => {
      const q = await t.http('POST', '/api/apps/crm/forms/quote/records', { data: { title: `折扣 ${discount}`, customer_name: '测试客户', quote_total: 85000, list_total: 100000, discount, status: 'draft' } }, sales1);
      expect(q.status).toBe(201);
      return (await t.http('POST', `/api/apps/crm/forms/quote/records/${q.body.id}/flow`, { flowKey: 'quote_discount' }, sales1)).body;
    };
    const users = (await t.http('GET', '/api/users?limit=100', undefined, t.adminToken)).body.items;
    const id = (name: string) => users.find((x: any) => x.username === name).id;
    expect((await mk(85)).currentTasks.map((x: any) => x.assigneeId)).toEqual([id('director')]);
    expect((await mk(95)).currentTasks.map((x: any) => x.assigneeId)).toEqual([id('manager_east')]);
  });

  it('exports records as CSV and XLSX under the reader’s scope, with labels and display values', async () => {
    const manager = await t.login('manager_east', CRM_DEMO_PASSWORD);
    const team = await t.http('POST', '/api/apps/crm/forms/lead/records/query', { limit: 500 }, manager);
    const csv = await fetch(`${t.baseUrl}/api/apps/crm/forms/lead/records/export?format=csv`, { headers: { authorization: `Bearer ${manager}` } });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toContain("filename*=UTF-8''%E7%BA%BF%E7%B4%A2.csv");
    const text = await csv.text();
    const lines = text.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toMatch(/^ID,公司名称|^ID,/);
    expect(lines).toHaveLength(team.body.items.length + 1);
    for (const r of team.body.items) expect(text).toContain(r.id);

    const filtered = await fetch(`${t.baseUrl}/api/apps/crm/forms/lead/records/export?format=csv&lang=en-US&filter=${encodeURIComponent(JSON.stringify({ '==': [{ var: 'status' }, 'new'] }))}`, { headers: { authorization: `Bearer ${manager}` } });
    const flines = (await filtered.text()).trim().split('\r\n');
    expect(flines.length - 1).toBe(team.body.items.filter((r: any) => r.data.status === 'new').length);

    const xlsx = await fetch(`${t.baseUrl}/api/apps/crm/forms/contract/records/export?format=xlsx`, { headers: { authorization: `Bearer ${t.adminToken}` } });
    expect(xlsx.status).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as any);
    const sheet = wb.worksheets[0];
    const headerRow = (sheet.getRow(1).values as any[]).slice(1);
    expect(headerRow).toContain('我方签约人');
    const signerCol = headerRow.indexOf('我方签约人') + 1;
    const signers = [];
    for (let i = 2; i <= sheet.rowCount; i++) signers.push(String(sheet.getRow(i).getCell(signerCol).value ?? ''));
    expect(signers.some((s) => /^.+ \(.+\)$/.test(s))).toBe(true);

    const finance = await t.login('finance1', CRM_DEMO_PASSWORD);
    expect((await t.http('GET', '/api/apps/crm/forms/customer/records/export?format=csv', undefined, finance))).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    const sales = await t.login('sales3', CRM_DEMO_PASSWORD);
    expect((await t.http('GET', '/api/apps/crm/forms/lead/records/export?format=csv', undefined, sales)).status).toBe(403);
    expect((await t.http('GET', '/api/apps/crm/forms/lead/records/export?format=pdf', undefined, t.adminToken))).toMatchObject({ status: 400 });
    expect((await t.http('GET', '/api/apps/crm/forms/lead/records/export?filter=%7Bbad', undefined, t.adminToken))).toMatchObject({ status: 400, body: { code: 'INVALID_JSON' } });
  });

  it('exports a package that imports back to the same definitions', async () => {
    const exported = await t.http('GET', '/api/apps/crm/package', undefined, t.adminToken);
    expect(exported.status).toBe(200);
    expect(exported.body).toMatchObject({ schemaVersion: 1, kind: 'app-package', app: { key: 'crm' } });
    const original = buildCrmPackage({ withDemo: false });
    expect(exported.body.forms).toEqual(original.forms);
    const byKey = (a: any, b: any) => a.key.localeCompare(b.key);
    expect([...exported.body.flows].sort(byKey)).toEqual([...original.flows!].sort(byKey));

    const copy = { ...exported.body, app: { ...exported.body.app, key: 'crm_copy' }, roles: [] };
    const imported = await t.http('POST', '/api/app-packages', copy, t.adminToken);
    expect(imported.status).toBe(201);
    expect(imported.body.forms.created).toHaveLength(original.forms.length);
    const again = await t.http('GET', '/api/apps/crm_copy/package', undefined, t.adminToken);
    expect(again.body.forms).toEqual(exported.body.forms);
    expect(again.body.views).toEqual(exported.body.views);

    // Importing the same package again upgrades in place: no form is created twice.
    const upgrade = await t.http('POST', '/api/app-packages', copy, t.adminToken);
    expect(upgrade.body).toMatchObject({ created: false, forms: { created: [] } });
  });

  it('refuses a broken package with the path of each problem', async () => {
    const bad = buildCrmPackage({ withDemo: false }) as any;
    bad.forms[0].fields.push({ key: 'Bad Key', type: 'text', label: 'x' });
    const r = await t.http('POST', '/api/app-packages', bad, t.adminToken);
    expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(r.body.details.issues[0].path.slice(0, 2)).toEqual(['forms', 0]);
    expect(await t.http('POST', '/api/app-packages', { ...bad, schemaVersion: 99 }, t.adminToken)).toMatchObject({ status: 400, body: { code: 'UNSUPPORTED_SCHEMA_VERSION' } });
  });
});
