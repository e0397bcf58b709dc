// P10, approvals: approve actions through the API vs the same row writes in hand-written transactions.
//
// Two shapes, each ours vs its baseline, measured side by side:
//  - distinct: every approve finishes its own instance (a one-node flow, the administrator approves), so
//    32 clients work on 32 different instances at a time;
//  - countersign: instances whose one node needs 32 signers; the to-dos are handed out instance by
//    instance, so the 32 clients approve on the same instance at once and queue on its row lock (the
//    node completes on the 32nd approval).
//
// Every approve consumes a to-do, so the instances are made before measuring: one of each shape is
// started through the API (the template), then cloned in SQL (its record, its instance with every id in
// the engine's state replaced, its task rows) as many times as the run needs, calibrated on a short probe.
//
// The targets run in the load worker (bench/load-worker.mjs, `kind: 'module'`) through `createTarget`.
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { fmtInt, fmtMs, fmtRatio, fmtSeconds } from './stats.mjs';

export const APPROVALS_APP = 'bench_flows';
const FORM = 'request';
const SIGNERS = 32;
const PASSWORD = 'Bench@signer1';
const MODULE_URL = import.meta.url;

const form = {
  key: FORM,
  name: 'Request',
  fields: [
    { key: 'title', type: 'text', label: 'Title', required: true },
    { key: 'amount', type: 'money', label: 'Amount' },
    { key: 'note', type: 'textarea', label: 'Note' },
  ],
};

/** A UUIDv7 (48-bit ms timestamp, version 7, variant, random), as the API generates. */
function uuidV7(ms = Date.now()) {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

// ---- setup --------------------------------------------------------------------------------------

/** The app, its form, 32 signers (logged in) and the two flows, through the API. */
export async function setUpApprovals(client, sql, baseUrl) {
  await client.call('POST', '/api/apps', { key: APPROVALS_APP, name: 'Bench approvals' });
  await client.call('POST', `/api/apps/${APPROVALS_APP}/forms`, form);
  const [admin] = await sql(`SELECT id FROM users WHERE username = 'admin'`);
  const signers = [];
  for (let i = 0; i < SIGNERS; i++) {
    const u = await client.call('POST', '/api/users', { username: `bench.signer${i + 1}`, name: `Signer ${i + 1}`, password: PASSWORD });
    signers.push({ id: u.id, token: await loginAs(baseUrl, `bench.signer${i + 1}`) });
  }
  await client.call('POST', `/api/apps/${APPROVALS_APP}/flows`, {
    key: 'single', name: 'One approval', formKey: FORM,
    nodes: [{ key: 'approve', type: 'approval', name: 'Approve', approvers: [{ source: 'users', userIds: [admin.id] }] }],
  });
  await client.call('POST', `/api/apps/${APPROVALS_APP}/flows`, {
    key: 'countersign', name: 'Countersign', formKey: FORM,
    nodes: [{ key: 'sign', type: 'approval', name: 'Sign', mode: 'countersign', approvers: [{ source: 'users', userIds: signers.map((s) => s.id) }] }],
  });
  const [row] = await sql(`SELECT table_name FROM forms WHERE app_key = $1 AND key = $2`, [APPROVALS_APP, FORM]);
  const columns = (await sql(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'data' AND table_name = $1 ORDER BY ordinal_position`, [row.table_name]))
    .map((c) => c.column_name);
  const templates = {};
  for (const flowKey of ['single', 'countersign']) {
    const rec = await client.call('POST', `/api/apps/${APPROVALS_APP}/forms/${FORM}/records`, { data: { title: `Template ${flowKey}`, amount: 1234.5 } }, [201]);
    const inst = await client.call('POST', `/api/apps/${APPROVALS_APP}/forms/${FORM}/records/${rec.id}/flow`, { flowKey }, [201]);
    templates[flowKey] = { recordId: rec.id, instanceId: inst.id };
  }
  return { table: `data."${row.table_name}"`, columns, admin: { id: admin.id }, signers, templates };
}

async function loginAs(baseUrl, username) {
  const res = await fetch(`${baseUrl}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: PASSWORD }) });
  if (!res.ok) throw new Error(`login ${username}: ${res.status} ${await res.text()}`);
  return (await res.json()).token;
}

/** The ids a clone must not share with its template: the instance, its record, tasks, tokens and visits. */
function ownIds(state) {
  const ids = new Set([state.id, state.recordId]);
  for (const t of state.tasks) ids.add(t.id).add(t.visitId);
  for (const t of state.tokens) ids.add(t.id).add(t.visitId);
  return [...ids];
}

