import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { startTestPlatform, type TestPlatform } from './harness';

/**
 * Generated roles (actions, scopes, field rules) and users, checked through the HTTP API against an
 * oracle written from API.md and docs/adr/0008: on every path (list, query totals, get, filters and
 * sorts, CSV and XLSX export, import and upsert, create, relation pickers and the titles of related
 * records, lookups and rollups, file downloads, record history, error answers) exactly the allowed rows
 * and fields, masks applied, and nothing that tells a record outside the scope exists.
 */
type Scope = { type: 'all' | 'own' | 'department' | 'departmentTree' } | { type: 'custom'; condition: unknown };
type Rules = { scope: Scope; visible: string[] | '*'; masked: string[]; editable: string[] | '*'; actions: string[] };
type Rec = { id: string; ownerId: string; ownerDept: string | null; data: Record<string, unknown> };
type User = { id: string; token: string; depts: string[] };

const DOC_FIELDS = ['title', 'secret', 'phone', 'amount', 'file'];
const DOC_TYPES: Record<string, string> = { title: 'text', secret: 'text', phone: 'phone', amount: 'number', file: 'attachment' };
const DOC_LABELS: Record<string, string> = { title: 'Title', secret: 'Secret', phone: 'Phone', amount: 'Amount', file: 'File' };
const NOTE_FIELDS = ['label', 'doc', 'docs', 'doc_secret', 'doc_phone', 'doc_amount'];
const NOTE_TYPES: Record<string, string> = { label: 'text', doc: 'relation', docs: 'relation', doc_secret: 'lookup', doc_phone: 'lookup', doc_amount: 'rollup' };
const DOCS = '/api/apps/perm/forms/doc/records';
const NOTES = '/api/apps/perm/forms/note/records';
/** An id no record and no file has. */
const GHOST = '01900000-0000-7000-8000-000000000000';

/** API.md "Masks"; lookups and rollups mask as plain values (their own type is not phone). */
const maskOf = (type: string, v: unknown) => {
  if (v === null || v === undefined) return v;
  const s = String(v);
  if (type === 'phone') return `${s.slice(0, 3)}****${s.slice(-4)}`;
  return typeof v === 'number' ? '***' : `${[...s][0]}***`;
};
const shows = (g: { visible: string[] | '*' }, k: string) => g.visible === '*' || g.visible.includes(k);
const edits = (g: Rules, k: string) => shows(g, k) && (g.editable === '*' || g.editable.includes(k)) && (g.actions.includes('create') || g.actions.includes('update'));

