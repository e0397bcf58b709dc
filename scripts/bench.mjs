#!/usr/bin/env node
// `npm run bench`: the performance benchmarks of PERFORMANCE.md (P1, P2, P3, P4, P6, P7, P9, P10, P11) and L1 (link
// writes), each measured side by side with the same database work done by hand through `pg` in the same run.
//
//   npm run bench                      100k and 1M rows, 5 s warm-up, 20 s measured, 32 connections
//   npm run bench -- --quick           2,000 rows, 1 s warm-up, 3 s measured (a smoke run; no docs)
//   BENCH_SIZES=100000 BENCH_SECONDS=10 BENCH_WARMUP=2 BENCH_CONNECTIONS=32 BENCH_POOL=8 BENCH_SLICES=2 npm run bench
//   --docs / --no-docs                 write docs/benchmarks.md or not (default: yes, except --quick)
//   --only L1  (or --only P1,P6)       just those cases; a partial run rewrites only the "Link writes" / "Approvals" / "Import" sections
//   BENCH_P7_ROWS=100000               rows of P7's import (default 100,000; 2,000 with --quick)
//
// Needs the API built (`npm run build`) and a PostgreSQL server (DATABASE_URL, else
// postgres://postgres@127.0.0.1:5432/postgres); it creates bench_<random> there and drops it at the end.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import pg from 'pg';
import { apiClient, machineCpu, postgresCpu, processCpuMs, startApi } from './bench/api-server.mjs';
import { createDatabase, dropDatabase, loadRows, setUpApp, timeline } from './bench/dataset.mjs';
import { checkOneQuote, checkRollups, LINK_METHOD, linkWriteTargets, setUpLinkApp } from './bench/link-writes.mjs';
import { buildLinkWritesSection, buildMarkdown, buildRows, linkWritesRow, printTable, replaceLinkWritesSection, sizeLabel } from './bench/report.mjs';
import { approvalCases, approvalRows, buildApprovalsSection, keptApprovalsSection, replaceApprovalsSection } from './bench/approvals.mjs';
import { fmtInt, fmtMs, fmtSeconds } from './bench/stats.mjs';
import { measureWeb, reportWeb } from './bench/p11-web.mjs';
import { buildImportSection, importRows, keptImportSection, measureImport, replaceImportSection } from './bench/import.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const started = performance.now();
const log = (...a) => console.log(...a);
// Output piped into something that stops reading (| head) must not kill the run before it cleans up.
process.stdout.on('error', () => undefined);