/**
 * `count` copies of a template instance (record, instance, open tasks); returns one entry per clone:
 * its instance id and its open tasks as [taskId, assigneeId].
 */
export async function cloneInstances(sql, app, flowKey, count) {
  const tpl = app.templates[flowKey];
  const [inst] = await sql(`SELECT * FROM flow_instances WHERE id = $1`, [tpl.instanceId]);
  const tasks = await sql(`SELECT * FROM flow_tasks WHERE instance_id = $1 ORDER BY id`, [tpl.instanceId]);
  const stateText = JSON.stringify(inst.state);
  const lockText = inst.lock === null ? null : JSON.stringify(inst.lock);
  const ids = ownIds(inst.state);
  const pattern = new RegExp(ids.join('|'), 'g');
  const others = app.columns.filter((c) => c !== '_id').map((c) => `"${c}"`).join(', ');
  const out = [];
  const BATCH = 1000;
  for (let at = 0; at < count; at += BATCH) {
    const n = Math.min(BATCH, count - at);
    const instances = [];
    const taskRows = [];
    for (let i = 0; i < n; i++) {
      const map = new Map(ids.map((id) => [id, uuidV7()]));
      const swap = (text) => text.replace(pattern, (id) => map.get(id));
      instances.push({ id: map.get(inst.id), record_id: map.get(inst.record_id), state: JSON.parse(swap(stateText)), lock: lockText === null ? null : JSON.parse(lockText) });
      const own = tasks.map((t) => ({ ...t, id: map.get(t.id), instance_id: map.get(inst.id), record_id: map.get(inst.record_id) }));
      taskRows.push(...own);
      out.push({ instanceId: map.get(inst.id), tasks: own.filter((t) => t.status === 'todo').map((t) => [t.id, t.assignee_id]) });
    }
    await sql(`INSERT INTO ${app.table} ("_id", ${others}) SELECT x.id, ${others} FROM ${app.table} t, unnest($1::uuid[]) AS x(id) WHERE t._id = $2`,
      [instances.map((i) => i.record_id), tpl.recordId]);
    await sql(
      `INSERT INTO flow_instances (id, app_key, form_key, flow_key, version, record_id, initiator_id, status, state, lock, created_at, updated_at)
       SELECT x.id, $2, $3, $4, $5, x.record_id, $6, $7, x.state, x.lock, now(), now()
       FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, record_id uuid, state jsonb, lock jsonb)`,
      [JSON.stringify(instances), inst.app_key, inst.form_key, inst.flow_key, inst.version, inst.initiator_id, inst.status]);
    await sql(
      `INSERT INTO flow_tasks (id, instance_id, app_key, form_key, flow_key, record_id, node_key, kind, assignee_id, status, created_at, done_at, due_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, instance_id uuid, app_key text, form_key text, flow_key text, record_id uuid,
         node_key text, kind text, assignee_id uuid, status text, created_at timestamptz, done_at timestamptz, due_at timestamptz)`,
      [JSON.stringify(taskRows)]);
  }
  await sql(`ANALYZE flow_instances`);
  await sql(`ANALYZE flow_tasks`);
  return out;
}

// ---- targets ------------------------------------------------------------------------------------

/** The to-dos of the clones in the order the clients take them: instance by instance. */
const todoList = (clones, tokenOf) => clones.flatMap((c) => c.tasks.map(([taskId, assigneeId]) => [taskId, c.instanceId, tokenOf(assigneeId)]));

/** ours and baseline targets of one shape, for the load worker. */
export function approvalTargets(app, clones, shape, { port, adminToken, databaseUrl, poolSize }) {
  const tokens = new Map([[app.admin.id, adminToken], ...app.signers.map((s) => [s.id, s.token])]);
  return {
    ours: { kind: 'module', module: MODULE_URL, side: 'ours', port, todos: todoList(clones.ours, (id) => tokens.get(id)) },
    baseline: {
      kind: 'module', module: MODULE_URL, side: 'baseline', shape, databaseUrl, poolSize, table: app.table,
      appKey: APPROVALS_APP, formKey: FORM, todos: todoList(clones.baseline, (id) => id),
    },
  };
}

/** Every to-do made was used: an error (the run is not written to the docs), after a pause rather than a spin. */
async function outOfTodos() {
  await new Promise((resolve) => setTimeout(resolve, 100));
  return { status: 'error', ok: false, body: 'out of to-dos: the run needed more instances than were made' };
}

