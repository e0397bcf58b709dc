import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Approvers editing the fields their step allows while the record is otherwise locked, and sub-flows
 * (on the same record and on related records), through HTTP on real PostgreSQL.
 */
describe('flows: node-editable fields and sub-flows', () => {
  let t: TestPlatform;
  const u: Record<string, { id: string; token: string }> = {};
  const quotes = '/api/apps/sub/forms/quote/records';
  const customers = '/api/apps/sub/forms/customer/records';

  const flow = (key: string, formKey: string, nodes: unknown[]) => t.http('POST', '/api/apps/sub/flows', { key, name: key, formKey, nodes }, t.adminToken);
  const approval = (key: string, user: string, extra: Record<string, unknown> = {}) => ({ key, type: 'approval', name: key, approvers: [{ source: 'users', userIds: [u[user].id] }], ...extra });
  const todo = async (name: string) => (await t.http('GET', '/api/tasks?box=todo', undefined, u[name].token)).body.items as any[];
  const act = (name: string, taskId: string, body: Record<string, unknown>) => t.http('POST', `/api/tasks/${taskId}/actions`, body, u[name].token);
  const newQuote = async (data: Record<string, unknown>) => (await t.http('POST', quotes, { data }, u.sales.token)).body.id as string;
  const start = (recordId: string, flowKey: string, path = quotes) => t.http('POST', `${path}/${recordId}/flow`, { flowKey }, u.sales.token);

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = t.adminToken;
    await t.http('POST', '/api/apps', { key: 'sub', name: 'Sub-flows' }, a);
    await t.http('POST', '/api/apps/sub/forms', { key: 'customer', name: '客户', fields: [{ key: 'name', type: 'text', label: '名称', required: true }] }, a);
    expect((await t.http('POST', '/api/apps/sub/forms', {
      key: 'quote', name: '报价单', fields: [
        { key: 'title', type: 'text', label: '标题', required: true },
        { key: 'discount', type: 'percent', label: '折扣' },
        { key: 'note', type: 'textarea', label: '审批意见' },
        { key: 'cost', type: 'money', label: '成本' },
        { key: 'customer', type: 'relation', label: '客户', options: { targetForm: 'customer', displayFields: ['name'] } },
      ],
    }, a)).status).toBe(201);
    const sales = await t.http('POST', '/api/roles', { name: 'sales' }, a);
    await t.http('PUT', `/api/roles/${sales.body.id}/grants`, [
      { appKey: 'sub', formKey: 'quote', actions: ['read', 'create', 'update'], scope: { type: 'all' } },
      { appKey: 'sub', formKey: 'customer', actions: ['read', 'create', 'update'], scope: { type: 'all' } },
    ], a);
    // Approvers only read: what they may change comes from their step, not their role.
    const readers = await t.http('POST', '/api/roles', { name: 'readers' }, a);
    await t.http('PUT', `/api/roles/${readers.body.id}/grants`, [
      { appKey: 'sub', formKey: 'quote', actions: ['read'], scope: { type: 'all' } },
      { appKey: 'sub', formKey: 'customer', actions: ['read'], scope: { type: 'all' } },
    ], a);
    for (const [name, role] of [['sales', sales], ['director', readers], ['legal', readers], ['finance', readers]] as const) {
      const r = await t.http('POST', '/api/users', { username: name, name, password: 'pass-' + name, roleIds: [role.body.id] }, a);
      u[name] = { id: r.body.id, token: await t.login(name, 'pass-' + name) };
    }
  }, 60_000);
  afterAll(async () => t?.close());

  describe('the approver edits the fields their step makes editable', () => {
    beforeAll(async () => {
      expect((await flow('edit_note', 'quote', [approval('director', 'director', { fieldPermissions: { note: 'editable', cost: 'required', discount: 'readonly', title: 'hidden' } })])).status).toBe(201);
    });

    it('shows the step’s field access on the task, refuses other fields and other users, and writes the edits with the approval', async () => {
      const id = await newQuote({ title: '八五折', discount: 85 });
      const started = await start(id, 'edit_note');
      expect(started.status).toBe(201);
      const flowView = (await t.http('GET', `${quotes}/${id}/flow`, undefined, u.director.token)).body;
      expect(flowView.currentTasks[0]).toMatchObject({
        assigneeId: u.director.id, fieldPermissions: { note: 'editable', cost: 'required', discount: 'readonly', title: 'hidden' }, unlistedFields: 'readonly',
      });
      const [task] = await todo('director');

      // A read-only or unlisted field: 403, nothing written, the task still open.
      expect(await act('director', task.id, { action: 'approve', data: { note: '同意', discount: 80 } })).toMatchObject({ status: 403, body: { code: 'FIELD_NOT_EDITABLE' } });
      expect(await act('director', task.id, { action: 'approve', data: { customer: null } })).toMatchObject({ status: 403, body: { code: 'FIELD_NOT_EDITABLE' } });
      // Required by the step and still empty.
      expect(await act('director', task.id, { action: 'approve', data: { note: '同意' } })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      // A value the field does not take: the records service's validation answers.
      expect(await act('director', task.id, { action: 'approve', data: { cost: 'lots' } })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      // Another user cannot edit through the director's task, nor directly.
      expect(await act('sales', task.id, { action: 'approve', data: { note: 'mine' } })).toMatchObject({ status: 403, body: { code: 'NOT_ASSIGNEE' } });
      expect(await t.http('PATCH', `${quotes}/${id}`, { data: { note: 'mine' } }, u.sales.token)).toMatchObject({ status: 409, body: { code: 'RECORD_LOCKED' } });
      const untouched = (await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body;
      expect(untouched.data).toMatchObject({ discount: 85 });
      expect(untouched.data.note ?? null).toBeNull();
      expect((await todo('director')).map((x) => x.id)).toEqual([task.id]);

      const done = await act('director', task.id, { action: 'approve', comment: '可以', data: { note: '战略客户，同意', cost: 1200.5 } });
      expect(done.status).toBe(200);
      expect(done.body.status).toBe('approved');
      const rec = (await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body;
      expect(rec).toMatchObject({ flowStatus: 'approved', updatedBy: u.director.id, data: { note: '战略客户，同意', cost: 1200.5, discount: 85 } });
      const [audit] = await t.sql(`SELECT actor_id, after FROM audit_log WHERE action = 'record.update' AND target_id = $1 ORDER BY at DESC LIMIT 1`, [id]);
      expect(audit).toMatchObject({ actor_id: u.director.id, after: { note: '战略客户，同意', cost: 1200.5 } });
    });

    it('lets the approver save the editable fields before deciding (action save), and nobody else', async () => {
      const id = await newQuote({ title: '先保存' });
      await start(id, 'edit_note');
      const [task] = (await todo('director')).filter((x) => x.recordId === id);
      const saved = await act('director', task.id, { action: 'save', data: { note: '草稿意见' } });
      expect(saved.body).toMatchObject({ status: 'running', currentTasks: [{ id: task.id, status: 'todo' }] });
      expect((await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body.data.note).toBe('草稿意见');
      expect(await act('director', task.id, { action: 'save', data: { discount: 50 } })).toMatchObject({ status: 403, body: { code: 'FIELD_NOT_EDITABLE' } });
      expect(await act('legal', task.id, { action: 'save', data: { note: 'x' } })).toMatchObject({ status: 403, body: { code: 'NOT_ASSIGNEE' } });
      expect(await act('director', task.id, { action: 'save' })).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      // Their role only reads: a plain edit of the record is still refused.
      expect((await t.http('PATCH', `${quotes}/${id}`, { data: { note: '直接改' } }, u.director.token)).status).toBe(403);
      await act('director', task.id, { action: 'reject', comment: '不行' });
      expect(await act('director', task.id, { action: 'save', data: { note: '晚了' } })).toMatchObject({ status: 409, body: { code: 'TASK_ALREADY_DONE' } });
    });
  });

  describe('sub-flows', () => {
    beforeAll(async () => {
      expect((await flow('legal_review', 'quote', [approval('legal', 'legal', { fieldPermissions: { note: 'editable' } })])).status).toBe(201);
      expect((await flow('main', 'quote', [{ key: 'review', type: 'subflow', name: '法务子流程', flowKey: 'legal_review' }, approval('final', 'director')])).status).toBe(201);
      expect((await flow('main_continue', 'quote', [{ key: 'review', type: 'subflow', name: '法务子流程', flowKey: 'legal_review', onRejected: 'continue' }, approval('final', 'director')])).status).toBe(201);
      expect((await flow('customer_check', 'customer', [approval('finance', 'finance')])).status).toBe(201);
      expect((await flow('with_customer', 'quote', [{ key: 'check', type: 'subflow', name: '客户审核', flowKey: 'customer_check', relationField: 'customer' }, approval('final', 'director')])).status).toBe(201);
    });

    it('runs a sub-flow on the same record; the parent waits, then continues when it is approved', async () => {
      const id = await newQuote({ title: '子流程' });
      const started = await start(id, 'main');
      expect(started.status).toBe(201);
      expect(started.body).toMatchObject({ status: 'running', currentTasks: [] });
      // The record's flow is the sub-flow while it runs: its task, its lock.
      const child = (await t.http('GET', `${quotes}/${id}/flow`, undefined, u.sales.token)).body;
      expect(child).toMatchObject({ flowKey: 'legal_review', parentId: started.body.id, status: 'running', currentTasks: [{ assigneeId: u.legal.id }] });
      expect((await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body.flowStatus).toBe('running');
      expect(await t.http('PATCH', `${quotes}/${id}`, { data: { note: 'x' } }, u.sales.token)).toMatchObject({ status: 409, body: { code: 'RECORD_LOCKED' } });
      expect((await act('legal', child.currentTasks[0].id, { action: 'save', data: { note: '法务意见' } })).status).toBe(200);
      expect((await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body.data.note).toBe('法务意见');
      // Only the top-level instance is "started by me"; a second top-level flow cannot start.
      expect((await t.http('GET', '/api/tasks?box=started', undefined, u.sales.token)).body.items.filter((i: any) => i.recordId === id).map((i: any) => i.flowKey)).toEqual(['main']);
      expect(await start(id, 'edit_note')).toMatchObject({ status: 409, body: { code: 'FLOW_ALREADY_RUNNING' } });

      const [legalTask] = await todo('legal');
      const childDone = await act('legal', legalTask.id, { action: 'approve', data: { note: '法务同意' } });
      expect(childDone.body).toMatchObject({ status: 'approved', parentId: started.body.id });
      const parent = (await t.http('GET', `${quotes}/${id}/flow`, undefined, u.sales.token)).body;
      expect(parent).toMatchObject({ id: started.body.id, flowKey: 'main', status: 'running', currentTasks: [{ nodeKey: 'final', assigneeId: u.director.id }] });
      expect(parent.history.map((h: any) => `${h.event}:${h.nodeKey}`)).toEqual(expect.arrayContaining(['nodeCompleted:review', 'taskCreated:final']));
      expect((await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body).toMatchObject({ flowStatus: 'running', data: { note: '法务同意' } });

      const [finalTask] = await todo('director');
      expect((await act('director', finalTask.id, { action: 'approve' })).body.status).toBe('approved');
      expect((await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body.flowStatus).toBe('approved');
      expect((await t.http('GET', `${quotes}/${id}/flow`, undefined, u.sales.token)).body).toMatchObject({ id: started.body.id, status: 'approved' });
    });

    it.each([
      ['main', 'rejected', 0],
      ['main_continue', 'running', 1],
    ])('a rejected sub-flow under %s leaves the parent %s', async (flowKey, parentStatus, directorTasks) => {
      const id = await newQuote({ title: `驳回 ${flowKey}` });
      const started = await start(id, flowKey);
      const [legalTask] = await todo('legal');
      expect((await act('legal', legalTask.id, { action: 'reject', comment: '条款有问题' })).body.status).toBe('rejected');
      const [parent] = await t.sql(`SELECT status FROM flow_instances WHERE id = $1`, [started.body.id]);
      expect(parent.status).toBe(parentStatus);
      expect((await todo('director')).filter((x) => x.recordId === id)).toHaveLength(directorTasks);
      expect((await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body.flowStatus).toBe(parentStatus);
    });

    it('runs a sub-flow on the record a relation field points to, and passes when the relation is empty', async () => {
      const customer = (await t.http('POST', customers, { data: { name: '华为' } }, u.sales.token)).body.id;
      const id = await newQuote({ title: '关联', customer });
      const started = await start(id, 'with_customer');
      expect(started.body).toMatchObject({ status: 'running', currentTasks: [] });
      const child = (await t.http('GET', `${customers}/${customer}/flow`, undefined, u.sales.token)).body;
      expect(child).toMatchObject({ flowKey: 'customer_check', formKey: 'customer', recordId: customer, parentId: started.body.id, status: 'running' });
      expect((await t.http('GET', `${customers}/${customer}`, undefined, u.sales.token)).body.flowStatus).toBe('running');
      const [financeTask] = await todo('finance');
      expect(financeTask).toMatchObject({ formKey: 'customer', recordId: customer });
      await act('finance', financeTask.id, { action: 'approve' });
      expect((await t.http('GET', `${customers}/${customer}`, undefined, u.sales.token)).body.flowStatus).toBe('approved');
      expect((await t.http('GET', `${quotes}/${id}/flow`, undefined, u.sales.token)).body).toMatchObject({ status: 'running', currentTasks: [{ nodeKey: 'final' }] });

      const alone = await newQuote({ title: '无客户' });
      const s2 = await start(alone, 'with_customer');
      expect(s2.body).toMatchObject({ status: 'running', currentTasks: [{ nodeKey: 'final', assigneeId: u.director.id }] });
    });

    it('completes parallel sub-flows ending at once exactly once', async () => {
      // Two customers, two sub-flows approved in parallel requests: the parent continues once.
      expect((await t.http('PATCH', '/api/apps/sub/forms/quote', { fields: [
        { key: 'title', type: 'text', label: '标题', required: true },
        { key: 'discount', type: 'percent', label: '折扣' },
        { key: 'note', type: 'textarea', label: '审批意见' },
        { key: 'cost', type: 'money', label: '成本' },
        { key: 'customer', type: 'relation', label: '客户', options: { targetForm: 'customer', displayFields: ['name'] } },
        { key: 'partners', type: 'relation', label: '伙伴', options: { targetForm: 'customer', displayFields: ['name'], multiple: true } },
      ] }, t.adminToken)).status).toBe(200);
      expect((await flow('with_partners', 'quote', [{ key: 'check', type: 'subflow', name: '伙伴审核', flowKey: 'customer_check', relationField: 'partners' }, approval('final', 'director')])).status).toBe(201);
      const partners = [];
      for (const name of ['甲', '乙']) partners.push((await t.http('POST', customers, { data: { name } }, u.sales.token)).body.id);
      const id = await newQuote({ title: '两个伙伴', partners });
      const started = await start(id, 'with_partners');
      const tasks = (await todo('finance')).filter((x) => partners.includes(x.recordId));
      expect(tasks).toHaveLength(2);
      const answers = await Promise.all(tasks.map((x) => act('finance', x.id, { action: 'approve' })));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const [parent] = await t.sql(`SELECT state FROM flow_instances WHERE id = $1`, [started.body.id]);
      expect(parent.state.history.filter((h: any) => h.event === 'nodeCompleted' && h.nodeKey === 'check')).toHaveLength(1);
      expect(parent.state.tasks.filter((x: any) => x.nodeKey === 'final')).toHaveLength(1);
    });

    it('refuses sub-flow nodes naming an unknown flow, a flow of another form, or a field that is not a relation', async () => {
      for (const node of [
        { key: 's', type: 'subflow', name: 's', flowKey: 'ghost' },
        { key: 's', type: 'subflow', name: 's', flowKey: 'customer_check' },
        { key: 's', type: 'subflow', name: 's', flowKey: 'legal_review', relationField: 'note' },
        { key: 's', type: 'subflow', name: 's', flowKey: 'legal_review', relationField: 'customer' },
        { key: 's', type: 'subflow', name: 's', flowKey: 'selfish' },
      ]) {
        const r = await flow('selfish', 'quote', [node]);
        expect(r).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      }
    });

    describe('a parent that ends while its sub-flow runs ends the sub-flow', () => {
      const customerQuote = async (title: string) => {
        const customer = (await t.http('POST', customers, { data: { name: title } }, u.sales.token)).body.id as string;
        return { customer, id: await newQuote({ title, customer }) };
      };
      /** The sub-flow on the customer runs, its task is in finance's inbox and the customer is locked. */
      const childRunning = async (customer: string) => {
        const child = (await t.http('GET', `${customers}/${customer}/flow`, undefined, u.sales.token)).body;
        expect(child).toMatchObject({ flowKey: 'customer_check', status: 'running', currentTasks: [{ assigneeId: u.finance.id }] });
        expect((await todo('finance')).filter((x) => x.recordId === customer)).toHaveLength(1);
        expect(await t.http('PATCH', `${customers}/${customer}`, { data: { name: 'x' } }, u.sales.token)).toMatchObject({ status: 409, body: { code: 'RECORD_LOCKED' } });
        return child as { id: string; currentTasks: { id: string }[] };
      };
      /** Withdrawn with a "parent ended" entry, its task gone from the inbox and cancelled, the customer unlocked. */
      const childEnded = async (customer: string, child: { id: string; currentTasks: { id: string }[] }) => {
        const after = (await t.http('GET', `${customers}/${customer}/flow`, undefined, u.sales.token)).body;
        expect(after).toMatchObject({ id: child.id, status: 'withdrawn', currentTasks: [] });
        expect(after.history).toEqual(expect.arrayContaining([expect.objectContaining({ event: 'withdrawn', actorId: null, comment: 'parent ended' })]));
        expect((await todo('finance')).filter((x) => x.recordId === customer)).toEqual([]);
        const [task] = await t.sql(`SELECT status FROM flow_tasks WHERE id = $1`, [child.currentTasks[0].id]);
        expect(task.status).toBe('cancelled');
        expect(await act('finance', child.currentTasks[0].id, { action: 'approve' })).toMatchObject({ status: 409 });
        expect((await t.http('GET', `${customers}/${customer}`, undefined, u.sales.token)).body.flowStatus).toBe('withdrawn');
        expect((await t.http('PATCH', `${customers}/${customer}`, { data: { name: '已解锁' } }, u.sales.token)).status).toBe(200);
      };

      it('when the initiator withdraws the parent', async () => {
        const { customer, id } = await customerQuote('撤回父流程');
        const started = await start(id, 'with_customer');
        const child = await childRunning(customer);
        const withdrawn = await t.http('POST', `/api/flow-instances/${started.body.id}/withdraw`, { comment: '不报了' }, u.sales.token);
        expect(withdrawn.body).toMatchObject({ id: started.body.id, status: 'withdrawn' });
        await childEnded(customer, child);
        expect((await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body.flowStatus).toBe('withdrawn');
      });

      it('when the parent is rejected on a parallel branch', async () => {
        expect((await flow('parallel_check', 'quote', [{
          key: 'both', type: 'parallel', name: '并行', branches: [
            { key: 'boss', name: '审批', condition: null, nodes: [approval('director', 'director')] },
            { key: 'client', name: '客户', condition: null, nodes: [{ key: 'check', type: 'subflow', name: '客户审核', flowKey: 'customer_check', relationField: 'customer' }] },
          ],
        }])).status).toBe(201);
        const { customer, id } = await customerQuote('并行驳回');
        const started = await start(id, 'parallel_check');
        const child = await childRunning(customer);
        const [directorTask] = (await todo('director')).filter((x) => x.recordId === id);
        expect((await act('director', directorTask.id, { action: 'reject', comment: '不行' })).body).toMatchObject({ id: started.body.id, status: 'rejected' });
        await childEnded(customer, child);
        expect((await t.http('GET', `${quotes}/${id}`, undefined, u.sales.token)).body.flowStatus).toBe('rejected');
      });
    });
  });
});
