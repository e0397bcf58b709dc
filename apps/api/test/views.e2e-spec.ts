import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Saved views (personal and shared) and bulk edit / bulk delete, through real HTTP against a real
 * PostgreSQL: who may save, share, change and delete a view, how its field names are checked, what the
 * audit trail says, and how a bulk call reports the records it could not change.
 */
const form = {
  key: 'deal',
  name: { 'zh-CN': '交易', 'en-US': 'Deal' },
  fields: [
    { key: 'title', type: 'text', label: '标题', required: true },
    { key: 'amount', type: 'money', label: '金额' },
    { key: 'close_on', type: 'date', label: '预计成交' },
    { key: 'met_at', type: 'datetime', label: '拜访时间' },
    { key: 'stage', type: 'select', label: '阶段', options: { options: [{ key: 'qualify', label: '需求' }, { key: 'proposal', label: '方案' }, { key: 'won', label: '赢单' }] } },
    { key: 'level', type: 'radio', label: '级别', options: { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] } },
    { key: 'secret', type: 'text', label: '机密' },
    { key: 'note', type: 'text', label: '备注' },
  ],
  settings: { titleField: 'title', stageGates: { field: 'stage', requirements: { proposal: ['amount', 'close_on'] } } },
};
const base = '/api/apps/sales/forms/deal';