/** `POST /api/tasks/{id}/actions {"action":"approve"}` with the assignee's session. */
function oursTarget(t, connections) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const body = JSON.stringify({ action: 'approve' });
  let next = 0;
  const send = (taskId, token) =>
    new Promise((resolve) => {
      const headers = { authorization: `Bearer ${token}`, accept: 'application/json', 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) };
      const req = http.request({ agent, host: '127.0.0.1', port: t.port, method: 'POST', path: `/api/tasks/${taskId}/actions`, headers }, (res) => {
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        const chunks = [];
        res.on('data', (c) => {
          if (!ok && chunks.length < 8) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode, ok, body: ok ? undefined : Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve({ status: 'error', ok: false, body: e.message }));
      });
      req.setTimeout(60_000, () => req.destroy(new Error('timeout after 60 s')));
      req.on('error', (e) => resolve({ status: 'error', ok: false, body: e.message }));
      req.end(body);
    });
  return {
    once: async () => {
      const todo = t.todos[next++];
      if (!todo) return outOfTodos();
      return send(todo[0], todo[2]);
    },
    close: async () => agent.destroy(),
  };
}

/**
 * What a hand-written app does to approve: lock the instance, close the task, write the instance's
 * state back (the task done, the history entries, the remaining editors), and when the node is done
 * the record's flow status and the outbox events (record changed, flow approved, initiator notified).
 */
function baselineTarget(t) {
  const pool = new pg.Pool({ connectionString: t.databaseUrl, max: t.poolSize, idleTimeoutMillis: 0, application_name: 'bench-baseline' });
  pool.on('error', () => undefined);
  let next = 0;
  const approve = async ([taskId, instanceId, actorId]) => {
    const c = await pool.connect();
    try {
      await c.query('BEGIN');
      const { rows: [inst] } = await c.query(`SELECT state, record_id FROM flow_instances WHERE id = $1 FOR UPDATE`, [instanceId]);
      const now = new Date();
      const at = now.toISOString();
      const done = await c.query(`UPDATE flow_tasks SET status = 'done', done_at = $2 WHERE id = $1 AND status = 'todo'`, [taskId, now]);
      if (done.rowCount !== 1) throw new Error(`task ${taskId} was not open`);
      const state = inst.state;
      const task = state.tasks.find((x) => x.id === taskId);
      Object.assign(task, { status: 'done', decision: 'approved', doneAt: at });
      state.history.push({ at, nodeKey: task.nodeKey, event: 'approved', actorId, comment: null, taskId });
      const open = state.tasks.filter((x) => x.status === 'todo');
      if (open.length) {
        const editors = open.map((x) => ({ userId: x.assigneeId, fields: [] }));
        await c.query(`UPDATE flow_instances SET state = $2, lock = $3, updated_at = $4 WHERE id = $1`, [instanceId, state, JSON.stringify({ editableFields: [], editors }), now]);
      } else {
        state.history.push({ at, nodeKey: task.nodeKey, event: 'nodeCompleted', actorId: null, comment: null }, { at, nodeKey: null, event: 'completed', actorId: null, comment: null, status: 'approved' });
        Object.assign(state, { status: 'approved', tokens: [], finishedAt: at });
        await c.query(`UPDATE flow_instances SET status = 'approved', state = $2, lock = NULL, updated_at = $3 WHERE id = $1`, [instanceId, state, now]);
        const { rows: [rec] } = await c.query(`UPDATE ${t.table} SET _flow_status = 'approved', _version = _version + 1 WHERE _id = $1 RETURNING _version`, [inst.record_id]);
        const ref = { appKey: t.appKey, formKey: t.formKey };
        await c.query(`INSERT INTO outbox (at, topic, payload) VALUES ($1, 'record.changed', $2), ($1, 'flow.approved', $3), ($1, 'flow.notify', $4)`, [
          now, { ...ref, id: inst.record_id, version: rec._version }, { ...ref, recordId: inst.record_id, instanceId, flowKey: state.flowKey },
          { ...ref, userIds: [state.initiatorId], template: 'flow.approved', data: { instanceId, recordId: inst.record_id } },
        ]);
      }
      await c.query('COMMIT');
    } catch (e) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw e;
    } finally {
      c.release();
    }
  };
  return {
    once: async () => {
      const todo = t.todos[next++];
      if (!todo) return outOfTodos();
      try {
        await approve(todo);
        return { status: 200, ok: true };
      } catch (e) {
        return { status: 'error', ok: false, body: e.message };
      }
    },
    close: () => pool.end(),
  };
}

