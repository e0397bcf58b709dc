import { startTestPlatform, type TestPlatform } from './harness';

/** Approvals through HTTP on real PostgreSQL: the quote discount flow and a contract countersign. */
describe('flows and the inbox', () => {
  let t: TestPlatform;
  const u: Record<string, { id: string; token: string }> = {};
  const quotes = '/api/apps/crm2/forms/quote/records';

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = t.adminToken;
    await t.http('POST', '/api/apps', { key: 'crm2', name: 'CRM' }, a);
    await t.http('POST', '/api/apps/crm2/forms', {
      key: 'quote', name: '报价单', fields: [
        { key: 'title', type: 'text', label: '标题', required: true },
        { key: 'discount', type: 'percent', label: '折扣' },
        { key: 'special_terms', type: 'switch', label: '特殊条款' },
        { key: 'note', type: 'textarea', label: '审批意见' },
      ],
    }, a);
    const role = await t.http('POST', '/api/roles', { name: 'sales' }, a);
    await t.http('PUT', `/api/roles/${role.body.id}/grants`, [{ appKey: 'crm2', formKey: 'quote', actions: ['read', 'create', 'update'], scope: { type: 'all' } }], a);
    const dept = await t.http('POST', '/api/departments', { name: '销售部', parentId: null }, a);
    for (const name of ['director', 'manager', 'sales', 'legal', 'finance']) {
      const r = await t.http('POST', '/api/users', { username: name, name, password: 'pass-' + name, departmentIds: [dept.body.id], roleIds: [role.body.id] }, a);
      u[name] = { id: r.body.id, token: '' };
    }
    await t.http('PATCH', `/api/users/${u.sales.id}`, { managerId: u.manager.id }, a);
    await t.http('PATCH', `/api/users/${u.manager.id}`, { managerId: u.director.id }, a);
    for (const name of Object.keys(u)) u[name].token = await t.login(name, 'pass-' + name);

    const quoteFlow = {
      key: 'quote_discount', name: '报价折扣审批', formKey: 'quote',
      nodes: [{
        key: 'route', type: 'condition', name: '按折扣',
        branches: [
          { key: 'deep', name: '低于九折', condition: { '<': [{ var: 'discount' }, 90] }, nodes: [
            { key: 'director', type: 'approval', name: '销售总监', approvers: [{ source: 'users', userIds: [u.director.id] }], fieldPermissions: { note: 'editable' } },
          ] },
          { key: 'normal', name: '其他', condition: null, nodes: [
            { key: 'manager', type: 'approval', name: '直属经理', approvers: [{ source: 'manager', level: 1 }] },
          ] },
        ],
      }],
    };
    expect((await t.http('POST', '/api/apps/crm2/flows', quoteFlow, a)).status).toBe(201);
    const countersign = {
      key: 'contract_terms', name: '合同会签', formKey: 'quote',
      nodes: [{ key: 'legal_finance', type: 'approval', name: '法务与财务会签', mode: 'countersign', approvers: [{ source: 'users', userIds: [u.legal.id, u.finance.id] }] }],
    };
    expect((await t.http('POST', '/api/apps/crm2/flows', countersign, a)).status).toBe(201);
  }, 60_000);
  afterAll(async () => t?.close());

  const todo = async (name: string) => (await t.http('GET', '/api/tasks?box=todo', undefined, u[name].token)).body;

  it('routes an 85% quote to the director, who returns it; the salesperson resubmits; the director approves', async () => {
    const q = await t.http('POST', quotes, { data: { title: '八五折报价', discount: 85 } }, u.sales.token);
    const started = await t.http('POST', `${quotes}/${q.body.id}/flow`, { flowKey: 'quote_discount' }, u.sales.token);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({ status: 'running', currentTasks: [{ nodeKey: 'director', assigneeId: u.director.id, status: 'todo' }] });
    expect((await t.http('GET', `${quotes}/${q.body.id}`, undefined, u.sales.token)).body.flowStatus).toBe('running');
    expect((await todo('manager')).items).toHaveLength(0);
    const inbox = await todo('director');
    expect(inbox.items).toHaveLength(1);
    expect(inbox.counts.todo).toBe(1);

    // Under approval the record is locked, except the director may fill the note.
    expect(await t.http('PATCH', `${quotes}/${q.body.id}`, { data: { discount: 95 } }, u.sales.token)).toMatchObject({ status: 409, body: { code: 'RECORD_LOCKED' } });
    expect((await t.http('PATCH', `${quotes}/${q.body.id}`, { data: { note: '请说明原因' } }, u.director.token)).status).toBe(200);

    const returned = await t.http('POST', `/api/tasks/${inbox.items[0].id}/actions`, { action: 'return', comment: '折扣太低' }, u.director.token);
    expect(returned.status).toBe(200);
    expect(returned.body.currentTasks).toEqual([expect.objectContaining({ nodeKey: 'start', assigneeId: u.sales.id })]);
    const again = await t.http('POST', `/api/tasks/${inbox.items[0].id}/actions`, { action: 'approve' }, u.director.token);
    expect(again).toMatchObject({ status: 409, body: { code: 'TASK_ALREADY_DONE' } });

    const resubmitTask = (await todo('sales')).items[0];
    expect((await t.http('POST', `/api/tasks/${resubmitTask.id}/actions`, { action: 'resubmit', comment: '客户是战略客户' }, u.sales.token)).status).toBe(200);
    const second = (await todo('director')).items[0];
    const done = await t.http('POST', `/api/tasks/${second.id}/actions`, { action: 'approve', comment: '同意', data: { note: '战略客户，同意' } }, u.director.token);
    expect(done.body.status).toBe('approved');
    expect(done.body.history.map((h: any) => h.event)).toEqual(expect.arrayContaining(['started', 'returned', 'resubmitted', 'approved', 'completed']));
    const rec = await t.http('GET', `${quotes}/${q.body.id}`, undefined, u.sales.token);
    expect(rec.body).toMatchObject({ flowStatus: 'approved', data: { note: '战略客户，同意' } });
    expect((await t.http('GET', '/api/tasks?box=done', undefined, u.director.token)).body.items.length).toBe(2);
    expect((await t.http('GET', '/api/tasks?box=started', undefined, u.sales.token)).body.items[0]).toMatchObject({ status: 'approved' });
  });

  it('sends a 95% quote to the salesperson’s manager; the initiator may withdraw before any decision', async () => {
    const q = await t.http('POST', quotes, { data: { title: '九五折', discount: 95 } }, u.sales.token);
    const started = await t.http('POST', `${quotes}/${q.body.id}/flow`, { flowKey: 'quote_discount' }, u.sales.token);
    expect(started.body.currentTasks).toEqual([expect.objectContaining({ nodeKey: 'manager', assigneeId: u.manager.id })]);
    expect(await t.http('POST', `${quotes}/${q.body.id}/flow`, { flowKey: 'quote_discount' }, u.sales.token)).toMatchObject({ status: 409, body: { code: 'FLOW_ALREADY_RUNNING' } });
    expect(await t.http('POST', `/api/flow-instances/${started.body.id}/withdraw`, {}, u.manager.token)).toMatchObject({ status: 403 });
    const w = await t.http('POST', `/api/flow-instances/${started.body.id}/withdraw`, {}, u.sales.token);
    expect(w.body.status).toBe('withdrawn');

    const q2 = await t.http('POST', quotes, { data: { title: '九五折 2', discount: 95 } }, u.sales.token);
    const s2 = await t.http('POST', `${quotes}/${q2.body.id}/flow`, { flowKey: 'quote_discount' }, u.sales.token);
    await t.http('POST', `/api/tasks/${s2.body.currentTasks[0].id}/actions`, { action: 'reject', comment: '不行' }, u.manager.token);
    expect((await t.http('POST', `/api/flow-instances/${s2.body.id}/withdraw`, {}, u.sales.token)).status).toBe(409);
    expect((await t.http('GET', `${quotes}/${q2.body.id}/flow`, undefined, u.sales.token)).body.status).toBe('rejected');
  });

  it('completes a countersign only when legal and finance both approve, even when they act at once', async () => {
    const q = await t.http('POST', quotes, { data: { title: '特殊条款', special_terms: true } }, u.sales.token);
    const started = await t.http('POST', `${quotes}/${q.body.id}/flow`, { flowKey: 'contract_terms' }, u.sales.token);
    expect(started.body.currentTasks).toHaveLength(2);
    const legalTask = (await todo('legal')).items[0];
    const financeTask = (await todo('finance')).items[0];
    const first = await t.http('POST', `/api/tasks/${legalTask.id}/actions`, { action: 'approve' }, u.legal.token);
    expect(first.body.status).toBe('running');
    expect(await t.http('POST', `/api/flow-instances/${started.body.id}/withdraw`, {}, u.sales.token)).toMatchObject({ status: 409, body: { code: 'WITHDRAW_NOT_ALLOWED' } });
    const [a, b] = await Promise.all([
      t.http('POST', `/api/tasks/${financeTask.id}/actions`, { action: 'approve' }, u.finance.token),
      t.http('POST', `/api/tasks/${financeTask.id}/actions`, { action: 'approve' }, u.finance.token),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const inst = await t.http('GET', `${quotes}/${q.body.id}/flow`, undefined, u.sales.token);
    expect(inst.body.status).toBe('approved');
    expect(inst.body.history.filter((h: any) => h.event === 'completed')).toHaveLength(1);
  });

  it('escalates an overdue task to the approver’s manager when its deadline passes (a durable timer)', async () => {
    const flow = {
      key: 'fast', name: '限时审批', formKey: 'quote',
      nodes: [{ key: 'mgr', type: 'approval', name: '经理', approvers: [{ source: 'users', userIds: [u.manager.id] }], deadline: { after: 'PT1S' }, onOverdue: 'escalate' }],
    };
    expect((await t.http('POST', '/api/apps/crm2/flows', flow, t.adminToken)).status).toBe(201);
    const q = await t.http('POST', quotes, { data: { title: '加急' } }, u.sales.token);
    const started = await t.http('POST', `${quotes}/${q.body.id}/flow`, { flowKey: 'fast' }, u.sales.token);
    expect(started.body.currentTasks[0]).toMatchObject({ assigneeId: u.manager.id, dueAt: expect.any(String) });
    let inst: any;
    for (let i = 0; i < 60; i++) {
      inst = (await t.http('GET', `${quotes}/${q.body.id}/flow`, undefined, u.sales.token)).body;
      if (inst.currentTasks.some((x: any) => x.assigneeId === u.director.id)) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(inst.currentTasks).toEqual([expect.objectContaining({ assigneeId: u.director.id, status: 'todo' })]);
    expect(inst.history.map((h: any) => h.event)).toContain('overdue');
  }, 30_000);

  it('completes a 50-approver countersign exactly once under 50 parallel approvals', async () => {
    const ids: string[] = [];
    const tokens: string[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await t.http('POST', '/api/users', { username: `signer${i}`, name: `Signer ${i}`, password: 'pass-signer' }, t.adminToken);
      ids.push(r.body.id);
      tokens.push(await t.login(`signer${i}`, 'pass-signer'));
    }
    await t.http('POST', '/api/apps/crm2/flows', { key: 'fifty', name: '五十人会签', formKey: 'quote', nodes: [{ key: 'all', type: 'approval', name: '全员', mode: 'countersign', approvers: [{ source: 'users', userIds: ids }] }] }, t.adminToken);
    const q = await t.http('POST', quotes, { data: { title: '大单' } }, u.sales.token);
    const started = await t.http('POST', `${quotes}/${q.body.id}/flow`, { flowKey: 'fifty' }, u.sales.token);
    expect(started.body.currentTasks).toHaveLength(50);
    const byUser = new Map(started.body.currentTasks.map((x: any) => [x.assigneeId, x.id]));
    const answers = await Promise.all(ids.map((id, i) => t.http('POST', `/api/tasks/${byUser.get(id)}/actions`, { action: 'approve' }, tokens[i])));
    expect(answers.map((a) => a.status)).toEqual(Array(50).fill(200));
    const inst = (await t.http('GET', `${quotes}/${q.body.id}/flow`, undefined, u.sales.token)).body;
    expect(inst.status).toBe('approved');
    expect(inst.history.filter((h: any) => h.event === 'completed')).toHaveLength(1);
    expect(inst.history.filter((h: any) => h.event === 'approved')).toHaveLength(50);
  }, 60_000);

  it('hands a leaver’s open approval tasks to the successor', async () => {
    const q = await t.http('POST', quotes, { data: { title: '交接', discount: 95 } }, u.sales.token);
    await t.http('POST', `${quotes}/${q.body.id}/flow`, { flowKey: 'quote_discount' }, u.sales.token);
    const open = (await todo('manager')).items.length;
    expect(open).toBeGreaterThan(0);
    const preview = await t.http('POST', '/api/handover', { fromUserId: u.manager.id, toUserId: u.director.id, dryRun: true }, t.adminToken);
    expect(preview.body.tasks).toBe(open);
    const before = (await todo('director')).items.length;
    const done = await t.http('POST', '/api/handover', { fromUserId: u.manager.id, toUserId: u.director.id, dryRun: false }, t.adminToken);
    expect(done.body.tasks).toBe(open);
    expect((await todo('director')).items.length).toBe(before + open);
    const inst = (await t.http('GET', `${quotes}/${q.body.id}/flow`, undefined, u.sales.token)).body;
    expect(inst.currentTasks[0].assigneeId).toBe(u.director.id);
    expect(inst.history.map((h: any) => h.event)).toContain('transferred');
  });

  it('refuses bad actions and unknown tasks with 4xx', async () => {
    expect(await t.http('POST', '/api/tasks/not-a-task/actions', { action: 'approve' }, u.director.token)).toMatchObject({ status: 404 });
    expect(await t.http('POST', '/api/tasks/01a21d82-6fb7-7781-8008-a1de28ed6b4e/actions', { action: 'explode' }, u.director.token)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await t.http('GET', '/api/tasks?box=spam', undefined, u.director.token)).toMatchObject({ status: 400 });
    expect(await t.http('POST', '/api/apps/crm2/flows', { key: 'bad', name: 'x', formKey: 'quote', nodes: [{ key: 'n', type: 'approval', name: 'n', approvers: [] }] }, t.adminToken)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
  });
});
