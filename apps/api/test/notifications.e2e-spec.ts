import { startTestPlatform, type TestPlatform } from './harness';
import { startSmtpListener } from './smtp-listener';

/** Notifications from flows: in the app (list, unread count, mark read) and by email through a real SMTP server on loopback. */
describe('notifications', () => {
  let t: TestPlatform;
  let smtp: Awaited<ReturnType<typeof startSmtpListener>>;
  const u: Record<string, { id: string; token: string }> = {};
  const quotes = '/api/apps/note/forms/quote/records';
  const as = (name: string) => u[name].token;

  const waitFor = async <T>(probe: () => Promise<T | undefined>, what: string): Promise<T> => {
    for (let i = 0; i < 80; i++) {
      const value = await probe();
      if (value !== undefined) return value;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`timed out waiting for ${what}`);
  };
  const notificationsOf = async (name: string, query = '') => (await t.http('GET', `/api/notifications${query}`, undefined, as(name))).body;

  beforeAll(async () => {
    smtp = await startSmtpListener();
    t = await startTestPlatform({ settings: { smtp: { host: '127.0.0.1', port: smtp.port, from: 'approvals@example.com', secure: false, user: undefined, password: undefined } } });
    const a = t.adminToken;
    await t.http('POST', '/api/apps', { key: 'note', name: 'Notes' }, a);
    await t.http('POST', '/api/apps/note/forms', { key: 'quote', name: '报价单', fields: [{ key: 'title', type: 'text', label: '标题', required: true }] }, a);
    const role = await t.http('POST', '/api/roles', { name: 'all' }, a);
    await t.http('PUT', `/api/roles/${role.body.id}/grants`, [{ appKey: 'note', formKey: 'quote', actions: ['read', 'create', 'update'], scope: { type: 'all' } }], a);
    for (const name of ['sales', 'boss', 'legal', 'quiet']) {
      const r = await t.http('POST', '/api/users', { username: name, name, password: 'pass-' + name, roleIds: [role.body.id] }, a);
      u[name] = { id: r.body.id, token: await t.login(name, 'pass-' + name) };
    }
    const flow = {
      key: 'with_cc', name: '带抄送', formKey: 'quote',
      nodes: [
        { key: 'inform', type: 'cc', name: '抄送法务', recipients: [{ source: 'users', userIds: [u.legal.id, u.quiet.id] }] },
        { key: 'boss', type: 'approval', name: '老板', approvers: [{ source: 'users', userIds: [u.boss.id] }], reminders: [{ at: 'after', offset: 'PT1S' }] },
        { key: 'tell', type: 'action', name: '通知', effects: [{ type: 'notify', recipients: [{ source: 'initiator' }], template: '报价已审批，请尽快发给客户' }] },
      ],
    };
    expect((await t.http('POST', '/api/apps/note/flows', flow, a)).status).toBe(201);
  }, 60_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  it('keeps each user’s email settings, refusing what is not an address', async () => {
    expect((await t.http('GET', '/api/notifications/settings', undefined, as('legal'))).body).toEqual({ email: null, emailEnabled: true, emailConfigured: true });
    expect(await t.http('PUT', '/api/notifications/settings', { email: 'legal@example.com>\r\nBcc: x@y.z' }, as('legal'))).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await t.http('PUT', '/api/notifications/settings', { emailEnabled: 'yes' }, as('legal'))).toMatchObject({ status: 400 });
    expect((await t.http('PUT', '/api/notifications/settings', { email: 'legal@example.com' }, as('legal'))).body).toEqual({ email: 'legal@example.com', emailEnabled: true, emailConfigured: true });
    expect((await t.http('PUT', '/api/notifications/settings', { email: 'quiet@example.com', emailEnabled: false }, as('quiet'))).body).toMatchObject({ emailEnabled: false });
    expect((await t.http('PUT', '/api/notifications/settings', { email: 'sales@example.com' }, as('sales'))).status).toBe(200);
  });

  it('notifies cc recipients, reminds the approver, tells the initiator the outcome; emails those who want it', async () => {
    const q = await t.http('POST', quotes, { data: { title: 'Q-001 八五折' } }, as('sales'));
    const started = await t.http('POST', `${quotes}/${q.body.id}/flow`, { flowKey: 'with_cc' }, as('sales'));
    expect(started.status).toBe(201);

    // The cc node: both recipients have it in the app, unread.
    const legal = await notificationsOf('legal');
    expect(legal.unread).toBe(1);
    expect(legal.items).toEqual([expect.objectContaining({
      template: 'flow.cc', readAt: null,
      data: expect.objectContaining({ appKey: 'note', formKey: 'quote', recordId: q.body.id, instanceId: started.body.id, flowKey: 'with_cc', nodeKey: 'inform' }),
    })]);
    expect((await notificationsOf('quiet')).unread).toBe(1);
    // By email only to legal (quiet turned email off), once the step committed.
    const mail = await waitFor(async () => smtp.received.find((m) => m.to.includes('legal@example.com')), 'the cc email');
    expect(mail).toMatchObject({ from: 'approvals@example.com', subject: '一条审批抄送给你 / An approval was copied to you' });
    expect(mail.text).toContain(q.body.id);

    // The reminder (1 s after the task arrived) is a durable timer: the approver is notified.
    const reminded = await waitFor(async () => (await notificationsOf('boss')).items.find((n: any) => n.template === 'flow.remind'), 'the reminder');
    expect(reminded.data).toMatchObject({ nodeKey: 'boss', taskId: started.body.currentTasks[0].id });

    const done = await t.http('POST', `/api/tasks/${started.body.currentTasks[0].id}/actions`, { action: 'approve' }, as('boss'));
    expect(done.body.status).toBe('approved');
    const sales = await notificationsOf('sales');
    expect(sales.items.map((n: any) => n.template)).toEqual(['flow.approved', '报价已审批，请尽快发给客户']);
    const outcomeMails = await waitFor(async () => {
      const mine = smtp.received.filter((m) => m.to.includes('sales@example.com'));
      return mine.length === 2 ? mine : undefined;
    }, 'the initiator’s emails');
    expect(outcomeMails.map((m) => m.subject).sort()).toEqual(['你发起的审批已通过 / Your approval request was approved', '报价已审批，请尽快发给客户']);
    expect(smtp.received.filter((m) => m.to.includes('quiet@example.com'))).toEqual([]);
    // Each email once: the notifications are marked emailed.
    const [{ pending }] = await t.sql(`SELECT count(*)::int AS pending FROM notifications n JOIN notification_settings s USING (user_id) WHERE s.email_enabled AND n.emailed_at IS NULL`);
    expect(pending).toBe(0);
  }, 60_000);

  it('marks notifications read, one or all, only the user’s own', async () => {
    const sales = await notificationsOf('sales');
    expect(sales.unread).toBe(2);
    const [first, second] = sales.items;
    // Someone else's ids change nothing.
    expect((await t.http('POST', '/api/notifications/read', { ids: [first.id] }, as('legal'))).body).toEqual({ unread: 1 });
    expect((await t.http('POST', '/api/notifications/read', { ids: [first.id] }, as('sales'))).body).toEqual({ unread: 1 });
    expect((await notificationsOf('sales', '?unread=true')).items.map((n: any) => n.id)).toEqual([second.id]);
    expect((await t.http('POST', '/api/notifications/read', {}, as('sales'))).body).toEqual({ unread: 0 });
    expect((await notificationsOf('sales')).items.every((n: any) => n.readAt !== null)).toBe(true);
    const page = await notificationsOf('sales', '?limit=1');
    expect(page.items).toHaveLength(1);
    expect((await notificationsOf('sales', `?limit=1&after=${page.nextCursor}`)).items[0].id).toBe(second.id);
  });

  it('refuses bad input with 4xx', async () => {
    expect(await t.http('POST', '/api/notifications/read', { ids: ['nope'] }, as('sales'))).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await t.http('GET', '/api/notifications?after=nope', undefined, as('sales'))).toMatchObject({ status: 400 });
    expect(await t.http('GET', '/api/notifications?unread=maybe', undefined, as('sales'))).toMatchObject({ status: 400 });
    expect(await t.http('GET', '/api/notifications?limit=9999', undefined, as('sales'))).toMatchObject({ status: 400 });
    expect((await t.http('GET', '/api/notifications')).status).toBe(401);
  });
});