/** The load worker's entry point for `kind: 'module'` targets. */
export function createTarget(target, { connections }) {
  return target.side === 'ours' ? oursTarget(target, connections) : baselineTarget(target);
}

// ---- the case -----------------------------------------------------------------------------------

/** Rate of a target over `ms` with `connections` loops (a probe to size the clones). */
async function probeRate(target, connections, ms) {
  const t = createTarget(target, { connections });
  const end = performance.now() + ms;
  let n = 0;
  let failed = null;
  const started = performance.now();
  await Promise.all(Array.from({ length: connections }, async () => {
    while (performance.now() < end) {
      const r = await t.once();
      if (r.ok) n++;
      else failed ??= `${r.status} ${r.body}`;
    }
  }));
  await t.close();
  return { rate: n / ((performance.now() - started) / 1000), failed };
}

/**
 * Sets P10 up, sizes and makes the clones, measures both shapes (ours and baseline side by side) and
 * checks the instances afterwards. Returns the measurements and anything odd.
 */
export async function approvalCases({ client, sql, api, db, token, opts, measureGroup, log }) {
  log('P10: approve actions (distinct instances; a 32-signer countersign node)');
  const t0 = performance.now();
  const app = await setUpApprovals(client, sql, api.baseUrl);
  const odd = [];
  const ctx = { port: api.port, adminToken: token, databaseUrl: db.url, poolSize: opts.pool };
  const budgetSeconds = opts.warmup + opts.seconds + opts.slices * 0.3 + 2;
  const shapes = [
    { shape: 'distinct', flowKey: 'single', scenario: 'P10 distinct' },
    { shape: 'countersign', flowKey: 'countersign', scenario: 'P10 countersign' },
  ];
  const results = [];
  for (const s of shapes) {
    const perInstance = s.shape === 'countersign' ? SIGNERS : 1;
    // Probe: 2 s of each side on a small set of clones, then enough clones for the run plus half again.
    const probeCount = Math.ceil(3000 / perInstance);
    const probe = approvalTargets(app, { ours: await cloneInstances(sql, app, s.flowKey, probeCount), baseline: await cloneInstances(sql, app, s.flowKey, probeCount) }, s.shape, ctx);
    const po = await probeRate(probe.ours, opts.connections, 1500);
    const pb = await probeRate(probe.baseline, opts.connections, 1500);
    if (po.failed) odd.push(`${s.scenario} probe, ours: ${po.failed}`);
    if (pb.failed) odd.push(`${s.scenario} probe, baseline: ${pb.failed}`);
    // A probe slowed down by other work on the machine must not leave the run short: rates have floors.
    const need = (rate, floor) => Math.ceil((Math.max(rate, floor) * budgetSeconds * 1.5 + 500) / perInstance);
    const tc = performance.now();
    const clones = { ours: await cloneInstances(sql, app, s.flowKey, need(po.rate, 300)), baseline: await cloneInstances(sql, app, s.flowKey, need(pb.rate, 1000)) };
    log(`  ${s.scenario}: probe ${fmtInt(po.rate)}/s ours, ${fmtInt(pb.rate)}/s baseline; made ${fmtInt(clones.ours.length + clones.baseline.length)} instances in ${fmtSeconds(performance.now() - tc)}`);
    const targets = approvalTargets(app, clones, s.shape, ctx);
    const measured = await measureGroup([
      { scenario: s.scenario, size: perInstance, side: 'baseline', target: targets.baseline },
      { scenario: s.scenario, size: perInstance, side: 'ours', target: targets.ours },
    ]);
    odd.push(...(await checkInstances(sql, s, clones)));
    for (const m of measured) {
      if (m.errors || m.non2xx) odd.push(`${s.scenario} ${m.side}: ${m.errors} errors, ${m.non2xx} non-2xx; first answers: ${Object.entries(m.samples).map(([k, v]) => `${k} ${v}`).join(' | ')}`);
    }
    results.push(...measured);
  }
  log(`  P10 set-up and runs: ${fmtSeconds(performance.now() - t0)}`);
  return { results, odd };
}

