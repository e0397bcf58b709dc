import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Comments on records over real HTTP and PostgreSQL: who may read and write them (the record's read
 * scope, the author, administrators), paging, soft deletion, validation, the audit trail, mention
 * notifications (only to users who may read the record) and the live event that makes pages refetch.
 */
describe('record comments', () => {
  let t: TestPlatform;
  const u: Record<string, { id: string; token: string }> = {};
  const tickets = '/api/apps/desk/forms/ticket/records';
  let shared: string; // a ticket admin created: ann, bob and carl read it, olga (own records only) does not
  let olgasOwn: string;
  const comments = (recordId: string) => `${tickets}/${recordId}/comments`;
  const as = (name: string) => (name === 'admin' ? t.adminToken : u[name].token);
  const notificationsOf = async (name: string) => (await t.http('GET', '/api/notifications', undefined, as(name))).body;
  const auditOf = async (recordId: string) =>
    (await t.http('GET', `/api/audit?appKey=desk&formKey=ticket&recordId=${recordId}`, undefined, t.adminToken)).body.items as any[];

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = t.adminToken;
    await t.http('POST', '/api/apps', { key: 'desk', name: 'Help desk' }, a);
    await t.http('POST', '/api/apps/desk/forms', { key: 'ticket', name: '工单', fields: [{ key: 'title', type: 'text', label: '标题', required: true }] }, a);
    const everyone = await t.http('POST', '/api/roles', { name: 'all tickets' }, a);
    await t.http('PUT', `/api/roles/${everyone.body.id}/grants`, [{ appKey: 'desk', formKey: 'ticket', actions: ['read', 'create', 'update'], scope: { type: 'all' } }], a);
    const own = await t.http('POST', '/api/roles', { name: 'own tickets' }, a);
    await t.http('PUT', `/api/roles/${own.body.id}/grants`, [{ appKey: 'desk', formKey: 'ticket', actions: ['read', 'create'], scope: { type: 'own' } }], a);
    for (const [name, role] of [['ann', everyone], ['bob', everyone], ['carl', everyone], ['olga', own]] as const) {
      const r = await t.http('POST', '/api/users', { username: name, name: name.toUpperCase(), password: 'pass-' + name, roleIds: [role.body.id] }, a);
      u[name] = { id: r.body.id, token: await t.login(name, 'pass-' + name) };
    }
    u.admin = { id: (await t.http('GET', '/api/auth/me', undefined, a)).body.id, token: a };
    shared = (await t.http('POST', tickets, { data: { title: '打印机坏了' } }, a)).body.id;
    olgasOwn = (await t.http('POST', tickets, { data: { title: 'Olga’s ticket' } }, as('olga'))).body.id;
  }, 60_000);
  afterAll(async () => t?.close());

  it('adds comments and lists them oldest first, a page at a time', async () => {
    const posted = [];
    for (const [name, body] of [['ann', '先重启一下'], ['bob', '重启过了，还是不行'], ['ann', 'I will order a new one']]) {
      const r = await t.http('POST', comments(shared), { body }, as(name));
      expect(r.status).toBe(201);
      expect(r.body).toEqual({ id: expect.any(String), recordId: shared, authorId: u[name].id, body, mentions: [], createdAt: expect.any(String), editedAt: null, deletedAt: null });
      posted.push(r.body);
    }
    const first = await t.http('GET', `${comments(shared)}?limit=2`, undefined, as('carl'));
    expect(first.status).toBe(200);
    expect(first.body.items.map((c: any) => c.body)).toEqual(['先重启一下', '重启过了，还是不行']);
    expect(first.body.nextCursor).toBe(posted[1].id);
    const second = await t.http('GET', `${comments(shared)}?limit=2&after=${first.body.nextCursor}`, undefined, as('carl'));
    expect(second.body).toEqual({ items: [posted[2]], nextCursor: null });
    const all = await t.http('GET', comments(shared), undefined, as('admin'));
    expect(all.body.items.map((c: any) => c.id)).toEqual(posted.map((c) => c.id));
    // Another record's list is its own.
    expect((await t.http('GET', comments(olgasOwn), undefined, as('olga'))).body).toEqual({ items: [], nextCursor: null });

    // Each write is on the record's audit trail.
    const created = (await auditOf(shared)).filter((e) => e.action === 'comment.create');
    expect(created).toHaveLength(3);
    expect(created[0]).toMatchObject({ actorId: u.ann.id, target: { type: 'record', appKey: 'desk', formKey: 'ticket', id: shared }, after: { commentId: posted[2].id, commentText: 'I will order a new one' } });
  });

  it('lets only the author edit, and the author or an administrator delete', async () => {
    const mine = (await t.http('POST', comments(shared), { body: '型号是 HP 1020' }, as('ann'))).body;
    for (const name of ['bob', 'admin']) {
      expect(await t.http('PATCH', `${comments(shared)}/${mine.id}`, { body: 'hijacked' }, as(name))).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    }
    const edited = await t.http('PATCH', `${comments(shared)}/${mine.id}`, { body: '型号是 HP LaserJet 1020' }, as('ann'));
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: mine.id, body: '型号是 HP LaserJet 1020', createdAt: mine.createdAt, editedAt: expect.any(String), deletedAt: null });
    const [update] = (await auditOf(shared)).filter((e) => e.action === 'comment.update');
    expect(update).toMatchObject({ actorId: u.ann.id, before: { commentText: '型号是 HP 1020' }, after: { commentText: '型号是 HP LaserJet 1020' } });

    expect(await t.http('DELETE', `${comments(shared)}/${mine.id}`, undefined, as('bob'))).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    expect((await t.http('DELETE', `${comments(shared)}/${mine.id}`, undefined, as('admin'))).status).toBe(204);
    const listed = (await t.http('GET', comments(shared), undefined, as('bob'))).body.items.find((c: any) => c.id === mine.id);
    expect(listed).toMatchObject({ body: null, mentions: [], deletedAt: expect.any(String), authorId: u.ann.id });
    // A deleted comment can be neither edited nor deleted again.
    expect(await t.http('PATCH', `${comments(shared)}/${mine.id}`, { body: 'back' }, as('ann'))).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    expect((await t.http('DELETE', `${comments(shared)}/${mine.id}`, undefined, as('admin'))).status).toBe(404);
    const [deletion] = (await auditOf(shared)).filter((e) => e.action === 'comment.delete');
    expect(deletion).toMatchObject({ actorId: u.admin.id, before: { commentId: mine.id, commentText: '型号是 HP LaserJet 1020' } });

    // The author deletes their own.
    const own = (await t.http('POST', comments(shared), { body: 'typo' }, as('bob'))).body;
    expect((await t.http('DELETE', `${comments(shared)}/${own.id}`, undefined, as('bob'))).status).toBe(204);
  });

  it('answers 404 exactly as for the record when the record is out of the user’s scope', async () => {
    const recordAnswer = await t.http('GET', `${tickets}/${shared}`, undefined, as('olga'));
    expect(recordAnswer.status).toBe(404);
    const anyComment = (await t.http('GET', comments(shared), undefined, as('ann'))).body.items[0].id;
    const attempts = [
      await t.http('GET', comments(shared), undefined, as('olga')),
      await t.http('POST', comments(shared), { body: 'let me in' }, as('olga')),
      await t.http('PATCH', `${comments(shared)}/${anyComment}`, { body: 'x' }, as('olga')),
      await t.http('DELETE', `${comments(shared)}/${anyComment}`, undefined, as('olga')),
    ];
    for (const answer of attempts) expect({ status: answer.status, body: answer.body }).toEqual({ status: 404, body: recordAnswer.body });
    // Her own record she comments on; a malformed or unknown record id is 404 too.
    expect((await t.http('POST', comments(olgasOwn), { body: 'mine' }, as('olga'))).status).toBe(201);
    expect((await t.http('GET', comments('not-a-uuid'), undefined, as('ann'))).status).toBe(404);
    expect((await t.http('GET', `${tickets}/${olgasOwn}/comments/not-a-uuid`, undefined, as('ann'))).status).toBe(404);
    // A record in the trash has no comments to show.
    const doomed = (await t.http('POST', tickets, { data: { title: 'doomed' } }, t.adminToken)).body.id;
    expect((await t.http('DELETE', `${tickets}/${doomed}`, undefined, t.adminToken)).status).toBe(204);
    expect((await t.http('GET', comments(doomed), undefined, t.adminToken)).status).toBe(404);
    // No comment was written by the refused calls.
    const [{ n }] = await t.sql(`SELECT count(*)::int AS n FROM record_comments WHERE author_id = $1`, [u.olga.id]);
    expect(n).toBe(1);
  });

  it('notifies mentioned users who may read the record, and skips the others', async () => {
    const before = { bob: (await notificationsOf('bob')).unread, olga: (await notificationsOf('olga')).unread, ann: (await notificationsOf('ann')).unread };
    const r = await t.http('POST', comments(shared), { body: '@BOB @OLGA 请看一下', mentions: [u.bob.id, u.olga.id, u.bob.id, u.ann.id] }, as('ann'));
    expect(r.status).toBe(201);
    expect(r.body.mentions.sort()).toEqual([u.ann.id, u.bob.id, u.olga.id].sort());
    const bob = await notificationsOf('bob');
    expect(bob.unread).toBe(before.bob + 1);
    expect(bob.items[0]).toMatchObject({
      template: 'comment.mention', readAt: null,
      data: { appKey: 'desk', formKey: 'ticket', recordId: shared, commentId: r.body.id, authorId: u.ann.id },
    });
    // olga cannot read the ticket: nothing reaches her; the author is not told of her own mention.
    expect((await notificationsOf('olga')).unread).toBe(before.olga);
    expect((await notificationsOf('ann')).unread).toBe(before.ann);

    // An edit notifies only the users it adds.
    const edited = await t.http('PATCH', `${comments(shared)}/${r.body.id}`, { body: '@BOB @CARL 请看一下', mentions: [u.bob.id, u.carl.id] }, as('ann'));
    expect(edited.status).toBe(200);
    expect((await notificationsOf('bob')).unread).toBe(before.bob + 1);
    const carl = await notificationsOf('carl');
    expect(carl.items.filter((n: any) => n.template === 'comment.mention').map((n: any) => n.data.commentId)).toEqual([r.body.id]);
  });

  it('tells open pages through the live events stream', async () => {
    const controller = new AbortController();
    const res = await fetch(`${t.baseUrl}/api/events`, { headers: { authorization: `Bearer ${as('carl')}` }, signal: controller.signal });
    const reader = res.body!.getReader();
    let received = '';
    const reading = (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          received += Buffer.from(value).toString('utf8');
        }
      } catch { /* aborted */ }
    })();
    await new Promise((r) => setTimeout(r, 200));
    expect((await t.http('POST', comments(shared), { body: 'live?' }, as('ann'))).status).toBe(201);
    for (let i = 0; i < 60 && !received.includes(shared); i++) await new Promise((r) => setTimeout(r, 50));
    controller.abort();
    await reading;
    expect(received).toContain('event: record.changed');
    expect(received).toContain(`"id":"${shared}"`);
  });

  it('refuses bad input with 400 and a code, writing nothing', async () => {
    const [{ n: countBefore }] = await t.sql(`SELECT count(*)::int AS n FROM record_comments`);
    const issue = async (body: unknown) => {
      const r = await t.http('POST', comments(shared), body, as('ann'));
      expect(r.status).toBe(400);
      return { code: r.body.code, issues: r.body.details?.issues?.map((i: any) => `${i.path.join('.')}:${i.code}`) };
    };
    expect(await issue({})).toEqual({ code: 'VALIDATION_FAILED', issues: ['body:required'] });
    expect(await issue({ body: '   \n ' })).toEqual({ code: 'VALIDATION_FAILED', issues: ['body:required'] });
    expect(await issue({ body: 42 })).toEqual({ code: 'VALIDATION_FAILED', issues: ['body:invalid_type'] });
    expect(await issue({ body: '字'.repeat(5001) })).toEqual({ code: 'VALIDATION_FAILED', issues: ['body:too_long'] });
    expect(await issue({ body: 'hi', mentions: ['0190a7a0-0000-7000-8000-000000000000'] })).toEqual({ code: 'VALIDATION_FAILED', issues: ['mentions:invalid_value'] });
    expect(await issue({ body: 'hi', mentions: ['nope'] })).toEqual({ code: 'VALIDATION_FAILED', issues: ['mentions.0:invalid_value'] });
    expect(await issue({ body: 'hi', mentions: 'bob' })).toEqual({ code: 'VALIDATION_FAILED', issues: ['mentions:invalid_type'] });
    expect(await issue({ body: 'hi', html: '<b>' })).toEqual({ code: 'VALIDATION_FAILED', issues: ['html:unknown_property'] });
    expect(await issue([])).toMatchObject({ code: 'VALIDATION_FAILED' });
    const mine = (await t.http('GET', comments(shared), undefined, as('ann'))).body.items.find((c: any) => c.authorId === u.ann.id && !c.deletedAt);
    expect(await t.http('PATCH', `${comments(shared)}/${mine.id}`, { body: '' }, as('ann'))).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect(await t.http('GET', `${comments(shared)}?after=nope`, undefined, as('ann'))).toMatchObject({ status: 400, body: { code: 'INVALID_CURSOR' } });
    expect(await t.http('GET', `${comments(shared)}?limit=501`, undefined, as('ann'))).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    expect((await t.http('GET', comments(shared))).status).toBe(401);
    const [{ n: countAfter }] = await t.sql(`SELECT count(*)::int AS n FROM record_comments`);
    expect(countAfter).toBe(countBefore);
    // Exactly 5,000 characters is allowed, and text that looks like SQL or HTML is stored as sent.
    const long = await t.http('POST', comments(shared), { body: '字'.repeat(4992) + "'); DROP" }, as('ann'));
    expect(long.status).toBe(201);
    expect(long.body.body).toBe('字'.repeat(4992) + "'); DROP");
  });

  it('deletes the comments of a deleted form’s records, and the notifications about them, with the form, and of every form with its app', async () => {
    const a = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'scrap', name: 'Scrap' }, a)).status).toBe(201);
    for (const key of ['note', 'memo']) {
      expect((await t.http('POST', '/api/apps/scrap/forms', { key, name: key, fields: [{ key: 'title', type: 'text', label: '标题' }] }, a)).status).toBe(201);
    }
    const commentOn = async (formKey: string, body: string) => {
      const record = (await t.http('POST', `/api/apps/scrap/forms/${formKey}/records`, { data: { title: body } }, a)).body.id;
      const r = await t.http('POST', `/api/apps/scrap/forms/${formKey}/records/${record}/comments`, { body }, a);
      expect(r.status).toBe(201);
      return { record, comment: r.body.id };
    };
    const note = await commentOn('note', '要删掉的表单上的评论');
    const deleted = await commentOn('note', '已删除的评论也要清掉');
    expect((await t.http('DELETE', `/api/apps/scrap/forms/note/records/${deleted.record}/comments/${deleted.comment}`, undefined, a)).status).toBe(204);
    const memo = await commentOn('memo', '留下的表单上的评论');
    // Straight from the table: the API lists no comments of a record that no longer exists.
    const idsOf = async (formKey?: string) => (await t.sql(
      `SELECT id FROM record_comments WHERE app_key = 'scrap' AND ($1::text IS NULL OR form_key = $1)`, [formKey ?? null])).map((r) => r.id).sort();
    expect(await idsOf('note')).toEqual([note.comment, deleted.comment].sort());

    // A mention of the admin on each form's record (as the comment service writes one), and one of
    // another app's record: the deleted form's goes with it, the others stay.
    const adminId = (await t.sql(`SELECT id FROM users WHERE username = 'admin'`))[0].id;
    const mention = async (appKey: string, formKey: string, recordId: string) => (await t.sql(
      `INSERT INTO notifications (id, user_id, at, template, data) VALUES (gen_random_uuid(), $1, now(), 'comment.mentioned', $2) RETURNING id`,
      [adminId, JSON.stringify({ appKey, formKey, recordId, commentId: note.comment, authorId: adminId })]))[0].id;
    const notes = { note: await mention('scrap', 'note', note.record), memo: await mention('scrap', 'memo', memo.record), other: await mention('elsewhere', 'note', note.record) };
    const listed = async () => (await t.http('GET', '/api/notifications?limit=100', undefined, a)).body.items.map((n: any) => n.id);
    expect(await listed()).toEqual(expect.arrayContaining(Object.values(notes)));

    expect((await t.http('DELETE', '/api/apps/scrap/forms/note', undefined, a)).status).toBe(204);
    expect(await idsOf()).toEqual([memo.comment]);
    expect(await listed()).not.toContain(notes.note);
    expect(await listed()).toEqual(expect.arrayContaining([notes.memo, notes.other]));
    // Comments of other apps' forms are untouched.
    expect((await t.http('GET', comments(shared), undefined, as('ann'))).body.items.length).toBeGreaterThan(0);

    expect((await t.http('DELETE', '/api/apps/scrap', undefined, a)).status).toBe(204);
    expect(await idsOf()).toEqual([]);
    expect(await listed()).not.toContain(notes.memo);
    expect(await listed()).toContain(notes.other);
  });
});
