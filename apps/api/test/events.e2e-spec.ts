import { startTestPlatform, type TestPlatform } from './harness';

/** Reads Server-Sent Events from a real HTTP stream into an array. */
async function openStream(baseUrl: string, token: string) {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/events`, { headers: { authorization: `Bearer ${token}` }, signal: controller.signal });
  const events: { event: string; data: any }[] = [];
  const reader = res.body!.getReader();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += Buffer.from(value).toString('utf8');
        let i;
        while ((i = buffer.indexOf('\n\n')) >= 0) {
          const chunk = buffer.slice(0, i);
          buffer = buffer.slice(i + 2);
          const event = /^event: (.*)$/m.exec(chunk)?.[1];
          const data = /^data: (.*)$/m.exec(chunk)?.[1];
          if (event && data) events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch { /* aborted */ }
  })();
  return { status: res.status, type: res.headers.get('content-type'), events, close: () => controller.abort() };
}

describe('live events over SSE', () => {
  let t: TestPlatform;
  afterAll(async () => t?.close());

  it('streams committed record changes to users who may read them, and only to them', async () => {
    t = await startTestPlatform();
    const admin = t.adminToken;
    await t.http('POST', '/api/apps', { key: 'ev', name: 'Events' }, admin);
    await t.http('POST', '/api/apps/ev/forms', { key: 'note', name: 'Note', fields: [{ key: 'text', type: 'text', label: 'Text' }] }, admin);
    const role = await t.http('POST', '/api/roles', { name: 'own notes' }, admin);
    await t.http('PUT', `/api/roles/${role.body.id}/grants`, [{ appKey: 'ev', formKey: 'note', actions: ['read', 'create', 'update'], scope: { type: 'own' } }], admin);
    await t.http('POST', '/api/users', { username: 'u1', name: 'U1', password: 'pass-u1', roleIds: [role.body.id] }, admin);
    const u1 = await t.login('u1', 'pass-u1');

    const adminStream = await openStream(t.baseUrl, admin);
    const userStream = await openStream(t.baseUrl, u1);
    expect(adminStream.status).toBe(200);
    expect(adminStream.type).toMatch(/text\/event-stream/);
    await new Promise((r) => setTimeout(r, 200));

    const adminNote = await t.http('POST', '/api/apps/ev/forms/note/records', { data: { text: 'admin only' } }, admin);
    const userNote = await t.http('POST', '/api/apps/ev/forms/note/records', { data: { text: 'mine' } }, u1);
    await t.http('PATCH', `/api/apps/ev/forms/note/records/${userNote.body.id}`, { data: { text: 'mine, edited' } }, u1);
    const ids = (s: typeof adminStream) => s.events.filter((e) => e.event === 'record.changed').map((e) => `${e.data.id}@${e.data.version}`);
    // Events arrive through the outbox relay shortly after commit.
    for (let i = 0; i < 100 && (ids(adminStream).length < 3 || ids(userStream).length < 2); i++) await new Promise((r) => setTimeout(r, 50));
    await new Promise((r) => setTimeout(r, 300)); // and nothing more arrives
    adminStream.close();
    userStream.close();

    expect(ids(adminStream)).toEqual([`${adminNote.body.id}@1`, `${userNote.body.id}@1`, `${userNote.body.id}@2`]);
    expect(ids(userStream)).toEqual([`${userNote.body.id}@1`, `${userNote.body.id}@2`]);
    expect(adminStream.events[0].data).toMatchObject({ appKey: 'ev', formKey: 'note' });
  });
});