describe('saved views and bulk actions', () => {
  let t: TestPlatform;
  let admin: string;
  const token: Record<string, string> = {};
  const userId: Record<string, string> = {};

  const role = async (name: string, actions: string[], scope: string, fields?: unknown) => {
    const r = await t.http('POST', '/api/roles', { name }, admin);
    const grants = [{ appKey: 'sales', formKey: 'deal', actions, scope: { type: scope }, ...(fields ? { fields } : {}) }];
    expect((await t.http('PUT', `/api/roles/${r.body.id}/grants`, grants, admin)).status).toBe(200);
    return r.body.id as string;
  };
  const user = async (name: string, roleIds: string[]) => {
    const u = await t.http('POST', '/api/users', { username: name, name, password: `pass-${name}-1A`, departmentIds: [], roleIds }, admin);
    expect(u.status).toBe(201);
    userId[name] = u.body.id;
    token[name] = await t.login(name, `pass-${name}-1A`);
  };
  const audits = async (action: string) => (await t.sql(`SELECT count(*)::int AS n FROM audit_log WHERE action = $1`, [action]))[0].n as number;

  beforeAll(async () => {
    t = await startTestPlatform();
    admin = t.adminToken;
    expect((await t.http('POST', '/api/apps', { key: 'sales', name: '销售' }, admin)).status).toBe(201);
    expect((await t.http('POST', '/api/apps/sales/forms', form, admin)).status).toBe(201);
    const visibleButSecret = { visible: ['title', 'amount', 'close_on', 'met_at', 'stage', 'level', 'note'], editable: ['title', 'amount', 'close_on', 'stage', 'level'] };
    await user('rep', [await role('rep', ['read', 'create', 'update', 'delete'], 'own', visibleButSecret)]);
    await user('rep2', [await role('rep2', ['read', 'create', 'update'], 'own', visibleButSecret)]);
    await user('designer', [await role('designer', ['read', 'update', 'manage'], 'all')]);
    await user('outsider', []);
  });
  afterAll(async () => t?.close());

  describe('views', () => {
    it('lets a reader save a personal view that only they see', async () => {
      const before = await audits('view.create');
      const r = await t.http('POST', `${base}/views`, {
        name: '我的看板', type: 'kanban', groupField: 'stage', columns: ['title', 'amount', 'ownerId'], sort: [{ field: 'amount', dir: 'desc' }],
        filter: { in: [{ var: 'stage' }, ['qualify', 'proposal']] },
      }, token.rep);
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ key: expect.stringMatching(/^v_[0-9a-f]{12}$/), formKey: 'deal', type: 'kanban', personal: true, ownerId: userId.rep, editable: true });
      expect(await audits('view.create')).toBe(before + 1);
      const [entry] = await t.sql(`SELECT target_type, app_key, form_key, target_id, actor_id FROM audit_log WHERE action = 'view.create' ORDER BY at DESC LIMIT 1`);
      expect(entry).toEqual({ target_type: 'form', app_key: 'sales', form_key: 'deal', target_id: r.body.id, actor_id: userId.rep });

      const mine = await t.http('GET', `${base}/views`, undefined, token.rep);
      expect(mine.body.items.map((v: any) => v.key)).toContain(r.body.key);
      const theirs = await t.http('GET', `${base}/views`, undefined, token.designer);
      expect(theirs.body.items.map((v: any) => v.key)).not.toContain(r.body.key);
      for (const [method, body] of [['GET', undefined], ['PATCH', { name: 'x' }], ['DELETE', undefined]] as const) {
        expect((await t.http(method, `${base}/views/${r.body.key}`, body, token.designer)).status).toBe(404);
      }
      expect((await t.http('GET', `${base}/views/${r.body.key}`, undefined, token.rep)).body.name).toBe('我的看板');
    });

    it('shares a view only for those who manage the form, and lets only them change it', async () => {
      const refused = await t.http('POST', `${base}/views`, { key: 'team_board', name: 'Team', type: 'table', personal: false }, token.rep);
      expect(refused).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });

      const shared = await t.http('POST', `${base}/views`, {
        key: 'team_board', name: { 'zh-CN': '团队', 'en-US': 'Team' }, type: 'table', personal: false,
        columns: ['title', 'stage', 'amount'], columnWidths: { title: 260, amount: 120 }, frozenColumns: 1, groupField: 'stage',
      }, token.designer);
      expect(shared.status).toBe(201);
      expect(shared.body).toMatchObject({ personal: false, ownerId: null, editable: true, columnWidths: { title: 260, amount: 120 }, frozenColumns: 1, groupField: 'stage' });

      const seen = (await t.http('GET', `${base}/views`, undefined, token.rep)).body.items.find((v: any) => v.key === 'team_board');
      expect(seen).toMatchObject({ personal: false, editable: false });
      expect((await t.http('PATCH', `${base}/views/team_board`, { name: 'Mine now' }, token.rep))).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      expect((await t.http('DELETE', `${base}/views/team_board`, undefined, token.rep)).status).toBe(403);

      const before = await audits('view.update');
      // The answer sent back as it came (id, editable, ...) is accepted; null clears a property.
      const changed = await t.http('PATCH', `${base}/views/team_board`, { ...shared.body, name: '团队视图', frozenColumns: null }, token.designer);
      expect(changed.status).toBe(200);
      expect(changed.body.name).toBe('团队视图');
      expect(changed.body).not.toHaveProperty('frozenColumns');
      expect(await audits('view.update')).toBe(before + 1);
      const [entry] = await t.sql(`SELECT before, after FROM audit_log WHERE action = 'view.update' ORDER BY at DESC LIMIT 1`);
      expect(entry.before).toMatchObject({ frozenColumns: 1, personal: false });
      expect(entry.after).toMatchObject({ name: '团队视图', personal: false });
    });

    it('turns a personal view into a shared one only for a designer', async () => {
      const mine = await t.http('POST', `${base}/views`, { name: 'Draft', type: 'cards' }, token.rep);
      expect((await t.http('PATCH', `${base}/views/${mine.body.key}`, { personal: false }, token.rep)).status).toBe(403);
      const draft = await t.http('POST', `${base}/views`, { name: 'Draft', type: 'cards' }, token.designer);
      const published = await t.http('PATCH', `${base}/views/${draft.body.key}`, { personal: false }, token.designer);
      expect(published.body).toMatchObject({ personal: false, ownerId: null });
      expect((await t.http('GET', `${base}/views`, undefined, token.rep)).body.items.map((v: any) => v.key)).toContain(draft.body.key);
    });

    it.each([
      ['a kanban grouped by a text field', { name: 'x', type: 'kanban', groupField: 'title' }, 400, 'VALIDATION_FAILED', 'invalid_group_field'],
      ['a kanban without a group field', { name: 'x', type: 'kanban' }, 400, 'VALIDATION_FAILED', 'required'],
      ['a calendar by a select field', { name: 'x', type: 'calendar', groupField: 'stage' }, 400, 'VALIDATION_FAILED', 'invalid_group_field'],
      ['cards grouped by anything', { name: 'x', type: 'cards', groupField: 'stage' }, 400, 'VALIDATION_FAILED', 'invalid_group_field'],
      ['an unknown column', { name: 'x', type: 'table', columns: ['title', 'nope'] }, 400, 'UNKNOWN_FIELD', 'unknown_field'],
      ['a hidden field as a column', { name: 'x', type: 'table', columns: ['secret'] }, 400, 'UNKNOWN_FIELD', 'unknown_field'],
      ['a hidden field as the group', { name: 'x', type: 'kanban', groupField: 'secret' }, 400, 'UNKNOWN_FIELD', 'unknown_field'],
      ['an unknown sort field', { name: 'x', type: 'table', sort: [{ field: 'ghost', dir: 'asc' }] }, 400, 'UNKNOWN_FIELD', 'unknown_field'],
      ['a filter on a hidden field', { name: 'x', type: 'table', filter: { '==': [{ var: 'secret' }, 'x'] } }, 400, 'UNKNOWN_FIELD', undefined],
      ['a filter with an unknown operator', { name: 'x', type: 'table', filter: { like: [{ var: 'title' }, 'x'] } }, 400, 'UNKNOWN_OPERATOR', undefined],
      ['an unknown view type', { name: 'x', type: 'gantt' }, 400, 'VALIDATION_FAILED', 'invalid_enum'],
      ['no name', { type: 'table' }, 400, 'VALIDATION_FAILED', 'required'],
      ['a bad key', { key: 'Bad Key', name: 'x', type: 'table' }, 400, 'VALIDATION_FAILED', 'invalid_key'],
      ['a too narrow column', { name: 'x', type: 'table', columnWidths: { title: 3 } }, 400, 'VALIDATION_FAILED', 'invalid_minimum'],
      ['an unknown property', { name: 'x', type: 'table', colour: 'red' }, 400, 'VALIDATION_FAILED', 'unknown_property'],
      ['personal that is not a boolean', { name: 'x', type: 'table', personal: 'yes' }, 400, 'VALIDATION_FAILED', 'invalid_type'],
      ['another form in the body', { name: 'x', type: 'table', formKey: 'other' }, 400, 'VALIDATION_FAILED', 'read_only'],
    ])('refuses %s and writes nothing', async (_name, body, status, code, issue) => {
      const before = await t.sql(`SELECT count(*)::int AS n FROM views`);
      const r = await t.http('POST', `${base}/views`, body, token.rep);
      expect(r).toMatchObject({ status, body: { code, message: expect.any(String) } });
      if (issue) expect(r.body.details.issues).toEqual(expect.arrayContaining([expect.objectContaining({ code: issue })]));
      expect(await t.sql(`SELECT count(*)::int AS n FROM views`)).toEqual(before);
    });

    it('names the unknown field', async () => {
      const r = await t.http('POST', `${base}/views`, { name: 'x', type: 'table', columns: ['title', 'nope'] }, token.rep);
      expect(r.body.details).toMatchObject({ field: 'nope', issues: [{ path: ['columns', 1], code: 'unknown_field' }] });
    });

    it('accepts calendars by date, datetime and createdAt', async () => {
      for (const groupField of ['close_on', 'met_at', 'createdAt']) {
        expect((await t.http('POST', `${base}/views`, { name: groupField, type: 'calendar', groupField }, token.rep)).status).toBe(201);
      }
    });

    it('keeps keys unique on a form and never renames one', async () => {
      expect((await t.http('POST', `${base}/views`, { key: 'pipeline', name: 'P', type: 'kanban', groupField: 'level' }, token.rep)).status).toBe(201);
      expect(await t.http('POST', `${base}/views`, { key: 'pipeline', name: 'P', type: 'table' }, token.rep2)).toMatchObject({ status: 409, body: { code: 'KEY_TAKEN' } });
      expect(await t.http('PATCH', `${base}/views/pipeline`, { key: 'renamed' }, token.rep)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      expect(await t.http('PATCH', `${base}/views/pipeline`, { groupField: 'title' }, token.rep)).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
      expect((await t.http('GET', `${base}/views/pipeline`, undefined, token.rep)).body.groupField).toBe('level');
    });

    it('deletes a view with an audit entry', async () => {
      const v = await t.http('POST', `${base}/views`, { name: 'Temp', type: 'table' }, token.rep);
      const before = await audits('view.delete');
      expect((await t.http('DELETE', `${base}/views/${v.body.key}`, undefined, token.rep)).status).toBe(204);
      expect((await t.http('GET', `${base}/views/${v.body.key}`, undefined, token.rep)).status).toBe(404);
      expect(await audits('view.delete')).toBe(before + 1);
    });

    it('hides views of forms the caller cannot read, and answers 404 for unknown forms and keys', async () => {
      expect((await t.http('GET', `${base}/views`, undefined, token.outsider)).status).toBe(404);
      expect((await t.http('POST', `${base}/views`, { name: 'x', type: 'table' }, token.outsider)).status).toBe(404);
      expect((await t.http('GET', '/api/apps/sales/forms/nope/views', undefined, token.rep)).status).toBe(404);
      expect((await t.http('GET', `${base}/views/no_such_view`, undefined, token.rep)).status).toBe(404);
      expect((await t.http('GET', `${base}/views/'%20or%201=1`, undefined, token.rep)).status).toBe(404);
    });

    it('exports shared views with the app package, never personal ones', async () => {
      const pkg = await t.http('GET', '/api/apps/sales/package', undefined, admin);
      expect(pkg.status).toBe(200);
      const keys = pkg.body.views.map((v: any) => v.key);
      expect(keys).toContain('team_board');
      expect(keys).not.toContain('pipeline');
    });

    it('drops a leaver\'s personal views with the user', async () => {
      const ghost = await t.http('POST', '/api/users', { username: 'ghost', name: 'ghost', password: 'pass-ghost-1A', departmentIds: [], roleIds: [] }, admin);
      await t.sql(`INSERT INTO views (id, app_id, form_key, key, definition, owner_id) SELECT $2, id, 'deal', 'ghost_view', '{}'::jsonb, $1 FROM apps WHERE key = 'sales'`, [ghost.body.id, '01900000-0000-7000-8000-000000000001']);
      await t.sql(`DELETE FROM users WHERE id = $1`, [ghost.body.id]);
      expect(await t.sql(`SELECT 1 FROM views WHERE key = 'ghost_view'`)).toEqual([]);
    });
  });

  describe('bulk edit and bulk delete', () => {
    const created: Record<string, string> = {};
    const make = async (name: string, data: Record<string, unknown>, owner: string) => {
      const r = await t.http('POST', `${base}/records`, { data: { title: name, ...data } }, token[owner]);
      expect(r.status).toBe(201);
      created[name] = r.body.id;
    };
    beforeAll(async () => {
      await make('ready', { amount: 100, close_on: '2026-12-01', stage: 'qualify' }, 'rep');
      await make('ready2', { amount: 200, close_on: '2026-12-02', stage: 'qualify' }, 'rep');
      await make('bare', { stage: 'qualify' }, 'rep');
      await make('theirs', { amount: 5, close_on: '2026-12-03', stage: 'qualify' }, 'rep2');
    });

    it('changes every record it may and reports the others by id with their reason', async () => {
      const before = await audits('record.update');
      const ids = [created.ready, created.bare, created.theirs, created.ready2];
      const r = await t.http('POST', `${base}/records/bulk-update`, { ids, data: { stage: 'proposal' } }, token.rep);
      expect(r.status).toBe(200);
      expect(r.body.succeeded).toEqual([created.ready, created.ready2]);
      expect(r.body.failed).toEqual([
        expect.objectContaining({ id: created.bare, status: 400, code: 'VALIDATION_FAILED', details: { issues: expect.arrayContaining([expect.objectContaining({ code: 'stage_gate' })]) } }),
        expect.objectContaining({ id: created.theirs, status: 404, code: 'NOT_FOUND' }),
      ]);
      expect(await audits('record.update')).toBe(before + 2);
      const stages = async (id: string) => (await t.http('GET', `${base}/records/${id}`, undefined, admin)).body.data.stage;
      expect(await stages(created.ready)).toBe('proposal');
      expect(await stages(created.bare)).toBe('qualify');
      expect(await stages(created.theirs)).toBe('qualify');
    });

    it.each([
      ['no ids', { ids: [], data: { note: 'x' } }, 'rep', 400, 'VALIDATION_FAILED'],
      ['too many ids', { ids: Array.from({ length: 501 }, (_, i) => `id-${i}`), data: { level: 'a' } }, 'rep', 400, 'VALIDATION_FAILED'],
      ['ids that are not strings', { ids: [1, 2], data: { level: 'a' } }, 'rep', 400, 'VALIDATION_FAILED'],
      ['no data', { ids: ['x'] }, 'rep', 400, 'VALIDATION_FAILED'],
      ['empty data', { ids: ['x'], data: {} }, 'rep', 400, 'VALIDATION_FAILED'],
      ['an unknown property', { ids: ['x'], data: { level: 'a' }, version: 2 }, 'rep', 400, 'VALIDATION_FAILED'],
      ['an unknown field', { ids: ['x'], data: { nope: 1 } }, 'rep', 400, 'UNKNOWN_FIELD'],
      ['a hidden field', { ids: ['x'], data: { secret: 'x' } }, 'rep', 400, 'UNKNOWN_FIELD'],
      ['a visible read-only field', { ids: ['x'], data: { note: 'x' } }, 'rep', 403, 'FIELD_NOT_EDITABLE'],
      ['a user without a grant', { ids: ['x'], data: { level: 'a' } }, 'outsider', 404, 'NOT_FOUND'],
    ])('refuses %s as a whole and writes nothing', async (_name, body, who, status, code) => {
      const before = await audits('record.update');
      const r = await t.http('POST', `${base}/records/bulk-update`, { ...body, ids: body.ids?.map((id) => (id === 'x' ? created.ready : id)) }, token[who]);
      expect(r).toMatchObject({ status, body: { code, message: expect.any(String) } });
      expect(await audits('record.update')).toBe(before);
    });

    it('refuses bulk delete to a user without delete', async () => {
      expect(await t.http('POST', `${base}/records/bulk-delete`, { ids: [created.theirs] }, token.rep2)).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      expect((await t.http('GET', `${base}/records/${created.theirs}`, undefined, admin)).status).toBe(200);
    });

    it('moves what it may to the trash and reports the rest', async () => {
      const before = await audits('record.delete');
      const r = await t.http('POST', `${base}/records/bulk-delete`, { ids: [created.bare, created.theirs, 'not-an-id', created.bare] }, token.rep);
      expect(r.status).toBe(200);
      expect(r.body.succeeded).toEqual([created.bare]);
      expect(r.body.failed.map((f: any) => [f.id, f.code])).toEqual([[created.theirs, 'NOT_FOUND'], ['not-an-id', 'NOT_FOUND']]);
      expect(await audits('record.delete')).toBe(before + 1);
      expect((await t.http('GET', `${base}/records/${created.bare}`, undefined, admin)).status).toBe(404);
      expect((await t.http('GET', `${base}/records/${created.theirs}`, undefined, admin)).status).toBe(200);
    });
  });
});
