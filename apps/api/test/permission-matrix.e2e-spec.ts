import fc from 'fast-check';
import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Generated roles (scopes and field rules) and users, checked through the HTTP API against an
 * oracle written from API.md: exactly the allowed rows, exactly the allowed fields, masks applied,
 * totals that reveal nothing, filters refused on fields that are hidden or masked for any role.
 */
type Scope = { type: 'all' | 'own' | 'department' | 'departmentTree' } | { type: 'custom'; condition: unknown };
type Grant = { scope: Scope; visible: string[] | '*'; masked: string[] };

const FIELDS = ['title', 'secret', 'phone', 'amount'];
const maskOf = (key: string, v: unknown) => {
  if (v === null) return null;
  const s = String(v);
  if (key === 'phone') return `${s.slice(0, 3)}****${s.slice(-4)}`;
  if (key === 'amount') return '***';
  return `${[...s][0]}***`;
};

describe('permission matrix (generated roles, real HTTP)', () => {
  let t: TestPlatform;
  const users: Record<string, { id: string; token: string; depts: string[] }> = {};
  const depts: Record<string, string> = {};
  const records: { id: string; ownerId: string; ownerDept: string | null; data: Record<string, unknown> }[] = [];
  const roleIds: string[] = [];

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = t.adminToken;
    await t.http('POST', '/api/apps', { key: 'perm', name: 'Perm' }, a);
    await t.http('POST', '/api/apps/perm/forms', {
      key: 'doc', name: 'Doc', fields: [
        { key: 'title', type: 'text', label: 'Title' }, { key: 'secret', type: 'text', label: 'Secret' },
        { key: 'phone', type: 'phone', label: 'Phone' }, { key: 'amount', type: 'number', label: 'Amount' },
      ],
    }, a);
    depts.root = (await t.http('POST', '/api/departments', { name: 'Root', parentId: null }, a)).body.id;
    depts.child = (await t.http('POST', '/api/departments', { name: 'Child', parentId: depts.root }, a)).body.id;
    depts.other = (await t.http('POST', '/api/departments', { name: 'Other', parentId: null }, a)).body.id;
    for (const [i, role] of ['r0', 'r1'].entries()) roleIds[i] = (await t.http('POST', '/api/roles', { name: role }, a)).body.id;
    const placement: Record<string, string[]> = { u1: [depts.child], u2: [depts.child], u3: [depts.root], u4: [depts.other] };
    for (const [name, ds] of Object.entries(placement)) {
      const u = await t.http('POST', '/api/users', { username: name, name, password: 'pass-' + name, departmentIds: ds }, a);
      users[name] = { id: u.body.id, token: await t.login(name, 'pass-' + name), depts: ds };
    }
    let n = 0;
    for (const [name, u] of Object.entries(users)) {
      for (let i = 0; i < 4; i++) {
        n += 1;
        const data = { title: `${name}-doc-${i}`, secret: `s${n}`, phone: `1380000${String(1000 + n)}`, amount: (n * 37) % 100 };
        const r = await t.http('POST', '/api/apps/perm/forms/doc/records', { data, ownerId: u.id }, a);
        expect(r.status).toBe(201);
        records.push({ id: r.body.id, ownerId: u.id, ownerDept: u.depts[0], data: r.body.data });
      }
    }
  }, 120_000);
  afterAll(async () => t?.close());

  const tree = (ids: string[]) => {
    const out = new Set(ids);
    if (out.has(depts.root)) out.add(depts.child);
    return out;
  };
  const inScope = (scope: Scope, user: { id: string; depts: string[] }, r: (typeof records)[number]) => {
    switch (scope.type) {
      case 'all': return true;
      case 'own': return r.ownerId === user.id;
      case 'department': return r.ownerDept !== null && user.depts.includes(r.ownerDept);
      case 'departmentTree': return r.ownerDept !== null && tree(user.depts).has(r.ownerDept);
      case 'custom': return (r.data.amount as number) > 50;
    }
  };
  const shows = (g: Grant, k: string) => g.visible === '*' || g.visible.includes(k);

  const grantArb: fc.Arbitrary<Grant> = fc.record({
    scope: fc.constantFrom<Scope>({ type: 'all' }, { type: 'own' }, { type: 'department' }, { type: 'departmentTree' }, { type: 'custom', condition: { '>': [{ var: 'amount' }, 50] } }),
    visible: fc.oneof(fc.constant('*' as const), fc.subarray(FIELDS, { minLength: 1 })),
    masked: fc.subarray(FIELDS),
  }).map((g) => ({ ...g, masked: g.masked.filter((k) => shows(g, k)) }));

  it('every path returns exactly what the roles allow', async () => {
    await fc.assert(
      fc.asyncProperty(fc.tuple(grantArb, grantArb), fc.subarray(['u1', 'u2', 'u3', 'u4'], { minLength: 1 }), fc.constantFrom([0], [1], [0, 1]), async (grants, who, assigned) => {
        for (const [i, g] of grants.entries()) {
          const fields = { visible: g.visible, editable: [], masked: g.masked };
          const put = await t.http('PUT', `/api/roles/${roleIds[i]}/grants`, [{ appKey: 'perm', formKey: 'doc', actions: ['read'], scope: g.scope, fields }], t.adminToken);
          expect(put.status).toBe(200);
        }
        for (const name of who) {
          await t.http('PATCH', `/api/users/${users[name].id}`, { roleIds: assigned.map((i) => roleIds[i]) }, t.adminToken);
          users[name].token = await t.login(name, 'pass-' + name);
        }
        const mine = assigned.map((i) => grants[i]);
        for (const name of who) {
          const user = users[name];
          const expected = new Map<string, Record<string, unknown>>();
          for (const r of records) {
            const active = mine.filter((g) => inScope(g.scope, user, r));
            if (!active.length) continue;
            const data: Record<string, unknown> = {};
            for (const k of FIELDS) {
              const showing = active.filter((g) => shows(g, k));
              if (!showing.length) continue;
              data[k] = showing.every((g) => g.masked.includes(k)) ? maskOf(k, r.data[k]) : r.data[k];
            }
            expected.set(r.id, data);
          }
          // List: exactly the allowed rows and fields; the total reveals no more.
          const list = await t.http('POST', '/api/apps/perm/forms/doc/records/query', { limit: 500, exactTotal: true }, user.token);
          expect(list.status).toBe(200);
          expect(list.body.total).toBe(expected.size);
          const got = new Map<string, Record<string, unknown>>(list.body.items.map((r: any) => [r.id, r.data]));
          expect(got).toEqual(expected);
          // Get by id: readable ones equal the list; the others are 404 as if absent.
          for (const r of records.slice(0, 8)) {
            const one = await t.http('GET', `/api/apps/perm/forms/doc/records/${r.id}`, undefined, user.token);
            if (expected.has(r.id)) expect(one.body.data).toEqual(expected.get(r.id));
            else expect(one).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
          }
          // Filters: allowed only on fields every role shows unmasked.
          for (const k of FIELDS) {
            const visibleSomewhere = mine.some((g) => shows(g, k));
            const filterable = mine.every((g) => shows(g, k) && !g.masked.includes(k));
            const r = await t.http('POST', '/api/apps/perm/forms/doc/records/query', { filter: { isNotEmpty: [{ var: k }] } }, user.token);
            if (filterable) expect(r.status).toBe(200);
            else expect(r.body.code).toBe(visibleSomewhere ? 'FIELD_NOT_FILTERABLE' : 'UNKNOWN_FIELD');
          }
        }
      }),
      { numRuns: 25 },
    );
  }, 300_000);
});