// ---- options ----
const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const envNum = (name, fallback) => {
  const v = process.env[name];
  if (v === undefined || v === '') return fallback;
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got ${v}`);
  return n;
};
const seconds = envNum('BENCH_SECONDS', quick ? 3 : 20);
/** `--only L1` or `--only=P1,P6`: the cases to run (P4 is P2's, measured with it); null for all. */
function onlyCases() {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return null;
  const value = argv[at].startsWith('--only=') ? argv[at].slice('--only='.length) : (argv[at + 1] ?? '');
  const known = ['P1', 'P2', 'P3', 'P4', 'P6', 'P7', 'P9', 'P10', 'P11', 'L1'];
  const cases = new Set(value.split(',').map((c) => c.trim().toUpperCase()).filter(Boolean));
  if (!cases.size || [...cases].some((c) => !known.includes(c))) throw new Error(`--only takes cases among ${known.join(', ')}, got "${value}"`);
  if (cases.has('P4')) cases.add('P2');
  return cases;
}
const only = onlyCases();
const wants = (id) => only === null || only.has(id);
/** The cases measured on the opportunity rows loaded at 100k and 1M. */
const OPPORTUNITY_CASES = ['P1', 'P2', 'P3', 'P6'];
const opts = {
  sizes: [...new Set((process.env.BENCH_SIZES ? process.env.BENCH_SIZES.split(',').map((s) => Number(s.trim())) : quick ? [2000] : [100_000, 1_000_000])
    .filter((n) => Number.isInteger(n) && n > 0))]
    .sort((a, b) => a - b),
  seconds,
  warmup: envNum('BENCH_WARMUP', quick ? 1 : 5),
  connections: envNum('BENCH_CONNECTIONS', 32),
  pool: envNum('BENCH_POOL', 8),
  // The measured seconds of each target are cut into slices (2 s by default), interleaved with the
  // other targets of its group, so that drifting load from elsewhere on the machine hits every side alike.
  slices: Math.floor(envNum('BENCH_SLICES', Math.max(1, Math.round(seconds / 2)))),
  docs: argv.includes('--docs') ? true : argv.includes('--no-docs') ? false : !quick,
  quick,
};
if (!opts.sizes.length) throw new Error('BENCH_SIZES has no valid size');
/** P7 imports this many rows in one file: the API is started with MAX_IMPORT_ROWS at least that. */
const p7Rows = Math.floor(envNum('BENCH_P7_ROWS', quick ? 2000 : 100_000));
if (wants('P7')) process.env.MAX_IMPORT_ROWS = String(Math.max(Number(process.env.MAX_IMPORT_ROWS) || 0, p7Rows));
if (opts.sizes[0] < 200) throw new Error('sizes below 200 rows are too small to page through');
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const ADMIN_PASSWORD = 'Bench@admin1';
const FORM = 'opportunity';
const SLICE_LEAD_MS = 300;
const maxSize = opts.sizes[opts.sizes.length - 1];
/** One app per size (the CRM package imported under another key), so sizes can be measured side by side. */
const appKeyOf = (size) => (size === maxSize ? 'crm' : `crm_${size}`);
const recordsPath = (size) => `/api/apps/${appKeyOf(size)}/forms/${FORM}/records`;

const mainJs = path.join(root, 'apps/api/dist/main.js');
const crmJs = path.join(root, 'packages/crm-template/dist/index.js');
for (const f of [mainJs, crmJs]) if (!existsSync(f)) throw new Error(`${path.relative(root, f)} is missing: run \`npm run build\` first`);
const crm = require(crmJs);
const pgVersion = require('pg/package.json').version;

// ---- the run ----
let db;
let api;
let sqlClient;
let cleaning = false;
async function cleanUp() {
  if (cleaning) return;
  cleaning = true;
  await sqlClient?.end().catch(() => undefined);
  await api?.stop().catch(() => undefined);
  if (db) await dropDatabase(serverUrl, db.name).catch((e) => console.error(`could not drop ${db.name}: ${e.message}`));
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    cleanUp().finally(() => process.exit(130));
  });
}

/** The commit checked out, whether apps/ or packages/ differ from it, and when apps/api/dist was last built. */
function codeVersion() {
  const git = (...args) => execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  let commit = 'unknown';
  try {
    commit = git('rev-parse', '--short', 'HEAD');
    if (git('status', '--porcelain', '--', 'apps/api', 'packages')) commit += ' (with uncommitted changes in apps/api or packages)';
  } catch {
    /* not a git checkout */
  }
  let newest = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  };
  try {
    walk(path.join(root, 'apps/api/dist'));
  } catch {
    /* no dist */
  }
  return { commit, apiBuiltAt: newest ? new Date(newest).toISOString() : 'unknown' };
}

const env = {
  ...codeVersion(),
  date: new Date().toISOString(),
  cores: os.cpus().length,
  cpuModel: os.cpus()[0]?.model?.trim() ?? 'unknown',
  memoryGb: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  pgClient: pgVersion,
  pgServer: null,
  pgSettings: null,
  loadAvgStart: os.loadavg().map((v) => v.toFixed(2)).join(' '),
  loadAvgEnd: null,
};
const measured = []; // every target measured: { scenario, size, side, ...result, cpu }
const approvals = { results: [], odd: [] }; // P10's measurements and oddities, reported in their own section
const loads = []; // load timings per size
const oddities = []; // anything unexpected, reported at the end
const linkOddities = []; // the same, for L1 (reported in its own section)
let p3 = null;
let web = null; // P11 (bench/p11-web.mjs): reported and written in its own section
let imports = null; // P7 (bench/import.mjs): reported in its own section, its line in the results table

// ---- load generation ----