/** After the run: every approved to-do left its instance consistent (tasks, state, record status). */
async function checkInstances(sql, s, clones) {
  const ids = [...clones.ours, ...clones.baseline].map((c) => c.instanceId);
  const [r] = await sql(`
    SELECT count(*) FILTER (WHERE i.status = 'approved')::int AS approved,
      count(*) FILTER (WHERE i.status = 'approved' AND (SELECT count(*) FROM flow_tasks t WHERE t.instance_id = i.id AND t.status = 'todo') > 0)::int AS approved_open,
      count(*) FILTER (WHERE (SELECT count(*) FROM flow_tasks t WHERE t.instance_id = i.id AND t.status = 'done')
        <> (SELECT count(*) FROM jsonb_array_elements(i.state->'tasks') x WHERE x->>'status' = 'done'))::int AS running_odd,
      count(*) FILTER (WHERE i.status = 'approved' AND (SELECT count(*) FROM jsonb_array_elements(i.state->'history') h WHERE h->>'event' = 'completed') <> 1)::int AS completed_odd
    FROM flow_instances i WHERE i.id = ANY($1::uuid[])`, [ids]);
  const odd = [];
  if (r.approved_open) odd.push(`${s.scenario}: ${r.approved_open} approved instances still have open tasks`);
  if (r.completed_odd) odd.push(`${s.scenario}: ${r.completed_odd} approved instances do not have exactly one "completed" entry`);
  if (r.running_odd) odd.push(`${s.scenario}: ${r.running_odd} instances whose task rows do not match the tasks in their state`);
  return odd;
}

// ---- report -------------------------------------------------------------------------------------

const START = '<!-- approvals:start -->';
const END = '<!-- approvals:end -->';

/** The P10 rows of the results table ({id, what, baseline, ours, ratio, goal, met}, as in bench/report.mjs). */
export function approvalRows(results) {
  const rows = [];
  for (const [scenario, what] of [
    ['P10 distinct', 'approve actions, 32 clients on distinct instances (each approve completes its instance)'],
    ['P10 countersign', `approve actions on one ${SIGNERS}-signer countersign node at a time (32 clients contend for its row lock)`],
  ]) {
    const b = results.find((m) => m.scenario === scenario && m.side === 'baseline');
    const o = results.find((m) => m.scenario === scenario && m.side === 'ours');
    if (!b || !o) continue;
    const ratio = o.perSecond / b.perSecond;
    rows.push({
      id: 'P10', what, baseline: `${fmtInt(b.perSecond)} approvals/s, p99 ${fmtMs(b.p99)}`, ours: `${fmtInt(o.perSecond)} approvals/s, p99 ${fmtMs(o.p99)}`,
      ratio: fmtRatio(ratio), goal: '>= 0.25x; p99 <= 50 ms', met: ratio >= 0.25 && o.p99 <= 50 ? 'yes' : 'NO',
    });
  }
  return rows;
}