/** A CSV as exports write it (RFC 4180, BOM, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const body = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (quoted) {
      if (c === '"' && body[i + 1] === '"') { cell += '"'; i++; } else if (c === '"') quoted = false; else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(cell); cell = ''; } else if (c === '\r') continue;
    else if (c === '\n') { row.push(cell); rows.push(row); row = []; cell = ''; } else cell += c;
  }
  if (cell !== '' || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

async function parseXlsx(bytes: Buffer): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const rows: string[][] = [];
  const width = book.worksheets[0].getRow(1).cellCount;
  book.worksheets[0].eachRow((r) => rows.push(Array.from({ length: width }, (_v, i) => {
    const v = r.getCell(i + 1).value;
    return v === null || v === undefined ? '' : String(v);
  })));
  return rows;
}

describe('permission matrix (generated roles, real HTTP)', () => {
  let t: TestPlatform;
  const users: Record<string, User> = {};
  const depts: Record<string, string> = {};
  const docs: Rec[] = [];
  const notes: Rec[] = [];
  const roleIds: string[] = [];
  let docTable = '';
  let noteTable = '';
  let imports = 0;

  const fetchRaw = async (path: string, token: string) => {
    const res = await fetch(t.baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
  };
  const upload = async (path: string, token: string, file: string, fileName: string, fields: Record<string, string> = {}) => {
    const body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
    body.append('file', new Blob([Buffer.from(file, 'utf8')], { type: 'text/plain' }), fileName);
    const res = await fetch(t.baseUrl + path, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const waitForJob = async (jobId: string, token: string) => {
    for (const until = Date.now() + 60_000; Date.now() < until; await new Promise((r) => setTimeout(r, 30))) {
      const job = await t.http('GET', `/api/jobs/${jobId}`, undefined, token);
      if (job.body.status === 'done' || job.body.status === 'failed') return job.body;
    }
    throw new Error(`job ${jobId} did not finish`);
  };
  /** Records a user made during a run go again, so that every run starts from the same data. */
  const dropRecordsMadeByUsers = async () => {
    await t.sql(`DELETE FROM ${noteTable} WHERE NOT (_id = ANY($1::uuid[]))`, [notes.map((n) => n.id)]);
    await t.sql(`DELETE FROM ${docTable} WHERE NOT (_id = ANY($1::uuid[]))`, [docs.map((d) => d.id)]);
  };

  beforeAll(async () => {
    t = await startTestPlatform();
    const a = t.adminToken;
    await t.http('POST', '/api/apps', { key: 'perm', name: 'Perm' }, a);
    expect((await t.http('POST', '/api/apps/perm/forms', {
      key: 'doc', name: 'Doc', fields: [
        { key: 'title', type: 'text', label: 'Title', options: { unique: true } }, { key: 'secret', type: 'text', label: 'Secret' },
        { key: 'phone', type: 'phone', label: 'Phone' }, { key: 'amount', type: 'number', label: 'Amount' },
        { key: 'file', type: 'attachment', label: 'File' },
      ],
    }, a)).status).toBe(201);
    const noteForm = await t.http('POST', '/api/apps/perm/forms', {
      key: 'note', name: 'Note', fields: [
        { key: 'label', type: 'text', label: 'Label' },
        { key: 'doc', type: 'relation', label: 'Doc', options: { targetForm: 'doc' } },
        { key: 'doc_secret', type: 'lookup', label: 'Doc secret', options: { relationField: 'doc', targetField: 'secret' } },
        { key: 'doc_phone', type: 'lookup', label: 'Doc phone', options: { relationField: 'doc', targetField: 'phone' } },
        { key: 'docs', type: 'relation', label: 'Docs', options: { targetForm: 'doc', multiple: true } },
        { key: 'doc_amount', type: 'rollup', label: 'Doc amount', options: { relationField: 'docs', targetField: 'amount', aggregate: 'sum' } },
      ],
    }, a);
    expect(noteForm.status).toBe(201);
    // A form no role has a grant on: closed, exactly like a form that does not exist.
    expect((await t.http('POST', '/api/apps/perm/forms', { key: 'closed', name: 'Closed', fields: [{ key: 'x', type: 'text', label: 'X' }] }, a)).status).toBe(201);
    const tables = await t.sql(`SELECT key, table_name FROM forms WHERE app_key = 'perm'`);
    const qualified = (key: string) => `data."${tables.find((r) => r.key === key).table_name}"`;
    docTable = qualified('doc');
    noteTable = qualified('note');
    await t.sql(`SELECT 1 FROM ${docTable} LIMIT 1`);

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
        const file = await upload('/api/files?appKey=perm&formKey=doc&field=file', a, `file of ${name}-${i}`, `${name}-${i}.txt`);
        expect(file.status).toBe(201);
        const ref = { id: file.body.id, name: file.body.name, size: file.body.size, mime: file.body.mime };
        const data = { title: `${name}-doc-${i}`, secret: `s${n}`, phone: `1380000${String(1000 + n)}`, amount: (n * 37) % 100, file: [ref] };
        const r = await t.http('POST', DOCS, { data, ownerId: u.id }, a);
        expect(r.status).toBe(201);
        docs.push({ id: r.body.id, ownerId: u.id, ownerDept: u.depts[0], data: r.body.data });
      }
    }
    for (const [i, d] of docs.entries()) {
      const r = await t.http('POST', NOTES, { data: { label: `note-${i}`, doc: d.id, docs: [d.id] } }, a);
      expect(r.status).toBe(201);
      expect(r.body.data).toMatchObject({ doc_secret: d.data.secret, doc_phone: d.data.phone, doc_amount: d.data.amount });
      notes.push({ id: r.body.id, ownerId: r.body.ownerId, ownerDept: null, data: r.body.data });
    }
  }, 120_000);
  afterAll(async () => t?.close());

  const tree = (ids: string[]) => {
    const out = new Set(ids);
    if (out.has(depts.root)) out.add(depts.child);
    return out;
  };
  const inScope = (scope: Scope, user: User, r: Rec) => {
    switch (scope.type) {
      case 'all': return true;
      case 'own': return r.ownerId === user.id;
      case 'department': return r.ownerDept !== null && user.depts.includes(r.ownerDept);
      case 'departmentTree': return r.ownerDept !== null && tree(user.depts).has(r.ownerDept);
      case 'custom': return (r.data.amount as number) > 50;
    }
  };

  /** What the user reads of each record (API.md "Several roles"): id -> visible data, masks applied. */
  const expectedViews = (rules: Rules[], user: User, records: Rec[], fields: string[], types: Record<string, string>) => {
    const out = new Map<string, Record<string, unknown>>();
    for (const r of records) {
      const active = rules.filter((g) => g.actions.includes('read') && inScope(g.scope, user, r));
      if (!active.length) continue;
      const data: Record<string, unknown> = {};
      for (const k of fields) {
        const showing = active.filter((g) => shows(g, k));
        if (!showing.length) continue;
        data[k] = showing.every((g) => g.masked.includes(k)) ? maskOf(types[k], r.data[k]) : r.data[k];
      }
      out.set(r.id, data);
    }
    return out;
  };
  const filterable = (rules: Rules[], k: string) => rules.every((g) => shows(g, k) && !g.masked.includes(k));
  const refusalCode = (rules: Rules[], k: string) => (rules.some((g) => shows(g, k)) ? 'FIELD_NOT_FILTERABLE' : 'UNKNOWN_FIELD');

  const rulesArb = (fields: string[], maskable: string[], actions: fc.Arbitrary<string[]>, scope: fc.Arbitrary<Scope>): fc.Arbitrary<Rules> =>
    fc.record({
      scope,
      visible: fc.oneof(fc.constant('*' as const), fc.subarray(fields, { minLength: 1 })),
      masked: fc.subarray(maskable),
      editable: fc.oneof(fc.constant('*' as const), fc.subarray(fields)),
      actions,
    }).map((g) => ({
      ...g,
      masked: g.masked.filter((k) => shows(g, k)),
      editable: g.editable === '*' || g.visible === '*' ? g.editable : g.editable.filter((k) => shows(g, k)),
    }));
  const docRulesArb = rulesArb(DOC_FIELDS, DOC_FIELDS.filter((k) => k !== 'file'),
    fc.subarray(['create', 'update', 'export', 'import']).map((more) => ['read', ...more]),
    fc.constantFrom<Scope>({ type: 'all' }, { type: 'own' }, { type: 'department' }, { type: 'departmentTree' }, { type: 'custom', condition: { '>': [{ var: 'amount' }, 50] } }));
  const noteRulesArb = rulesArb(NOTE_FIELDS, NOTE_FIELDS, fc.constant(['read', 'create']), fc.constant<Scope>({ type: 'all' }));

  /** Reads: list, totals, get by id, filters and sorts on the fields every role shows unmasked. */
  async function checkReads(user: User, rules: Rules[], expected: Map<string, Record<string, unknown>>, path: string, records: Rec[], fields: string[]) {
    const list = await t.http('POST', `${path}/query`, { limit: 500, exactTotal: true }, user.token);
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(expected.size);
    expect(new Map(list.body.items.map((r: any) => [r.id, r.data]))).toEqual(expected);
    const estimated = await t.http('POST', `${path}/query`, { limit: 1 }, user.token);
    expect(estimated.body).toMatchObject({ total: expected.size, totalIsEstimate: false });
    for (const r of records) {
      const one = await t.http('GET', `${path}/${r.id}`, undefined, user.token);
      if (expected.has(r.id)) expect(one).toMatchObject({ status: 200, body: { data: expected.get(r.id) } });
      else expect(one).toMatchObject({ status: 404, body: { code: 'NOT_FOUND' } });
    }
    // Attachments can be neither filtered nor sorted on for anyone (not a permission matter).
    for (const k of fields.filter((key) => DOC_TYPES[key] !== 'attachment')) {
      const filtered = await t.http('POST', `${path}/query`, { filter: { isNotEmpty: [{ var: k }] } }, user.token);
      const sorted = await t.http('POST', `${path}/query`, { sort: [{ field: k, dir: 'asc' }] }, user.token);
      if (filterable(rules, k)) {
        expect(filtered.status).toBe(200);
        expect(filtered.body.items.every((r: any) => expected.has(r.id))).toBe(true);
        // A relation to many cannot be sorted on by anyone (not a permission matter).
        expect(sorted.status).toBe(k === 'docs' ? 400 : 200);
      } else {
        expect(filtered.body.code).toBe(refusalCode(rules, k));
        expect(sorted.body.code).toBe(refusalCode(rules, k));
      }
    }
  }

  /** Out of scope, not existing and a closed form answer alike, whatever the method. */
  async function checkNothingRevealed(user: User, expected: Map<string, Record<string, unknown>>) {
    const hidden = docs.find((r) => !expected.has(r.id));
    if (hidden) {
      for (const [method, body] of [['GET', undefined], ['PATCH', { data: {} }], ['DELETE', undefined]] as const) {
        const outside = await t.http(method, `${DOCS}/${hidden.id}`, body, user.token);
        const ghost = await t.http(method, `${DOCS}/${GHOST}`, body, user.token);
        expect([outside.status, outside.body]).toEqual([ghost.status, ghost.body]);
      }
      const history = await t.http('GET', `/api/audit?appKey=perm&formKey=doc&recordId=${hidden.id}`, undefined, user.token);
      const ghostHistory = await t.http('GET', `/api/audit?appKey=perm&formKey=doc&recordId=${GHOST}`, undefined, user.token);
      expect([history.status, history.body]).toEqual([ghostHistory.status, ghostHistory.body]);
      expect(history.status).toBe(404);
    }
    const closed = await t.http('POST', '/api/apps/perm/forms/closed/records/query', {}, user.token);
    const missing = await t.http('POST', '/api/apps/perm/forms/nothing/records/query', {}, user.token);
    expect([closed.status, closed.body]).toEqual([missing.status, missing.body]);
  }

  /** Export: exactly the rows read within the export grants' scope, the columns some role shows, the values as shown (masks kept). */
  async function checkExport(user: User, rules: Rules[], expected: Map<string, Record<string, unknown>>) {
    const csv = await fetchRaw(`${DOCS}/export?format=csv&lang=en-US`, user.token);
    const xlsx = await fetchRaw(`${DOCS}/export?format=xlsx&lang=en-US`, user.token);
    if (!rules.some((g) => g.actions.includes('export'))) {
      for (const answer of [csv, xlsx]) expect([answer.status, JSON.parse(answer.bytes.toString()).code]).toEqual([403, 'FORBIDDEN']);
      return;
    }
    const columns = DOC_FIELDS.filter((k) => rules.some((g) => shows(g, k)));
    const cell = (k: string, v: unknown) => {
      if (v === undefined || v === null) return '';
      if (k === 'file' && Array.isArray(v)) return v.map((f: any) => `${f.name} (${f.id})`).join('\n');
      return String(v);
    };
    // Rows read that an export grant's scope also holds (another role's wider read does not widen the export).
    const exportable = (r: Rec) => rules.some((g) => g.actions.includes('export') && inScope(g.scope, user, r));
    const rows = docs.filter((r) => expected.has(r.id) && exportable(r)).map((r) => [r.id, ...columns.map((k) => cell(k, expected.get(r.id)![k]))]);
    const sheet = [['ID', ...columns.map((k) => DOC_LABELS[k])], ...rows];
    expect(csv.status).toBe(200);
    expect(parseCsv(csv.bytes.toString('utf8'))).toEqual(sheet);
    expect(xlsx.status).toBe(200);
    expect(await parseXlsx(xlsx.bytes)).toEqual(sheet);
  }

  /** Import: columns the user may not edit are reported and never written; upserts match only on filterable fields. */
  async function checkImport(user: User, rules: Rules[]) {
    const can = (action: string) => rules.some((g) => g.actions.includes(action));
    imports += 1;
    const values: Record<string, unknown> = { title: `imp-${imports}`, secret: 'imported', phone: '13900001111', amount: 5 };
    const keys = ['title', 'secret', 'phone', 'amount'];
    const csv = `${keys.map((k) => DOC_LABELS[k]).join(',')}\r\n${keys.map((k) => values[k]).join(',')}\r\n`;
    const started = await upload(`${DOCS}/import`, user.token, csv, 'rows.csv', { mode: 'create' });
    if (!can('import') || !can('create')) {
      expect(started).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
    } else {
      const status = (k: string) => (!rules.some((g) => shows(g, k)) ? 'unknown' : !rules.some((g) => edits(g, k)) ? 'notEditable' : 'field');
      const writable = keys.filter((k) => status(k) === 'field');
      if (!writable.length) {
        expect(started).toMatchObject({ status: 400, body: { code: 'NO_MAPPED_COLUMNS' } });
      } else {
        expect(started.status).toBe(202);
        expect(started.body.columns.map((c: any) => c.status)).toEqual(keys.map(status));
        const warned = keys.filter((k) => status(k) === 'notEditable').map((k) => DOC_LABELS[k]);
        expect(started.body.warnings.filter((w: any) => w.code === 'not_editable').map((w: any) => w.column)).toEqual(warned);
        const job = await waitForJob(started.body.jobId, user.token);
        expect(job.result).toMatchObject({ created: 1, failed: 0 });
        const [row] = await t.sql(`SELECT title, secret, phone, amount FROM ${docTable} WHERE _created_by = $1`, [user.id]);
        for (const k of keys) expect([k, row[k] === null ? null : k === 'amount' ? Number(row[k]) : row[k]]).toEqual([k, writable.includes(k) ? values[k] : null]);
      }
    }
    await dropRecordsMadeByUsers();
    // An upsert matches on a unique field only where every role shows it unmasked: masks cannot be probed.
    const upsert = await upload(`${DOCS}/import`, user.token, csv, 'rows.csv', { mode: 'upsert', matchField: 'title', dryRun: 'true' });
    if (!can('import') || !can('create') || !can('update')) expect(upsert.status).toBe(403);
    else if (!filterable(rules, 'title')) expect([upsert.status, ['FIELD_NOT_FILTERABLE', 'MATCH_FIELD_NOT_MAPPED', 'NO_MAPPED_COLUMNS'].includes(upsert.body.code)]).toEqual([400, true]);
    else if (rules.some((g) => edits(g, 'title'))) expect(upsert.status).toBe(202);
  }

  /** Create through the API: a hidden field is unknown, a visible one the user may not edit is refused. */
  async function checkCreate(user: User, rules: Rules[]) {
    const data = { title: `api-${++imports}`, secret: 'typed', phone: '13900002222', amount: 7 };
    const created = await t.http('POST', DOCS, { data }, user.token);
    if (!rules.some((g) => g.actions.includes('create'))) {
      expect(created).toMatchObject({ status: 403, body: { code: 'FORBIDDEN' } });
      return;
    }
    const first = Object.keys(data).find((k) => !rules.some((g) => shows(g, k)) || !rules.some((g) => edits(g, k)));
    if (!first) expect(created.status).toBe(201);
    else if (!rules.some((g) => shows(g, first))) expect(created).toMatchObject({ status: 400, body: { code: 'UNKNOWN_FIELD' } });
    else expect(created).toMatchObject({ status: 403, body: { code: 'FIELD_NOT_EDITABLE', details: { field: first } } });
    await dropRecordsMadeByUsers();
  }

  /**
   * Relations: the titles of related records come from GET on the target form, which answers only
   * readable records (anything else looks like an id that does not exist); a user links only records
   * they may read; lookups and rollups follow the note form's field rules (docs/adr/0008).
   */
  async function checkRelations(user: User, noteRules: Rules[], expectedDocs: Map<string, Record<string, unknown>>) {
    const expectedNotes = expectedViews(noteRules, user, notes, NOTE_FIELDS, NOTE_TYPES);
    await checkReads(user, noteRules, expectedNotes, NOTES, notes.slice(0, 4), NOTE_FIELDS);
    const ghost = await t.http('GET', `${DOCS}/${GHOST}`, undefined, user.token);
    for (const [id, data] of expectedNotes) {
      if (typeof data.doc !== 'string' || data.doc.includes('*')) continue;
      const title = await t.http('GET', `${DOCS}/${data.doc}`, undefined, user.token);
      if (expectedDocs.has(data.doc)) expect(title.body.data).toEqual(expectedDocs.get(data.doc));
      else expect([title.status, title.body]).toEqual([ghost.status, ghost.body]);
      expect(id).toBeTruthy();
    }
    if (!noteRules.some((g) => edits(g, 'doc')) || !noteRules.some((g) => edits(g, 'label'))) return;
    const sameAs = (body: any, id: string) => JSON.stringify(body).split(id).join('<id>');
    const refused = await t.http('POST', NOTES, { data: { label: 'x', doc: GHOST } }, user.token);
    expect(refused).toMatchObject({ status: 400, body: { code: 'VALIDATION_FAILED' } });
    const readable = docs.find((d) => expectedDocs.has(d.id));
    const unreadable = docs.find((d) => !expectedDocs.has(d.id));
    if (unreadable) {
      const linked = await t.http('POST', NOTES, { data: { label: 'x', doc: unreadable.id } }, user.token);
      expect([linked.status, sameAs(linked.body, unreadable.id)]).toEqual([400, sameAs(refused.body, GHOST)]);
    }
    if (readable) expect((await t.http('POST', NOTES, { data: { label: 'x', doc: readable.id } }, user.token)).status).toBe(201);
    await dropRecordsMadeByUsers();
  }

  /** Files: downloadable only through a readable record whose file field the user sees. */
  async function checkFiles(user: User, expected: Map<string, Record<string, unknown>>) {
    const ghost = await t.http('GET', `/api/files/${GHOST}`, undefined, user.token);
    for (const r of docs) {
      const ref = (r.data.file as { id: string }[])[0];
      const answer = await fetchRaw(`/api/files/${ref.id}`, user.token);
      if (expected.get(r.id)?.file !== undefined) expect(answer.status).toBe(200);
      else {
        expect([r.id, answer.status]).toEqual([r.id, ghost.status]);
        expect(JSON.parse(answer.bytes.toString())).toEqual(ghost.body);
      }
    }
  }

  /** History: the entries of readable records, with the reader's field rules applied. */
  async function checkHistory(user: User, expected: Map<string, Record<string, unknown>>) {
    for (const r of docs.filter((d) => expected.has(d.id)).slice(0, 3)) {
      const history = await t.http('GET', `/api/audit?appKey=perm&formKey=doc&recordId=${r.id}`, undefined, user.token);
      expect(history.status).toBe(200);
      const created = history.body.items.find((e: any) => e.action === 'record.create');
      expect(created.after).toEqual(expected.get(r.id));
      expect(created.ip).toBeNull();
    }
  }

  it('every path returns exactly what the roles allow', async () => {
    const names = Object.keys(users);
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(docRulesArb, docRulesArb), fc.tuple(noteRulesArb, noteRulesArb),
        fc.subarray(names, { minLength: 1, maxLength: 2 }), fc.constantFrom([0], [1], [0, 1]),
        async (docRules, noteRules, who, assigned) => {
          for (const i of [0, 1]) {
            const grant = (formKey: string, g: Rules) => ({ appKey: 'perm', formKey, actions: g.actions, scope: g.scope, fields: { visible: g.visible, editable: g.editable, masked: g.masked } });
            const put = await t.http('PUT', `/api/roles/${roleIds[i]}/grants`, [grant('doc', docRules[i]), grant('note', noteRules[i])], t.adminToken);
            expect(put.status).toBe(200);
          }
          for (const name of who) {
            await t.http('PATCH', `/api/users/${users[name].id}`, { roleIds: assigned.map((i) => roleIds[i]) }, t.adminToken);
            users[name].token = await t.login(name, 'pass-' + name);
          }
          const myDocRules = assigned.map((i) => docRules[i]);
          const myNoteRules = assigned.map((i) => noteRules[i]);
          for (const name of who) {
            const user = users[name];
            const expected = expectedViews(myDocRules, user, docs, DOC_FIELDS, DOC_TYPES);
            await checkReads(user, myDocRules, expected, DOCS, docs, DOC_FIELDS);
            await checkNothingRevealed(user, expected);
            await checkExport(user, myDocRules, expected);
            await checkImport(user, myDocRules);
            await checkCreate(user, myDocRules);
            await checkRelations(user, myNoteRules, expected);
            await checkFiles(user, expected);
            await checkHistory(user, expected);
          }
        },
      ),
      { numRuns: 25, endOnFailure: true },
    );
  }, 600_000);
});