/** A load worker driven phase by phase; see bench/load-worker.mjs. */
function startWorker(label, target) {
  const worker = new Worker(new URL('./bench/load-worker.mjs', import.meta.url), { workerData: { target, connections: opts.connections } });
  let waiting = null;
  let failure = null;
  const fail = (e) => {
    failure = e;
    waiting?.reject(e);
    waiting = null;
  };
  const next = () =>
    new Promise((resolve, reject) => {
      if (failure) reject(failure);
      else waiting = { resolve, reject };
    });
  worker.on('message', (m) => {
    if (m.type === 'fatal') return fail(new Error(`${label}: ${m.message}`));
    const w = waiting;
    waiting = null;
    w?.resolve(m);
  });
  worker.on('error', fail);
  worker.on('exit', (code) => {
    if (code !== 0) fail(new Error(`${label}: load worker exited with ${code}`));
  });
  const ready = next();
  return {
    ready,
    phase: (ms, record, leadMs = 0) => {
      const done = next();
      worker.postMessage({ type: 'phase', ms, record, leadMs });
      return done;
    },
    finish: async () => {
      const done = next();
      worker.postMessage({ type: 'finish' });
      return (await done).result;
    },
  };
}

/** CPU counters: the API process, this process (the load generator), the bench database's backends, the machine. */
const snap = () => ({ t: performance.now(), api: api ? processCpuMs(api.pid) : null, self: processCpuMs(process.pid), machine: machineCpu(), pg: postgresCpu(db.name) });
function addCpu(acc, a, b) {
  acc.ms += b.t - a.t;
  if (a.api !== null && b.api !== null) acc.api += b.api - a.api;
  if (a.self !== null && b.self !== null) acc.self += b.self - a.self;
  if (a.machine && b.machine) {
    acc.busy += b.machine.busy - a.machine.busy;
    acc.total += b.machine.total - a.machine.total;
  }
  // Backends that started inside the slice count from zero.
  for (const [pid, ms] of b.pg) acc.pg += ms - (a.pg.get(pid) ?? 0);
}
const cpuPercent = (acc) => ({
  apiPct: (acc.api / acc.ms) * 100,
  loadGenPct: (acc.self / acc.ms) * 100,
  pgPct: (acc.pg / acc.ms) * 100,
  machinePct: acc.total ? (acc.busy / acc.total) * 100 : undefined,
});
const cpuText = (c, side) => [
  side === 'ours' ? `API ${c.apiPct.toFixed(0)}%` : null,
  `PG ${c.pgPct.toFixed(0)}%`,
  `loadgen ${c.loadGenPct.toFixed(0)}%`,
  c.machinePct !== undefined ? `machine ${c.machinePct.toFixed(0)}% of ${env.cores}` : null,
].filter(Boolean).join(', ');

/**
 * Measures a group of targets side by side: each warms up, then the measured time of each is cut
 * into `opts.slices` slices run in turn (A B C D, D C B A, ...), one target at a time.
 */