const cells = (r) => [r.id, r.what, r.baseline, r.ours, r.ratio, r.goal, r.met];
const mdTable = (headers, rows) => [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const pct = (v) => (v !== undefined ? `${v.toFixed(0)}%` : '-');

const METHOD = `- **P10 (approvals).** An app of its own (\`${APPROVALS_APP}\`, a form of 3 fields) and two flows made through the API:
  \`single\` (one approval node, the administrator approves) and \`countersign\` (one node, mode countersign, ${SIGNERS} users who
  each log in). One instance of each is started through the API and cloned in SQL (its record, its instance with every id
  of the engine's state renewed, its task rows) as many times as the run needs, sized by a 1.5 s probe of each side; ours and
  the baseline each approve their own clones. Ours: \`POST /api/tasks/{id}/actions {"action":"approve"}\` as the task's
  assignee; the API locks the instance row, reads the record and the organisation, runs the flow engine, writes the
  instance (state and record lock) and the changed task rows, and when the instance ends the record's flow status with
  its outbox events and the initiator's in-app notification, in one transaction. Baseline: what a
  hand-written app does in one transaction: \`SELECT ... FOR UPDATE\` the instance, \`UPDATE\` the task, the state (JSON,
  changed in the client) and lock written back, and when the node is done the record's flow status and the three outbox
  events (record changed, flow approved, initiator notified). **distinct**: each to-do is the only one of its instance, so
  every approve completes an instance. **countersign**: the to-dos are handed out instance by instance, so the 32 clients
  approve on the same instance and wait for its row lock; the 32nd approval completes the node. After the run every
  approved instance is checked to have no open task and exactly one \`completed\` entry.
- **Reading P10.** An approve that ends an instance is 11 statements through the API (BEGIN; lock the instance;
  read the record; read the organisation; the record's flow status and its outbox event; the flow's outbox event; the
  notification; the instance; the task; COMMIT) against the baseline's 7, plus the engine and Node's routing. On the
  countersign node every approve waits for the previous one's whole transaction, so latency there is the queue of 32
  transactions on one row, on both sides. The p99 goal assumes a machine with headroom: on a saturated 2-core machine
  the baseline's own p99 is above it.`;

const HEADERS = ['id', 'what', 'baseline', 'ours', 'ratio', 'goal', 'met?'];
const MEASUREMENT_HEADERS = ['scenario', 'side', 'approvals/s', 'p50', 'p95', 'p99', 'max', 'non-2xx', 'errors', 'API', 'PG', 'loadgen', 'machine'];

/** The "Approvals" section of docs/benchmarks.md (between its markers); null when a target failed requests (nothing to trust). */
export function buildApprovalsSection({ env, opts, results, odd, totalMs }) {
  const rows = approvalRows(results);
  if (!rows.length || results.some((m) => m.errors || m.non2xx)) return null;
  const out = [START, '## Approvals (P10)\n'];
  out.push(`Results of ${env.date.slice(0, 16).replace('T', ' ')} UTC (\`npm run bench -- --only P10\`). Machine: **${env.cores} cores** (${env.cpuModel}), ${env.memoryGb} GB; ` +
    `Node ${env.node}; PostgreSQL ${env.pgServer}; pg ${env.pgClient}. Load average ${env.loadAvgStart} at the start, ${env.loadAvgEnd} at the end ` +
    `(other work shares this machine). Code: commit ${env.commit}, API built ${env.apiBuiltAt.slice(0, 16).replace('T', ' ')} UTC. ` +
    `${opts.connections} connections; per target ${opts.warmup} s warm-up + ${opts.seconds} s measured in ${opts.slices} interleaved slice(s); total run ${fmtSeconds(totalMs)}.\n`);
  out.push(mdTable(HEADERS, rows.map(cells)));
  out.push('');
  out.push(mdTable(MEASUREMENT_HEADERS, results.map((m) => [m.scenario, m.side, fmtInt(m.perSecond), fmtMs(m.p50), fmtMs(m.p95), fmtMs(m.p99), fmtMs(m.max),
    fmtInt(m.non2xx), fmtInt(m.errors), m.side === 'ours' ? pct(m.cpu.apiPct) : '-', pct(m.cpu.pgPct), pct(m.cpu.loadGenPct), pct(m.cpu.machinePct)])));
  out.push('');
  if (odd.length) for (const o of odd) out.push(`- ${o.replace(/\n/g, ' ')}`);
  else out.push('No errors and no non-2xx answers; after the run every approved instance had no open task and one `completed` entry.');
  out.push('');
  out.push('### Method of P10\n');
  out.push(METHOD);
  out.push(END);
  return out.join('\n');
}

/**
 * `previous` with its approvals section replaced by `section` (inserted before the analysis when it
 * has none, or kept as it was when `section` is null) and the P10 line of the results table pointing at it.
 */
export function replaceApprovalsSection(previous, section, rows = []) {
  const at = previous.indexOf(START);
  const end = previous.indexOf(END);
  const kept = at >= 0 && end > at ? previous.slice(at, end + END.length) : null;
  const body = section ?? kept;
  let text = at >= 0 && end > at ? previous.slice(0, at) + (body ?? '') + previous.slice(end + END.length) : previous;
  if (body && !(at >= 0 && end > at)) {
    const analysis = text.indexOf('<!-- analysis:start -->');
    text = analysis >= 0 ? `${text.slice(0, analysis)}${body}\n\n${text.slice(analysis)}` : `${text.trimEnd()}\n\n${body}\n`;
  }
  if (!rows.length) return text;
  // The results table's P10 line ("not measured", or the rows of an earlier run) becomes this run's rows.
  const cut = text.indexOf(START) >= 0 ? text.indexOf(START) : text.length;
  const lines = text.slice(0, cut).split('\n');
  const first = lines.findIndex((l) => l.startsWith('| P10 |'));
  if (first < 0) return text;
  let last = first;
  while (lines[last + 1]?.startsWith('| P10 |')) last++;
  lines.splice(first, last - first + 1, ...rows.map((r) => `| ${cells(r).join(' | ')} |`));
  return lines.join('\n') + text.slice(cut);
}

/** The approvals section of an earlier docs/benchmarks.md, or null. */
export function keptApprovalsSection(previous) {
  const at = (previous ?? '').indexOf(START);
  const end = (previous ?? '').indexOf(END);
  return at >= 0 && end > at ? previous.slice(at, end + END.length) : null;
}
