import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Drafts and publishing, through real HTTP against a real PostgreSQL: a draft app is invisible to users
 * until published; form drafts change no table and show nobody anything until published; publishing is
 * one transaction (a bad or stale draft publishes nothing); the app builder's navigation and icon wait
 * for the publish too.
 */
const visitor = {
  key: 'visitor',
  name: { 'zh-CN': '访客登记', 'en-US': 'Visitors' },
  fields: [
    { key: 'name', type: 'text', label: '姓名', required: true },
    { key: 'phone', type: 'phone', label: '电话' },
  ],
  settings: { titleField: 'name' },
};
const host = {
  key: 'host',
  name: '被访人',
  fields: [{ key: 'name', type: 'text', label: '姓名', required: true }],
};

describe('app drafts and publishing', () => {
  let t: TestPlatform;
  let admin: string;
  let guard: string;
  let roleId: string;
  const tableColumns = async (formKey: string) => {
    const [form] = await t.sql(`SELECT table_name FROM forms WHERE app_key = 'office' AND key = $1`, [formKey]);
    if (!form) return null;
    const rows = await t.sql(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'data' AND table_name = $1`, [form.table_name]);
    return rows.map((r: { column_name: string }) => r.column_name);
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    const created = await t.http('POST', '/api/apps', { key: 'office', name: { 'zh-CN': '行政', 'en-US': 'Office' }, published: false }, admin);
    expect(created.status).toBe(201);
    expect(created.body.published).toBe(false);
    roleId = (await t.http('POST', '/api/roles', { name: 'guard' }, admin)).body.id;
    expect((await t.http('POST', '/api/users', { username: 'guard', name: '门卫', password: 'pass-guard-1A', departmentIds: [], roleIds: [roleId] }, admin)).status).toBe(201);
    guard = await t.login('guard', 'pass-guard-1A');
  });
  afterAll(async () => t?.close());

  it('refuses a published flag that is not a boolean', async () => {
    const r = await t.http('POST', '/api/apps', { key: 'x1', name: 'x', published: 'no' }, admin);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.details.issues[0].path).toEqual(['published']);
  });

  it('keeps a new form as a draft: no table, invisible, then published with the app', async () => {
    const saved = await t.http('PUT', '/api/apps/office/forms/visitor/draft', visitor, admin);
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ key: 'visitor', baseVersion: null, issues: [] });
    expect(await tableColumns('visitor')).toBeNull();
    expect((await t.http('GET', '/api/apps/office/forms/visitor', undefined, admin)).status).toBe(404);
    expect((await t.http('GET', '/api/apps/office/forms/visitor/draft', undefined, admin)).body.definition.fields).toHaveLength(2);

    // A draft of a second form linking to the first: both are published together.
    const linked = { ...host, fields: [...host.fields, { key: 'visitor', type: 'relation', label: '访客', options: { targetForm: 'visitor' } }] };
    expect((await t.http('PUT', '/api/apps/office/forms/host/draft', linked, admin)).status).toBe(200);
    const drafts = await t.http('GET', '/api/apps/office/draft', undefined, admin);
    expect(drafts.body).toMatchObject({ published: false, app: null });
    expect(drafts.body.forms.map((f: { key: string; isNew: boolean }) => [f.key, f.isNew])).toEqual([['visitor', true], ['host', true]]);

    // Publishing the forms alone leaves the app a draft: the guard's role names its forms, but a draft app
    // is nobody's yet.
    const formsOnly = await t.http('POST', '/api/apps/office/publish', { forms: ['visitor', 'host'] }, admin);
    expect(formsOnly.body.forms.map((f: { key: string; version: number }) => [f.key, f.version])).toEqual([['visitor', 1], ['host', 1]]);
    expect(formsOnly.status).toBe(200);
    const grants = ['visitor', 'host'].map((formKey) => ({ appKey: 'office', formKey, actions: ['read', 'create'], scope: { type: 'all' } }));
    expect((await t.http('PUT', `/api/roles/${roleId}/grants`, grants, admin)).status).toBe(200);
    expect((await t.http('GET', '/api/apps', undefined, guard)).body.items).toEqual([]);
    expect((await t.http('GET', '/api/apps/office', undefined, guard)).status).toBe(404);
    expect((await t.http('GET', '/api/apps/office/forms/visitor', undefined, guard)).status).toBe(404);
    expect((await t.http('POST', '/api/apps/office/forms/visitor/records', { data: { name: '李四' } }, guard)).status).toBe(404);

    const published = await t.http('POST', '/api/apps/office/publish', {}, admin);
    expect(published.status).toBe(200);
    expect(published.body.app.published).toBe(true);
    expect(published.body.forms).toEqual([]);
    expect(await tableColumns('visitor')).toEqual(expect.arrayContaining(['name', 'phone']));
    expect((await t.http('GET', '/api/apps/office/draft', undefined, admin)).body.forms).toEqual([]);
    expect((await t.http('GET', '/api/apps', undefined, guard)).body.items.map((a: { key: string }) => a.key)).toEqual(['office']);
    const record = await t.http('POST', '/api/apps/office/forms/visitor/records', { data: { name: '张三' } }, guard);
    expect(record.status).toBe(201);
    const audit = await t.sql(`SELECT after FROM audit_log WHERE action = 'app.publish' ORDER BY at DESC LIMIT 1`);
    expect(audit[0].after).toEqual({ forms: [], app: false, firstPublish: true });
    const formsAudit = await t.sql(`SELECT after FROM audit_log WHERE action = 'app.publish' ORDER BY at LIMIT 1`);
    expect(formsAudit[0].after).toEqual({ forms: ['visitor', 'host'], app: false, firstPublish: false });
  });

  it('keeps a changed form as a draft until it is published; users see the published version meanwhile', async () => {
    const draft = { ...visitor, version: 1, fields: [...visitor.fields, { key: 'company', type: 'text', label: '单位' }] };
    const saved = await t.http('PUT', '/api/apps/office/forms/visitor/draft', draft, admin);
    expect(saved.status).toBe(200);
    expect(saved.body.baseVersion).toBe(1);
    expect(await tableColumns('visitor')).not.toContain('company');
    const seen = await t.http('GET', '/api/apps/office/forms/visitor', undefined, guard);
    expect(seen.body.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'phone']);
    expect((await t.http('GET', '/api/apps/office/forms/visitor/draft', undefined, guard)).status).toBe(403);

    const one = await t.http('POST', '/api/apps/office/forms/visitor/publish', undefined, admin);
    expect(one.status).toBe(200);
    expect(one.body.forms[0].version).toBe(2);
    expect(await tableColumns('visitor')).toContain('company');
    expect((await t.http('GET', '/api/apps/office/forms/visitor', undefined, guard)).body.fields.map((f: { key: string }) => f.key)).toEqual(['name', 'phone', 'company']);
    expect((await t.http('POST', '/api/apps/office/forms/visitor/publish', undefined, admin)).status).toBe(404);
  });

  it('refuses a stale draft and a draft a save would refuse, publishing nothing', async () => {
    expect((await t.http('PUT', '/api/apps/office/forms/host/draft', { ...host, version: 1, fields: [...host.fields, { key: 'floor', type: 'number', label: '楼层' }] }, admin)).status).toBe(200);
    expect((await t.http('PUT', '/api/apps/office/forms/visitor/draft', { ...visitor, version: 2, fields: [...visitor.fields, { key: 'note', type: 'text', label: '备注' }] }, admin)).status).toBe(200);
    // Someone saves the visitor form directly meanwhile.
    expect((await t.http('PATCH', '/api/apps/office/forms/visitor', { version: 2, name: '访客' }, admin)).status).toBe(200);
    const drafts = await t.http('GET', '/api/apps/office/draft', undefined, admin);
    expect(drafts.body.forms.find((f: { key: string }) => f.key === 'visitor')).toMatchObject({ stale: true, baseVersion: 2, version: 3 });
    const stale = await t.http('POST', '/api/apps/office/publish', {}, admin);
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'DRAFT_STALE', details: { form: 'visitor', version: 3, baseVersion: 2 } });
    expect(await tableColumns('host')).not.toContain('floor');
    expect((await t.http('GET', '/api/apps/office/draft', undefined, admin)).body.forms).toHaveLength(2);

    // A draft with an unknown field type is stored (the designer's work is kept) but cannot be published.
    const bad = await t.http('PUT', '/api/apps/office/forms/visitor/draft', { ...visitor, version: 3, fields: [{ key: 'x', type: 'nope', label: 'x' }] }, admin);
    expect(bad.status).toBe(200);
    expect(bad.body.issues.length).toBeGreaterThan(0);
    const refused = await t.http('POST', '/api/apps/office/publish', {}, admin);
    expect(refused.status).toBe(400);
    expect(refused.body.details.form).toBe('visitor');
    expect(await tableColumns('host')).not.toContain('floor');
    expect((await t.http('DELETE', '/api/apps/office/forms/visitor/draft', undefined, admin)).status).toBe(204);
    expect((await t.http('DELETE', '/api/apps/office/forms/visitor/draft', undefined, admin)).status).toBe(404);
    expect((await t.http('POST', '/api/apps/office/publish', { forms: ['host'] }, admin)).status).toBe(200);
    expect(await tableColumns('host')).toContain('floor');
  });

  it('holds the navigation, name and icon back until published, and refuses bad ones', async () => {
    const navigation = [{ type: 'group', label: { 'zh-CN': '前台', 'en-US': 'Front desk' }, icon: '🛎', children: [{ type: 'form', formKey: 'visitor' }] }];
    const saved = await t.http('PUT', '/api/apps/office/draft', { navigation, icon: '🏢' }, admin);
    expect(saved.status).toBe(200);
    expect(saved.body.app).toMatchObject({ icon: '🏢', navigation, name: { 'zh-CN': '行政', 'en-US': 'Office' } });
    expect((await t.http('GET', '/api/apps/office', undefined, guard)).body).toMatchObject({ icon: null, navigation: [] });

    const bad = await t.http('PUT', '/api/apps/office/draft', { navigation: [{ type: 'shelf' }], key: 'other' }, admin);
    expect(bad.status).toBe(400);
    expect(bad.body.details.issues.map((i: { path: unknown[] }) => i.path[0])).toEqual(expect.arrayContaining(['navigation', 'key']));
    expect((await t.http('PUT', '/api/apps/office/draft', { icon: '🏬' }, guard)).status).toBe(403);
    expect((await t.http('POST', '/api/apps/office/publish', {}, guard)).status).toBe(403);
    expect((await t.http('POST', '/api/apps/office/publish', { forms: 'host' }, admin)).status).toBe(400);

    // A new form published while the builder's navigation waits joins that navigation.
    expect((await t.http('PUT', '/api/apps/office/forms/badge/draft', { key: 'badge', name: '访客证', fields: [{ key: 'no', type: 'text', label: '编号' }] }, admin)).status).toBe(200);
    expect((await t.http('POST', '/api/apps/office/forms/badge/publish', undefined, admin)).status).toBe(200);
    expect((await t.http('GET', '/api/apps/office/draft', undefined, admin)).body.app.navigation).toEqual([...navigation, { type: 'form', formKey: 'badge' }]);

    const published = await t.http('POST', '/api/apps/office/publish', undefined, admin);
    expect(published.status).toBe(200);
    const seen = await t.http('GET', '/api/apps/office', undefined, guard);
    expect(seen.body).toMatchObject({ icon: '🏢', navigation: [navigation[0]] });
    expect((await t.http('GET', '/api/apps/office/draft', undefined, admin)).body.app).toBeNull();

    expect((await t.http('PUT', '/api/apps/office/draft', { icon: '🏬' }, admin)).status).toBe(200);
    expect((await t.http('PUT', '/api/apps/nowhere/draft', { icon: '🏬' }, admin)).status).toBe(404);
    expect((await t.http('DELETE', '/api/apps/office/draft', undefined, admin)).status).toBe(204);
    expect((await t.http('GET', '/api/apps/office/draft', undefined, admin)).body.app).toBeNull();
  });

  it('builds the index of a field added by a publish once the transaction has committed', async () => {
    // A field with an index (a number) added through a publish: the index build used to wait for ever
    // on the publishing transaction's lock when run inside it.
    const { access: _access, ...current } = (await t.http('GET', '/api/apps/office/forms/host', undefined, admin)).body;
    const fields = [...current.fields, { key: 'rooms', type: 'number', label: '房间数' }];
    expect((await t.http('PUT', '/api/apps/office/forms/host/draft', { ...current, version: current.version, fields }, admin)).status).toBe(200);
    expect((await t.http('POST', '/api/apps/office/publish', {}, admin)).status).toBe(200);
    const [form] = await t.sql(`SELECT table_name FROM forms WHERE app_key = 'office' AND key = 'host'`);
    const indexes = await t.sql(`SELECT indexname FROM pg_indexes WHERE schemaname = 'data' AND tablename = $1`, [form.table_name]);
    expect(indexes.map((i: { indexname: string }) => i.indexname)).toContain(`${form.table_name}_rooms_idx`);
  });

  it('discards every draft of the app at once, for administrators only, leaving the published forms as they are', async () => {
    const published = async (formKey: string) => {
      const { access: _access, ...form } = (await t.http('GET', `/api/apps/office/forms/${formKey}`, undefined, admin)).body;
      return form;
    };
    const [visitorBefore, hostBefore] = [await published('visitor'), await published('host')];
    expect((await t.http('PUT', '/api/apps/office/draft', { icon: '🏬' }, admin)).status).toBe(200);
    const changed = { ...visitorBefore, fields: [...visitorBefore.fields, { key: 'plate', type: 'text', label: '车牌' }] };
    expect((await t.http('PUT', '/api/apps/office/forms/visitor/draft', changed, admin)).status).toBe(200);
    expect((await t.http('PUT', '/api/apps/office/forms/parcel/draft', { key: 'parcel', name: '快递', fields: [{ key: 'no', type: 'text', label: '单号' }] }, admin)).status).toBe(200);
    const waiting = (await t.http('GET', '/api/apps/office/draft', undefined, admin)).body;
    expect(waiting.app).not.toBeNull();
    expect(waiting.forms).toHaveLength(2);

    expect((await t.http('DELETE', '/api/apps/office/drafts', undefined, guard)).status).toBe(403);
    expect((await t.http('DELETE', '/api/apps/nowhere/drafts', undefined, admin)).status).toBe(404);
    expect((await t.http('GET', '/api/apps/office/draft', undefined, admin)).body.forms).toHaveLength(2);

    // Audited as the single discards are: one entry for the app's changes and one per form draft.
    const discards = async () => Object.fromEntries((await t.sql(
      `SELECT concat_ws(':', action, form_key) AS entry, count(*)::int AS n FROM audit_log
        WHERE app_key = 'office' AND action IN ('app.draft.discard', 'form.draft.discard') GROUP BY 1`,
    )).map((r: { entry: string; n: number }) => [r.entry, r.n]));
    const auditBefore = await discards();
    const count = (counts: Record<string, number>, entry: string) => counts[entry] ?? 0;
    const discarded = await t.http('DELETE', '/api/apps/office/drafts', undefined, admin);
    expect(discarded.status).toBe(200);
    expect(discarded.body).toEqual({ app: true, forms: ['parcel', 'visitor'] });
    expect((await t.http('GET', '/api/apps/office/draft', undefined, admin)).body).toMatchObject({ app: null, forms: [] });
    expect(await published('visitor')).toEqual(visitorBefore);
    expect(await published('host')).toEqual(hostBefore);
    expect((await t.http('GET', '/api/apps/office/forms/parcel', undefined, admin)).status).toBe(404);
    expect((await t.http('GET', '/api/apps/office', undefined, admin)).body.icon).toBe('🏢');
    const auditAfter = await discards();
    for (const entry of ['app.draft.discard', 'form.draft.discard:parcel', 'form.draft.discard:visitor']) {
      expect([entry, count(auditAfter, entry)]).toEqual([entry, count(auditBefore, entry) + 1]);
    }

    // Nothing left: a second discard removes nothing and writes nothing.
    expect((await t.http('DELETE', '/api/apps/office/drafts', undefined, admin)).body).toEqual({ app: false, forms: [] });
    expect(await discards()).toEqual(auditAfter);
  });

  it('deleting a published form deletes its draft too: it does not come back as a new form at the next publish', async () => {
    const form = { key: 'locker', name: '储物柜', fields: [{ key: 'no', type: 'text', label: '编号' }] };
    const made = await t.http('POST', '/api/apps/office/forms', form, admin);
    expect(made.status).toBe(201);
    const draft = { ...form, version: 1, fields: [...form.fields, { key: 'holder', type: 'text', label: '持有人' }] };
    expect((await t.http('PUT', '/api/apps/office/forms/locker/draft', draft, admin)).status).toBe(200);
    expect((await t.sql(`SELECT count(*)::int AS n FROM form_drafts WHERE app_key = 'office' AND form_key = 'locker'`))[0].n).toBe(1);
    expect((await t.http('DELETE', '/api/apps/office/forms/locker', undefined, admin)).status).toBe(204);
    expect((await t.sql(`SELECT count(*)::int AS n FROM form_drafts WHERE app_key = 'office' AND form_key = 'locker'`))[0].n).toBe(0);
    expect((await t.http('GET', '/api/apps/office/draft', undefined, admin)).body.forms.map((f: { key: string }) => f.key)).not.toContain('locker');
  });
});