async function measureGroup(entries) {
  const workers = entries.map((e) => startWorker(`${e.scenario} ${e.side} @${e.size}`, e.target));
  await Promise.all(workers.map((w) => w.ready));
  const cpu = entries.map(() => ({ ms: 0, api: 0, self: 0, pg: 0, busy: 0, total: 0 }));
  for (const w of workers) await w.phase(opts.warmup * 1000, false);
  const sliceMs = (opts.seconds * 1000) / opts.slices;
  for (let round = 0; round < opts.slices; round++) {
    const order = entries.map((_e, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) {
      // The lead-in (not recorded) lets the 32 loops reach a steady state again after the switch.
      const done = workers[i].phase(sliceMs, true, SLICE_LEAD_MS);
      await new Promise((r) => setTimeout(r, SLICE_LEAD_MS));
      const a = snap();
      await done;
      addCpu(cpu[i], a, snap());
    }
  }
  const results = [];
  for (const [i, e] of entries.entries()) {
    const r = await workers[i].finish();
    const row = { scenario: e.scenario, size: e.size, side: e.side, ...r, cpu: cpuPercent(cpu[i]) };
    measured.push(row);
    results.push(row);
    const label = `${e.scenario} ${e.side} @${sizeLabel(e.size)}`;
    log(`  ${label.padEnd(30)} ${fmtInt(r.perSecond).padStart(7)}/s  p50 ${fmtMs(r.p50)}  p95 ${fmtMs(r.p95)}  p99 ${fmtMs(r.p99)}` +
      `${r.non2xx ? `  non-2xx ${r.non2xx}` : ''}${r.errors ? `  errors ${r.errors}` : ''}  (${cpuText(row.cpu, e.side)})`);
    const bad = Object.entries(r.statuses).filter(([s]) => !(Number(s) >= 200 && Number(s) < 300));
    if (bad.length) {
      oddities.push(`${label}: ${bad.map(([s, n]) => `${n} x ${s}`).join(', ')} over warm-up + window; first answer: ${Object.entries(r.samples).map(([s, t]) => `${s} ${t}`).join(' | ')}`);
    }
  }
  return results;
}

async function main() {
  log(`bench: sizes ${opts.sizes.map(fmtInt).join(', ')}; per target ${opts.warmup} s warm-up + ${opts.seconds} s measured in ${opts.slices} interleaved slice(s); ` +
    `${opts.connections} connections; baseline pool ${opts.pool}`);
  log(`code: commit ${env.commit}; apps/api/dist built ${env.apiBuiltAt}`);
  log(`machine: ${env.cores} cores (${env.cpuModel}), ${env.memoryGb} GB; node ${env.node}; pg client ${env.pgClient}; load average ${env.loadAvgStart}`);

  db = await createDatabase(serverUrl);
  log(`database: ${db.name}`);
  api = await startApi({ mainJs, databaseUrl: db.url, adminPassword: ADMIN_PASSWORD });
  log(`API: ${api.baseUrl} (child process ${api.pid})`);
  sqlClient = new pg.Client({ connectionString: db.url, application_name: 'bench-setup' });
  await sqlClient.connect();
  const sql = async (text, params) => (await sqlClient.query(text, params)).rows;
  env.pgServer = (await sql('SHOW server_version'))[0].server_version;
  env.pgSettings = (await sql(`SELECT string_agg(name || '=' || current_setting(name), ', ' ORDER BY name) AS s FROM pg_settings
    WHERE name IN ('shared_buffers', 'work_mem', 'max_connections', 'synchronous_commit', 'fsync')`))[0].s;

  const client = apiClient(api.baseUrl);
  const token = await client.login('admin', ADMIN_PASSWORD);
  const http = (extra) => ({ kind: 'http', port: api.port, token, ...extra });
  const base = (extra) => ({ kind: 'pg', databaseUrl: db.url, poolSize: opts.pool, ...extra });
  if (OPPORTUNITY_CASES.some(wants)) await opportunityCases(client, sql, http, base);
  if (wants('L1')) await linkWrites(client, sql, http, base);
  if (wants('P10')) await measureApprovals(client, sql, token);
  if (wants('P7')) imports = await measureImport({ client, sql, api, db, token, crm, rowsCount: p7Rows, log });
  if (wants('P11')) web = await measureWeb({ root, mainJs, databaseUrl: db.url, adminPassword: ADMIN_PASSWORD, client, sql, log, quick: opts.quick });

  const apiExit = api.exited();
  if (apiExit) oddities.push(`the API process exited during the run: ${JSON.stringify(apiExit)}`);
  // The platform logs its first-administrator line before the log level applies; anything else is news.
  const serverOutput = api.output().replace(/\x1b\[[0-9;]*m/g, '').split('\n').filter((l) => l.trim() && !/First administrator created/.test(l)).join('\n');
  if (serverOutput) oddities.push(`the API logged (LOG_LEVEL=error):\n${serverOutput.slice(-3000)}`);
}

/** P10: approve actions (bench/approvals.mjs); its measurements leave `measured` for their own section. */
async function measureApprovals(client, sql, token) {
  const r = await approvalCases({ client, sql, api, db, token, opts, measureGroup, log });
  approvals.results.push(...r.results);
  approvals.odd.push(...r.odd);
  for (const m of r.results) measured.splice(measured.indexOf(m), 1);
}

/** L1: a quote with a relation, 5 sub-form rows and its customer's rollup, vs the hand-written transaction. */
async function linkWrites(client, sql, http, base) {
  log('L1: create a quote with a relation, 5 lines and the customer\'s rollup');
  const app = await setUpLinkApp(client, sql);
  const [admin] = await sql(`SELECT id, department_ids FROM users WHERE username = 'admin'`);
  linkOddities.push(...(await checkOneQuote(client, sql, app)));
  const { ours, baseline } = linkWriteTargets(app, { http, base, admin: { id: admin.id, deptId: admin.department_ids?.[0] ?? null } });
  const results = await measureGroup([
    { scenario: 'L1', size: app.customerIds.length, side: 'baseline', target: baseline },
    { scenario: 'L1', size: app.customerIds.length, side: 'ours', target: ours },
  ]);
  const checked = await checkRollups(sql, app);
  linkOddities.push(...checked.problems);
  for (const r of results) {
    r.tableRows = checked.quotes;
    if (r.non2xx || r.errors) linkOddities.push(`L1 ${r.side}: ${r.non2xx} non-2xx, ${r.errors} errors; first answers: ${Object.entries(r.samples).map(([s, t]) => `${s} ${t}`).join(' | ')}`);
  }
}

/** P1, P2 (and P4), P3 and P6 on the CRM's opportunity form, loaded with 100k and 1M rows. */
async function opportunityCases(client, sql, http, base) {
  const pkg = crm.buildCrmPackage({ withDemo: false });
  const form = pkg.forms.find((f) => f.key === FORM);
  const fieldKeys = form.fields.map((f) => f.key);
  const users = await setUpApp(client, sql, { ...pkg, app: { ...pkg.app, key: appKeyOf(opts.sizes[0]) } }, appKeyOf(opts.sizes[0]));
  const tables = new Map([[opts.sizes[0], users.form]]);
  for (const size of opts.sizes.slice(1)) {
    tables.set(size, (await setUpApp(client, sql, { ...pkg, app: { ...pkg.app, key: appKeyOf(size) } }, appKeyOf(size), { owners: 0 })).form);
  }
  const owners = users.users;
  log(`apps: ${opts.sizes.map((s) => `${appKeyOf(s)} (${fmtInt(s)} rows, ${tables.get(s).table})`).join('; ')}; ${owners.length} owners in ${new Set(owners.map((u) => u.deptId)).size} departments`);

  const tGen = performance.now();
  const rows = crm.generateOpportunityRows(maxSize, 20_241_101, owners.map((u) => u.id));
  log(`generated ${fmtInt(maxSize)} rows in ${fmtSeconds(performance.now() - tGen)}`);
  const clock = timeline(maxSize);
  const idsBySize = new Map();

  const selectCols = ['_id', '_version', '_created_at', '_updated_at', '_created_by', '_updated_by', '_owner_id', '_owner_dept_id', '_flow_status', '_deleted_at', ...fieldKeys.map((k) => `"${k}"`)].join(', ');

  // P2's query: two filters and a sort, 50 rows.
  const p2Body = {
    filter: { and: [{ in: [{ var: 'stage' }, ['proposal', 'negotiation']] }, { '>': [{ var: 'amount' }, 100000] }] },
    sort: [{ field: 'amount', dir: 'desc' }],
    limit: 50,
  };
  const p2Where = `_deleted_at IS NULL AND stage = ANY($1::text[]) AND amount > $2`;
  const p2Params = [['proposal', 'negotiation'], 100000];
  const p2Baseline = (table) => ({
    work: 'list',
    pageSql: `SELECT ${selectCols} FROM ${table} WHERE ${p2Where} ORDER BY amount DESC, _id DESC LIMIT 51`,
    pageParams: p2Params,
    countSql: `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${p2Where} LIMIT 10001) s`,
    countParams: p2Params,
    explainSql: `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} WHERE ${p2Where}`,
    explainParams: p2Params,
    cap: 10000,
  });

  // ---- load every size into its own table ----
  for (const size of opts.sizes) {
    const t = tables.get(size);
    log(`loading ${fmtInt(size)} rows into ${appKeyOf(size)}/${FORM}`);
    const l = await loadRows({ databaseUrl: db.url, table: t.table, tableName: t.tableName, fieldKeys, rows, from: 0, to: size, users: owners, clock, log: size >= 200_000 ? log : undefined });
    idsBySize.set(size, l.ids);
    loads.push({ size, rows: l.ids.length, copyMs: l.copyMs, indexMs: l.indexMs, vacuumMs: l.vacuumMs, totalMs: l.totalMs, indexes: l.indexes });
    log(`  ${fmtInt(l.ids.length)} rows in ${fmtSeconds(l.totalMs)} (COPY ${fmtSeconds(l.copyMs)} = ${fmtInt(l.ids.length / (l.copyMs / 1000))} rows/s; ` +
      `${l.indexes} indexes rebuilt ${fmtSeconds(l.indexMs)}; VACUUM ANALYZE ${fmtSeconds(l.vacuumMs)})`);

    // Sanity: the API sees what was loaded, and answers P2 with the rows the hand-written SQL returns.
    const ids = l.ids;
    const probe = Math.floor(size / 3);
    const got = await client.call('GET', `${recordsPath(size)}/${ids[probe]}`);
    if (got.data.amount !== rows[probe].amount || got.data.name !== rows[probe].name || got.ownerId !== rows[probe].ownerId) {
      oddities.push(`@${size}: GET ${ids[probe]} returned ${JSON.stringify(got.data)} owner ${got.ownerId}; expected ${JSON.stringify(rows[probe])}`);
    }
    const apiPage = await client.call('POST', `${recordsPath(size)}/query`, p2Body);
    const sqlPage = await sql(p2Baseline(t.table).pageSql, p2Params);
    const same = apiPage.items.length === Math.min(50, sqlPage.length) && apiPage.items.every((it, i) => it.id === sqlPage[i]._id);
    if (!same) oddities.push(`@${size}: P2 page from the API differs from the hand-written SELECT`);
    log(`  P2 matches ${apiPage.total.toLocaleString('en-US')}${apiPage.totalIsEstimate ? ' (estimate)' : ''} rows; API page ${same ? 'equals' : 'DIFFERS from'} the hand-written SELECT`);
  }

  // ---- P1 and P2 at every size, side by side ----
  if (wants('P1')) {
    log('\nP1: GET one record');
    await measureGroup(opts.sizes.flatMap((size) => {
    const ids = idsBySize.get(size);
    const sample = Array.from({ length: Math.min(100_000, size) }, () => ids[Math.floor(Math.random() * size)]);
      return [
        { scenario: 'P1', size, side: 'baseline', target: base({ work: 'get', sql: `SELECT ${selectCols} FROM ${tables.get(size).table} WHERE _id = $1 AND _deleted_at IS NULL`, ids: sample }) },
        { scenario: 'P1', size, side: 'ours', target: http({ method: 'GET', paths: sample.map((id) => `${recordsPath(size)}/${id}`) }) },
      ];
    }));
  }

  if (wants('P2')) {
    log('P2: list 50, two filters + sort');
    await measureGroup(opts.sizes.flatMap((size) => [
      { scenario: 'P2', size, side: 'baseline', target: base(p2Baseline(tables.get(size).table)) },
      { scenario: 'P2', size, side: 'ours', target: http({ method: 'POST', path: `${recordsPath(size)}/query`, bodies: [JSON.stringify(p2Body)] }) },
    ]));
  }
  if (wants('P3')) await measureP3(client, http, idsBySize);
  if (wants('P6')) await measureP6(client, http, base, tables, users, fieldKeys);
}

/** P3 on the largest table: a deep keyset page vs the first page. */
async function measureP3(client, http, idsBySize) {
  // The cursor of page N is obtained by walking the list through the API (limit 500 per step, then
  // limit 50 for the remainder), exactly as a client would.
  const size = maxSize;
  const ids = idsBySize.get(size);
  const RECORDS = recordsPath(size);
  const deepPage = Math.max(2, Math.min(10_000, Math.floor(size / 50 / 2)));
  log(`P3: page ${fmtInt(deepPage)} vs page 1 (keyset; cursor found by walking ${fmtInt((deepPage - 1) * 50)} rows through the API)`);
  p3 = { page: deepPage, size, shapes: [] };
  const p3Entries = [];
  for (const shape of [
    { key: 'createdAt', label: 'default order (createdAt desc)', sort: undefined },
    { key: 'amount', label: 'sort by amount desc', sort: [{ field: 'amount', dir: 'desc' }] },
  ]) {
    const tWalk = performance.now();
    let after;
    let skip = (deepPage - 1) * 50;
    let steps = 0;
    while (skip > 0) {
      const limit = Math.min(500, skip);
      const r = await client.call('POST', `${RECORDS}/query`, { ...(shape.sort ? { sort: shape.sort } : {}), limit, ...(after ? { after } : {}) });
      if (r.items.length !== limit || !r.nextCursor) throw new Error(`P3 walk: expected ${limit} rows and a cursor, got ${r.items.length}`);
      after = r.nextCursor;
      skip -= limit;
      steps++;
    }
    const walkMs = performance.now() - tWalk;
    const deepBody = { ...(shape.sort ? { sort: shape.sort } : {}), limit: 50, after };
    const firstBody = { ...(shape.sort ? { sort: shape.sort } : {}), limit: 50 };
    const deep = await client.call('POST', `${RECORDS}/query`, deepBody);
    if (shape.key === 'createdAt') {
      // Rows were loaded oldest first, so position p (newest first) is row size-1-p.
      const expected = ids[size - 1 - (deepPage - 1) * 50];
      if (deep.items[0]?.id !== expected) oddities.push(`P3: page ${deepPage} starts with ${deep.items[0]?.id}, expected ${expected}`);
    }
    log(`  ${shape.label}: walked ${steps} requests in ${fmtSeconds(walkMs)}`);
    p3.shapes.push({ ...shape, walkMs, steps });
    p3Entries.push(
      { scenario: `P3 ${shape.key} page 1`, size, side: 'ours', target: http({ method: 'POST', path: `${RECORDS}/query`, bodies: [JSON.stringify(firstBody)] }) },
      { scenario: `P3 ${shape.key} page ${deepPage}`, size, side: 'ours', target: http({ method: 'POST', path: `${RECORDS}/query`, bodies: [JSON.stringify(deepBody)] }) },
    );
  }
  const p3Results = await measureGroup(p3Entries);
  p3.shapes.forEach((s, i) => Object.assign(s, { first: p3Results[2 * i], far: p3Results[2 * i + 1] }));
}

/** P6 on the largest table: create a record (validation, audit, outbox) vs a raw INSERT. */
async function measureP6(client, http, base, tables, users, fieldKeys) {
  const size = maxSize;
  const RECORDS = recordsPath(size);
  log('P6: create record');
  const createRows = crm.generateOpportunityRows(20_000, 7_777, []);
  const created = await client.call('POST', RECORDS, { data: createRows[0] }, [201]);
  if (created.data.amount !== createRows[0].amount) oddities.push(`P6: created record echoes ${JSON.stringify(created.data)}`);
  const cols = ['_id', '_created_at', '_updated_at', '_created_by', '_updated_by', '_owner_id', '_owner_dept_id', ...fieldKeys.map((k) => `"${k}"`)];
  await measureGroup([
    {
      scenario: 'P6', size, side: 'baseline', target: base({
        work: 'insert',
        sql: `INSERT INTO ${tables.get(size).table} (${cols.join(', ')}) VALUES (${cols.map((_c, i) => `$${i + 1}`).join(', ')})`,
        rows: createRows.map((r) => fieldKeys.map((k) => r[k])),
        userId: users.admin.id,
        deptId: users.admin.deptId,
      }),
    },
    { scenario: 'P6', size, side: 'ours', target: http({ method: 'POST', path: RECORDS, bodies: createRows.map((r) => JSON.stringify({ data: r })), bodyOrder: 'seq' }) },
  ]);
}

let failed = null;
try {
  await main();
} catch (e) {
  failed = e;
}
await cleanUp();
env.loadAvgEnd = os.loadavg().map((v) => v.toFixed(2)).join(' ');
const totalMs = performance.now() - started;

// P9 runs in its own process (no server, no database): our compiled conditions against json-logic-js.
let extraRows = [];
try {
  if (!wants('P9')) throw new Error('not asked for');
  const p9 = execFileSync(process.execPath, [path.join(root, 'scripts/bench/p9-condition.mjs')], { encoding: 'utf8', env: { ...process.env, BENCH_SECONDS: String(Math.min(opts.seconds, 5)) } });
  const line = p9.trim().split('\n').pop();
  log(line);
  extraRows = [line.split('|').slice(1, -1).map((c) => c.trim())];
} catch (e) {
  if (wants('P9')) oddities.push(`P9: ${e.message}`);
}

const importTableRows = importRows(imports);
if (measured.length || approvals.results.length || importTableRows.length) {
  const rowsOut = buildRows({ measured, sizes: opts.sizes, p3 });
  const linkRow = linkWritesRow(measured);
  log('');
  const p10Rows = approvalRows(approvals.results);
  printTable([...rowsOut, ...importTableRows, ...(linkRow ? [linkRow] : []), ...p10Rows], env, log);
  if (loads.length) log(`load: ${loads.map((l) => `${fmtInt(l.rows)} rows in ${fmtSeconds(l.totalMs)}`).join('; ')}`);
  log(`total bench runtime: ${fmtSeconds(totalMs)}`);
  const importOdd = imports?.odd ?? [];
  if (oddities.length || linkOddities.length || approvals.odd.length || importOdd.length) {
    log('\nodd:');
    for (const o of [...oddities, ...linkOddities, ...approvals.odd, ...importOdd]) log(`- ${o}`);
  } else {
    log('\nno errors, no non-2xx answers');
  }
  if (opts.docs && !failed) {
    const file = path.join(root, 'docs/benchmarks.md');
    const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
    const linkSection = buildLinkWritesSection({ env, opts, measured, linkOddities, totalMs, method: LINK_METHOD });
    const approvalsSection = buildApprovalsSection({ env, opts, results: approvals.results, odd: approvals.odd, totalMs });
    const importSection = imports ? buildImportSection({ env, measured: imports }) : null;
    if (only === null) {
      const markdown = buildMarkdown({ extraRows, rows: rowsOut, env, opts, measured, loads, p3, oddities, totalMs, previous, linkSection });
      const withApprovals = replaceApprovalsSection(markdown, approvalsSection ?? keptApprovalsSection(previous), p10Rows);
      writeFileSync(file, replaceImportSection(withApprovals, importSection ?? keptImportSection(previous), importTableRows));
      log(`wrote ${path.relative(root, file)}`);
    } else if (linkSection || approvalsSection || importSection) {
      let text = linkSection ? replaceLinkWritesSection(previous, linkSection) : previous;
      if (approvalsSection) text = replaceApprovalsSection(text, approvalsSection, p10Rows);
      if (importSection) text = replaceImportSection(text, importSection, importTableRows);
      writeFileSync(file, text);
      log(`wrote the ${[linkSection && '"Link writes"', approvalsSection && '"Approvals" (and the P10 line)', importSection && '"Import" (and the P7 lines)'].filter(Boolean).join(' and ')} section of ${path.relative(root, file)} (a run with --only rewrites nothing else)`);
    } else {
      log(`docs/benchmarks.md not written: a run with --only rewrites only the "Link writes", "Approvals" and "Import" sections`);
    }
  } else if (!opts.docs) {
    log('docs/benchmarks.md not written (pass --docs to write it)');
  }
}
if (web) reportWeb(web, env, { file: path.join(root, 'docs/benchmarks.md'), write: opts.docs && !failed, log });
if (failed) {
  console.error(failed.stack ?? failed);
  process.exit(1);
}
process.exit(0);
