// P11, the web app in Debian's Chromium (playwright-core):
//  - the JavaScript of the first route a newcomer meets (the login page), gzipped, and of the app list
//    after signing in;
//  - main-thread long tasks (over 50 ms) while scrolling a records grid that holds 100k loaded rows.
//
// The built platform (apps/api/dist/main.js serving apps/web/dist) runs in a child process of its own on
// the bench database. The case makes an app with one form of 8 typical fields, loads its rows with COPY
// (bench/dataset.mjs), signs in as the administrator, opens the records page and scrolls to the bottom
// until the grid has loaded every row, then scrolls it while a PerformanceObserver records long tasks.
//
//   npm run bench -- --only P11          100k rows, 3 runs of each scroll pattern (about 10 min on 2 cores)
//   npm run bench -- --only P11 --quick  2,000 rows, 1 run, docs untouched
//   BENCH_WEB_ROWS=20000                 another row count
//   BENCH_WEB_DIST=/tmp/x/apps/web/dist  measure another build of the web app (to try a change out)
//   BENCH_WEB_TRACE_DIR=/tmp/traces     keep the traced runs' Chrome traces there
//   BENCH_WEB_TRACE_EXTRA=a,b           more trace categories with it
//   BENCH_WEB_REPS=1                    runs of each scroll pattern
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium as playwright } from 'playwright-core';
import { DESKTOP, LAUNCH_ARGS } from '../../apps/web/e2e/support.mjs';
import { loadRows, timeline } from './dataset.mjs';
import { fmtInt, fmtMs, fmtSeconds } from './stats.mjs';

export const WEB_APP = 'bench_web';
const FORM_KEY = 'ticket';
const GOAL_KB = 350;
const GOAL_TASK_MS = 50;
/** Rows created through the API first: the API validates them, so the generator's values are known valid. */
const VALIDATED_ROWS = 10;
const USERS = 8;
const STATUSES = ['new', 'open', 'waiting', 'done', 'cancelled'];
const STATUS_LABELS = { new: ['新建', 'New'], open: ['处理中', 'Open'], waiting: ['等待中', 'Waiting'], done: ['已完成', 'Done'], cancelled: ['已取消', 'Cancelled'] };
const label = (zh, en) => ({ 'zh-CN': zh, 'en-US': en });

const ticketForm = {
  key: FORM_KEY,
  name: label('工单', 'Ticket'),
  settings: { titleField: 'title' },
  fields: [
    { key: 'title', type: 'text', label: label('标题', 'Title'), required: true },
    { key: 'status', type: 'select', label: label('状态', 'Status'), options: { options: STATUSES.map((k) => ({ key: k, label: label(...STATUS_LABELS[k]) })) } },
    { key: 'amount', type: 'money', label: label('金额', 'Amount') },
    { key: 'quantity', type: 'number', label: label('数量', 'Quantity') },
    { key: 'due_date', type: 'date', label: label('截止日期', 'Due date') },
    { key: 'assignee', type: 'member', label: label('负责人', 'Assignee') },
    { key: 'email', type: 'email', label: label('联系邮箱', 'Contact email') },
    { key: 'urgent', type: 'switch', label: label('紧急', 'Urgent') },
  ],
};
const FIELD_KEYS = ticketForm.fields.map((f) => f.key);

/** A small deterministic generator (mulberry32): every run loads the same rows. */
function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `count` ticket rows (field values plus `ownerId`), owners and assignees drawn from `userIds`. */
function generateTickets(count, seed, userIds) {
  const next = seeded(seed);
  const pick = (list) => list[Math.floor(next() * list.length)];
  const day0 = Date.UTC(2026, 0, 1);
  return Array.from({ length: count }, (_v, i) => ({
    title: `Ticket ${i + 1}: ${pick(['printer', 'invoice', 'login', 'delivery', 'refund', 'contract'])} ${pick(['issue', 'request', 'question', 'follow-up'])}`,
    status: pick(STATUSES),
    amount: (Math.floor(next() * 10_000_000) / 100).toFixed(2),
    quantity: 1 + Math.floor(next() * 50),
    due_date: new Date(day0 + Math.floor(next() * 365) * 86_400_000).toISOString().slice(0, 10),
    assignee: next() < 0.9 ? pick(userIds) : null,
    email: `customer${1 + Math.floor(next() * 50_000)}@example.com`,
    urgent: next() < 0.15,
    ownerId: pick(userIds),
  }));
}

/** The app, its form and its users through the API; the rows: a few through the API, the rest with COPY. */
async function setUpWebData({ client, sql, databaseUrl, rowCount, log }) {
  await client.call('POST', '/api/apps', { key: WEB_APP, name: label('基准: 网页', 'Bench web') });
  await client.call('POST', `/api/apps/${WEB_APP}/forms`, ticketForm);
  const deptIds = [];
  for (let d = 0; d < 2; d++) deptIds.push((await client.call('POST', '/api/departments', { name: `Bench web ${d + 1}` })).id);
  const users = [];
  for (let i = 0; i < USERS; i++) {
    const deptId = deptIds[i % deptIds.length];
    const u = await client.call('POST', '/api/users', { username: `bench.web${i + 1}`, name: `Web user ${i + 1}`, password: `Bench@web${i + 1}`, departmentIds: [deptId] });
    users.push({ id: u.id, deptId });
  }
  const [form] = await sql(`SELECT table_name FROM forms WHERE app_key = $1 AND key = $2`, [WEB_APP, FORM_KEY]);
  if (!form) throw new Error(`P11: the form ${WEB_APP}/${FORM_KEY} was not created`);
  const rows = generateTickets(rowCount, 20_261_127, users.map((u) => u.id));
  const records = `/api/apps/${WEB_APP}/forms/${FORM_KEY}/records`;
  for (const r of rows.slice(0, VALIDATED_ROWS)) {
    const { ownerId: _owner, ...data } = r;
    await client.call('POST', records, { data }, [201]);
  }
  const l = await loadRows({
    databaseUrl, table: `data."${form.table_name}"`, tableName: form.table_name, fieldKeys: FIELD_KEYS, rows,
    from: VALIDATED_ROWS, to: rowCount, users, clock: timeline(rowCount),
  });
  // The API reads a loaded row back as it was generated.
  const probe = Math.floor(rowCount / 2);
  const got = await client.call('GET', `${records}/${l.ids[probe - VALIDATED_ROWS]}`);
  const want = rows[probe];
  const problems = FIELD_KEYS.filter((k) => String(got.data[k] ?? null) !== String(want[k] ?? null)).map((k) => `${k}: got ${JSON.stringify(got.data[k])}, want ${JSON.stringify(want[k])}`);
  if (problems.length) throw new Error(`P11: a loaded row reads back differently: ${problems.join('; ')}`);
  log(`  ${fmtInt(rowCount)} rows (${VALIDATED_ROWS} through the API, ${fmtInt(l.ids.length)} with COPY in ${fmtSeconds(l.totalMs)})`);
  return { loadMs: l.totalMs };
}

// ---- the platform serving the web app ----

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** The built platform with the built web app, on a free loopback port; resolves once /api/health answers. */
async function startWebPlatform({ mainJs, databaseUrl, webDist }) {
  const port = await freePort();
  const watch = fileURLToPath(new URL('./parent-watch.cjs', import.meta.url));
  const child = spawn(process.execPath, ['--require', watch, mainJs], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SEED_CRM: 'false', LOG_LEVEL: 'error', WEB_DIST: webDist, NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const output = [];
  child.stdout.on('data', (c) => output.push(c.toString()));
  child.stderr.on('data', (c) => output.push(c.toString()));
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    const done = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await done;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`P11: the platform exited during start (${JSON.stringify(exited)}):\n${output.join('')}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`P11: the platform did not become healthy within 60 s:\n${output.join('')}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { baseUrl, pid: child.pid, stop, output: () => output.join('') };
}

// ---- first route: JavaScript sizes ----

/** Records every JavaScript response of the page (once per URL) with its raw and gzipped size. */
function watchScripts(page) {
  const seen = new Map();
  page.on('response', (res) => {
    const url = res.url();
    const type = res.headers()['content-type'] ?? '';
    if (!/javascript/.test(type) && !/\.m?js$/.test(new URL(url).pathname)) return;
    if (seen.has(url)) return;
    const encoding = res.headers()['content-encoding'] ?? null;
    const entry = { url, encoding };
    entry.done = (async () => {
      const body = await res.body();
      entry.raw = body.length;
      // Sent gzipped: what came over the wire; sent plain: what gzip -9 makes of it.
      entry.gzip = encoding === 'gzip' ? (await res.request().sizes()).responseBodySize : gzipSync(body, { level: 9 }).length;
    })().catch((e) => (entry.error = e.message));
    seen.set(url, entry);
  });
  return {
    /** The scripts seen so far (waits for their bodies). */
    snapshot: async () => {
      const all = [...seen.values()];
      await Promise.all(all.map((e) => e.done));
      return all.map(({ url, encoding, raw, gzip, error }) => ({ file: new URL(url).pathname, encoding, raw, gzip, error }));
    },
  };
}

const sum = (files, key) => files.reduce((s, f) => s + (f[key] ?? 0), 0);
const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

/** The login page (first route) and the app list after signing in; the page is left signed in. */
async function measureFirstRoutes(page, baseUrl, adminPassword, log) {
  const scripts = watchScripts(page);
  await page.goto(`${baseUrl}/login`);
  await page.getByTestId('login-username').waitFor();
  await page.waitForLoadState('networkidle');
  const login = await scripts.snapshot();
  await page.getByTestId('login-username').fill('admin');
  await page.getByTestId('login-password').fill(adminPassword);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(`app-card-${WEB_APP}`).waitFor();
  await page.waitForLoadState('networkidle');
  const appList = await scripts.snapshot();
  const routes = { login, appList, scripts };
  const failed = [...login, ...appList].filter((f) => f.error);
  if (failed.length) throw new Error(`P11: could not read ${failed.map((f) => `${f.file} (${f.error})`).join(', ')}`);
  const encodings = new Set(appList.map((f) => f.encoding ?? 'none'));
  log(`  first route /login: ${login.length} JS files, ${kB(sum(login, 'raw'))} raw, ${kB(sum(login, 'gzip'))} gzipped (content-encoding sent: ${[...encodings].join(', ')})`);
  log(`  app list after sign-in: ${appList.length} JS files in all, ${kB(sum(appList, 'gzip'))} gzipped (+${appList.length - login.length} files, +${kB(sum(appList, 'gzip') - sum(login, 'gzip'))})`);
  return routes;
}

// ---- scrolling ----

/** Scrolls the grid to its end over and over until it has loaded `target` rows or stops loading. */
const loadAllRowsInPage = async (target) => {
  const grid = document.querySelector('[data-testid="records-grid"]');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const rowCount = () => Number(grid.getAttribute('aria-rowcount'));
  const hasLoader = () => !!grid.querySelector('.records-grid__loader');
  const t0 = performance.now();
  let requests = 0;
  for (;;) {
    grid.scrollTop = grid.scrollHeight;
    await new Promise((r) => requestAnimationFrame(() => r()));
    await sleep(0);
    const before = rowCount();
    if (!hasLoader()) {
      // Nothing more to load, unless the loader only has not shown yet.
      await sleep(500);
      if (!hasLoader() && rowCount() === before) break;
    }
    const until = performance.now() + 60_000;
    while (rowCount() === before && performance.now() < until) await sleep(5);
    if (rowCount() === before) break;
    requests++;
    if (rowCount() - 1 >= target) {
      await sleep(300);
      if (!hasLoader()) break;
    }
  }
  const loaded = rowCount() - 1 - (hasLoader() ? 1 : 0);
  return { loaded, ms: performance.now() - t0, requests, heapMb: performance.memory ? performance.memory.usedJSHeapSize / 2 ** 20 : null };
};

/** One long-task observer for the page; entries are kept with their start time. */
const installObserverInPage = () => {
  const w = window;
  w.__p11 = { tasks: [] };
  const keep = (list) => {
    for (const e of list.getEntries()) {
      w.__p11.tasks.push({ start: e.startTime, duration: e.duration, name: e.name, attribution: (e.attribution ?? []).map((a) => `${a.containerType}:${a.containerName || a.containerSrc || a.name}`).join(' ') });
    }
  };
  w.__p11.observer = new PerformanceObserver(keep);
  w.__p11.observer.observe({ type: 'longtask', buffered: true });
  return PerformanceObserver.supportedEntryTypes.includes('longtask');
};

/**
 * Jumps as a dragged scrollbar does: `steps` scrollTop settings `stepMs` apart, top to bottom and back,
 * each about size/half rows from the last (a new set of rows every time).
 */
const scrollJumpsInPage = async ({ steps, stepMs }) => {
  const grid = document.querySelector('[data-testid="records-grid"]');
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  grid.scrollTop = 0;
  await sleep(500);
  const max = grid.scrollHeight - grid.clientHeight;
  const half = steps / 2;
  let deepest = 0;
  const t0 = performance.now();
  for (let i = 1; i <= steps; i++) {
    grid.scrollTop = Math.round((i <= half ? i / half : (steps - i) / half) * max);
    await sleep(stepMs);
    if (i === half) for (const r of grid.querySelectorAll('[data-testid="record-row"]')) deepest = Math.max(deepest, Number(r.getAttribute('aria-rowindex')));
  }
  return { t0, t1: performance.now(), deepest, endTop: grid.scrollTop };
};

const gridBox = async (page) => page.getByTestId('records-grid').boundingBox();

/** Wheel scrolling over the grid: `steps` wheel events of `delta` px, half down, half up, `stepMs` apart. */
async function scrollWheel(page, { steps, stepMs, delta }) {
  const box = await gridBox(page);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const start = await page.evaluate(async () => {
    const grid = document.querySelector('[data-testid="records-grid"]');
    grid.scrollTop = Math.round((grid.scrollHeight - grid.clientHeight) / 2);
    await new Promise((r) => setTimeout(r, 500));
    // The deepest point is noted by a scroll listener: no script of the harness runs in the page mid-run.
    window.__p11.lowest = grid.scrollTop;
    grid.onscroll = () => { window.__p11.lowest = Math.max(window.__p11.lowest, grid.scrollTop); };
    return { t0: performance.now(), top: grid.scrollTop };
  });
  for (let i = 0; i < steps; i++) {
    await page.mouse.wheel(0, i < steps / 2 ? delta : -delta);
    await new Promise((r) => setTimeout(r, stepMs));
  }
  const { t1, lowest } = await page.evaluate(() => {
    document.querySelector('[data-testid="records-grid"]').onscroll = null;
    return { t1: performance.now(), lowest: window.__p11.lowest };
  });
  return { t0: start.t0, t1, moved: lowest - start.top };
}

/** The long tasks that started within [t0, t1] (after letting the observer deliver). */
async function tasksBetween(page, t0, t1) {
  await page.waitForTimeout(600);
  return page.evaluate(([a, b]) => {
    const w = window;
    w.__p11.observer.takeRecords().forEach((e) => w.__p11.tasks.push({ start: e.startTime, duration: e.duration, name: e.name, attribution: '' }));
    return w.__p11.tasks.filter((t) => t.start >= a && t.start <= b);
  }, [t0, t1]);
}

const summariseTasks = (tasks) => ({
  longest: tasks.reduce((m, t) => Math.max(m, t.duration), 0),
  over50: tasks.filter((t) => t.duration > GOAL_TASK_MS).length,
  totalMs: tasks.reduce((s, t) => s + t.duration, 0),
});

/** Self time by function (and by script) from a CDP CPU profile, idle time left out of the shares. */
function profileSummary(profile, top = 12) {
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFn = new Map();
  const byScript = new Map();
  let total = 0;
  let idle = 0;
  for (const [id, ms] of self) {
    const cf = byNode.get(id).callFrame;
    if (cf.functionName === '(idle)') {
      idle += ms;
      continue;
    }
    const file = cf.url ? path.basename(new URL(cf.url, 'http://x').pathname) : '';
    const key = file ? `${cf.functionName || '(anonymous)'} ${file}:${cf.lineNumber + 1}:${cf.columnNumber + 1}` : cf.functionName;
    byFn.set(key, (byFn.get(key) ?? 0) + ms);
    byScript.set(file || cf.functionName, (byScript.get(file || cf.functionName) ?? 0) + ms);
    total += ms;
  }
  const sorted = (m) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name, ms]) => ({ name, ms, pct: (ms / total) * 100 }));
  return { totalMs: total, idleMs: idle, functions: sorted(byFn), scripts: sorted(byScript) };
}

/** Where a trace event's time goes: script, style and layout, paint, garbage collection, or other. */
function traceCategory(name) {
  if (/GC|GarbageCollect/i.test(name)) return 'gc';
  if (/^(FunctionCall|EvaluateScript|v8\.|V8\.|TimerFire|EventDispatch|FireAnimationFrame|RunMicrotasks|XHR|HandlePostMessage)/.test(name)) return 'script';
  if (/Paint|Composit|Commit|Raster|Layeriz|UpdateLayer|Decode/.test(name)) return 'paint';
  if (/Layout|Style|Shape|Inline|Text|Font/i.test(name)) return 'style+layout';
  return 'other';
}

/**
 * The main-thread tasks over 50 ms in a Chrome trace, and the time inside them by category (self time
 * of the nested trace events, so that a layout forced by script counts as layout).
 */
function traceBreakdown(buffer) {
  const events = JSON.parse(buffer.toString('utf8')).traceEvents ?? [];
  const main = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  if (!main) return null;
  const mine = events.filter((e) => e.ph === 'X' && e.pid === main.pid && e.tid === main.tid && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const byCategory = {};
  const byName = new Map();
  let tasks = 0;
  let taskMs = 0;
  let taskCpuMs = 0;
  let longestMs = 0;
  let longestCpuMs = 0;
  let over50Cpu = 0;
  // The longest main-thread task of any length (wall, and its CPU).
  let anyLongestMs = 0;
  let anyLongestCpuMs = 0;
  let taskEnd = -1;
  const stack = [];
  const flush = () => {
    for (const done of stack) byName.set(done.name, (byName.get(done.name) ?? 0) + done.self / 1000);
    stack.length = 0;
  };
  for (const e of mine) {
    const top = e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask';
    if (top && e.ts >= taskEnd) {
      flush();
      if (e.dur / 1000 > anyLongestMs) {
        anyLongestMs = e.dur / 1000;
        anyLongestCpuMs = typeof e.tdur === 'number' ? e.tdur / 1000 : 0;
      }
      if (e.dur / 1000 <= GOAL_TASK_MS) {
        taskEnd = -1;
        continue;
      }
      tasks++;
      taskMs += e.dur / 1000;
      if (typeof e.tdur === 'number') longestCpuMs = Math.max(longestCpuMs, e.tdur / 1000);
      longestMs = Math.max(longestMs, e.dur / 1000);
      if (typeof e.tdur === 'number') taskCpuMs += e.tdur / 1000;
      if (e.tdur / 1000 > GOAL_TASK_MS) over50Cpu++;
      taskEnd = e.ts + e.dur;
      stack.push({ name: e.name, end: taskEnd, self: e.dur });
      continue;
    }
    if (e.ts >= taskEnd) continue;
    while (stack.length && stack.at(-1).end <= e.ts) {
      const done = stack.pop();
      byName.set(done.name, (byName.get(done.name) ?? 0) + done.self / 1000);
    }
    if (stack.length) stack.at(-1).self -= e.dur;
    stack.push({ name: e.name, end: e.ts + e.dur, self: e.dur });
  }
  flush();
  for (const [name, ms] of byName) byCategory[traceCategory(name)] = (byCategory[traceCategory(name)] ?? 0) + ms;
  const names = [...byName].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([name, ms]) => ({ name, ms }));
  return { tasks, over50Cpu, taskMs, taskCpuMs, longestMs, longestCpuMs, anyLongestMs, anyLongestCpuMs, byCategory, names };
}

/** Runs `run` under Chrome tracing and logs where its long tasks' time went; returns the breakdown (or null). */
async function tracedRun(browser, page, label, run, log) {
  // BENCH_WEB_TRACE_DIR: keep each traced run's trace there (open it in chrome://tracing or DevTools).
  const keep = process.env.BENCH_WEB_TRACE_DIR;
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', ...(keep ? ['toplevel', 'disabled-by-default-v8.gc', 'blink.user_timing', ...(process.env.BENCH_WEB_TRACE_EXTRA ?? '').split(',').filter(Boolean)] : [])] });
  await run();
  const buffer = await browser.stopTracing();
  if (keep) writeFileSync(path.join(keep, `p11-${label}-${Date.now()}.json`), buffer);
  const t = traceBreakdown(buffer);
  if (t) {
    const share = (ms) => (t.taskMs > 0 ? `${((ms / t.taskMs) * 100).toFixed(0)}%` : '-');
    log(`  traced ${label} run: longest task ${fmtMs(t.anyLongestMs)} (${fmtMs(t.anyLongestCpuMs)} CPU); ${t.tasks} tasks over 50 ms, ${fmtMs(t.taskMs)} in all (${fmtMs(t.taskCpuMs)} of main-thread CPU); ` +
      `longest ${fmtMs(t.longestMs)} (${fmtMs(t.longestCpuMs)} CPU); ${t.over50Cpu} with over 50 ms of CPU: ` +
      `${Object.entries(t.byCategory).sort((x, y) => y[1] - x[1]).map(([c, ms]) => `${c} ${share(ms)}`).join(', ')}`);
    log(`    by event: ${t.names.map((n) => `${n.name} ${fmtMs(n.ms)}`).join('; ')}`);
  }
  return t;
}

/** Signs-in page -> records page with every row loaded -> `reps` runs of each scroll pattern (+ one profiled). */
async function measureScrolling(browser, page, cdp, baseUrl, { rowCount, reps, log }) {
  await page.goto(`${baseUrl}/apps/${WEB_APP}/forms/${FORM_KEY}`);
  await page.getByTestId('record-row').first().waitFor();
  const load = await page.evaluate(loadAllRowsInPage, rowCount);
  log(`  grid loaded ${fmtInt(load.loaded)} of ${fmtInt(rowCount)} rows in ${fmtSeconds(load.ms)} (${fmtInt(load.requests)} page loads by scrolling to the end)` +
    `${load.heapMb ? `; JS heap ${load.heapMb.toFixed(0)} MB` : ''}`);
  const supported = await page.evaluate(installObserverInPage);
  if (!supported) throw new Error('P11: this Chromium does not report long tasks');
  const runs = { jumps: [], wheel: [] };
  const jumpOpts = { steps: 200, stepMs: 25 };
  const wheelOpts = { steps: 200, stepMs: 25, delta: 1200 };
  for (let rep = 1; rep <= reps; rep++) {
    const j = await page.evaluate(scrollJumpsInPage, jumpOpts);
    const jt = await tasksBetween(page, j.t0, j.t1);
    runs.jumps.push({ ...summariseTasks(jt), ms: j.t1 - j.t0, deepest: j.deepest, tasks: jt });
    const w = await scrollWheel(page, wheelOpts);
    const wt = await tasksBetween(page, w.t0, w.t1);
    runs.wheel.push({ ...summariseTasks(wt), ms: w.t1 - w.t0, moved: w.moved, tasks: wt });
    log(`  run ${rep}: jumps (${fmtSeconds(j.t1 - j.t0)}, reached row ${fmtInt(j.deepest - 1)}): longest task ${fmtMs(runs.jumps.at(-1).longest)}, ${runs.jumps.at(-1).over50} over 50 ms; ` +
      `wheel (${fmtSeconds(w.t1 - w.t0)}, ${fmtInt(w.moved)} px down): longest ${fmtMs(runs.wheel.at(-1).longest)}, ${runs.wheel.at(-1).over50} over 50 ms`);
  }
  // One more jump run under the sampling profiler (not counted: profiling slows the page down).
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 250 });
  await cdp.send('Profiler.start');
  const pj = await page.evaluate(scrollJumpsInPage, jumpOpts);
  const { profile } = await cdp.send('Profiler.stop');
  const profiled = { ...summariseTasks(await tasksBetween(page, pj.t0, pj.t1)), ms: pj.t1 - pj.t0, profile: profileSummary(profile) };
  log(`  profiled jump run: ${fmtMs(profiled.profile.totalMs)} busy, ${fmtMs(profiled.profile.idleMs)} idle; top self time: ${profiled.profile.functions.slice(0, 5).map((f) => `${f.name} ${f.pct.toFixed(0)}%`).join('; ')}`);
  // And one traced run of each pattern: what the long tasks spend their time on, and their CPU time.
  const traced = {
    jumps: await tracedRun(browser, page, 'jump', () => page.evaluate(scrollJumpsInPage, jumpOpts), log),
    wheel: await tracedRun(browser, page, 'wheel', () => scrollWheel(page, wheelOpts), log),
  };
  // What the page holds once the runs are over: the JS heap after a full garbage collection (forced only
  // now, so that it does not change when the runs' collections come).
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  load.liveHeapMb = usedSize / 2 ** 20;
  log(`  live JS heap after the runs (after a full garbage collection): ${load.liveHeapMb.toFixed(0)} MB`);
  return { load, runs, profiled, traced, jumpOpts, wheelOpts };
}

// ---- the case ----

const shell = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
};

/** When apps/web/dist/index.html was built (the bench measures what is built; `node scripts/build.mjs` refreshes it). */
function webBuiltAt(webDist) {
  const index = path.join(webDist, 'index.html');
  return existsSync(index) ? new Date(statSync(index).mtimeMs).toISOString() : null;
}

/**
 * P11. `client` and `sql` set the data up through the bench's API and database; the browser talks to a
 * platform process of its own that serves the web app. Returns the figures for the report.
 */
export async function measureWeb({ root, mainJs, databaseUrl, adminPassword, client, sql, log, quick = false }) {
  const started = performance.now();
  const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
  if (!chromium) throw new Error('P11 needs Chromium (/usr/bin/chromium)');
  // BENCH_WEB_DIST: another build of the web app (to try a change out without touching apps/web/dist).
  const webDist = process.env.BENCH_WEB_DIST ? path.resolve(process.env.BENCH_WEB_DIST) : path.join(root, 'apps/web/dist');
  const builtAt = webBuiltAt(webDist);
  if (!builtAt) throw new Error('P11: apps/web/dist is missing: run `node scripts/build.mjs` first');
  const rowCount = Number(process.env.BENCH_WEB_ROWS) || (quick ? 2000 : 100_000);
  const reps = Number(process.env.BENCH_WEB_REPS) || (quick ? 1 : 3);
  const machine = { nproc: shell('nproc', []), loadStart: os.loadavg().map((v) => v.toFixed(2)).join(' '), uptimeStart: shell('uptime', []) };
  log(`P11: web app (first route JS; scrolling ${fmtInt(rowCount)} loaded rows), web built ${builtAt}`);
  const data = await setUpWebData({ client, sql, databaseUrl, rowCount, log });
  const platform = await startWebPlatform({ mainJs, databaseUrl, webDist });
  const browser = await playwright.launch({ executablePath: chromium, args: LAUNCH_ARGS });
  const chromiumVersion = browser.version();
  const problems = [];
  try {
    const context = await browser.newContext({ viewport: DESKTOP, locale: 'zh-CN' });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => {
      // The login page asks who is signed in and gets a 401: expected before signing in.
      if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(`console: ${m.text().slice(0, 300)}`);
    });
    const routes = await measureFirstRoutes(page, platform.baseUrl, adminPassword, log);
    const cdp = await context.newCDPSession(page);
    const scroll = await measureScrolling(browser, page, cdp, platform.baseUrl, { rowCount, reps, log });
    const recordsRoute = await routes.scripts.snapshot();
    machine.loadEnd = os.loadavg().map((v) => v.toFixed(2)).join(' ');
    machine.uptimeEnd = shell('uptime', []);
    return {
      rowCount, reps, builtAt, chromiumVersion, machine, problems, loadMs: data.loadMs,
      routes: { login: routes.login, appList: routes.appList, records: recordsRoute },
      scroll, totalMs: performance.now() - started,
    };
  } finally {
    await browser.close().catch(() => undefined);
    await platform.stop();
  }
}

// ---- report ----

const START = '<!-- web:start -->';
const END = '<!-- web:end -->';
/** A hand-written part inside the section, kept as it is by later runs. */
const ANALYSIS_START = '<!-- web-analysis:start -->';
const ANALYSIS_END = '<!-- web-analysis:end -->';
const cells = (r) => [r.id, r.what, r.baseline, r.ours, r.ratio, r.goal, r.met];
const mdTable = (headers, rows) => [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
const worst = (runs) => runs.reduce((w, r) => (r.longest > w.longest || (r.longest === w.longest && r.over50 > w.over50) ? r : w), runs[0]);

/**
 * "; traced: ...": the traced runs' longest task over 50 ms in main-thread CPU time or, when none was
 * over 50 ms, their longest task of all (wall and CPU).
 */
function cpuNote(traced) {
  const t = Object.values(traced ?? {}).filter(Boolean);
  if (!t.length) return '';
  if (t.some((x) => x.tasks > 0)) return `; traced: longest ${fmtMs(Math.max(...t.map((x) => x.longestCpuMs)))} of CPU`;
  const longest = t.reduce((a, b) => ((b.anyLongestMs ?? 0) > (a.anyLongestMs ?? 0) ? b : a));
  return longest.anyLongestMs === undefined ? '' : `; traced: no task over 50 ms, the longest ${fmtMs(longest.anyLongestMs)} (${fmtMs(longest.anyLongestCpuMs)} of CPU)`;
}

/** The P11 rows of the results table. */
export function webRows(r) {
  const login = sum(r.routes.login, 'gzip');
  const list = sum(r.routes.appList, 'gzip');
  const j = worst(r.scroll.runs.jumps);
  const w = worst(r.scroll.runs.wheel);
  const longest = Math.max(j.longest, w.longest);
  const over = Math.max(...r.scroll.runs.jumps.map((x) => x.over50), ...r.scroll.runs.wheel.map((x) => x.over50));
  return [
    {
      id: 'P11', what: 'web: first route JS, gzipped (login page; app list after sign-in beside it)', baseline: '-',
      ours: `login ${kB(login)} (${r.routes.login.length} files); app list ${kB(list)}`, ratio: '-', goal: `<= ${GOAL_KB} kB`, met: login <= GOAL_KB * 1000 ? 'yes' : 'NO',
    },
    {
      id: 'P11', what: `web: scrolling ${fmtInt(r.scroll.load.loaded)} loaded rows (worst of ${r.reps} runs)`, baseline: '-',
      ours: `longest task ${longest > 0 ? fmtMs(longest) : 'none over 50 ms'}; ${over} task(s) over 50 ms in a run (jumps ${j.longest > 0 ? fmtMs(j.longest) : 'none'}, wheel ${w.longest > 0 ? fmtMs(w.longest) : 'none'})${cpuNote(r.scroll.traced)}`, ratio: '-',
      goal: 'no main-thread task over 50 ms', met: longest <= GOAL_TASK_MS && r.scroll.load.loaded >= r.rowCount ? 'yes' : 'NO',
    },
  ];
}

const fileTable = (files) => mdTable(['script', 'raw', 'gzip -9'], [...files].sort((a, b) => b.gzip - a.gzip).map((f) => [`\`${f.file.replace('/assets/', '')}\``, kB(f.raw), kB(f.gzip)]));

/** The "Web app (P11)" section of docs/benchmarks.md (between its markers). */
export function buildWebSection(r, env, analysis = null) {
  const rows = webRows(r);
  const s = r.scroll;
  const { login, appList, records } = r.routes;
  const encodings = [...new Set(appList.map((f) => f.encoding ?? 'none'))].join(', ');
  const out = [START, '## Web app (P11)\n'];
  out.push(`Results of ${env.date.slice(0, 16).replace('T', ' ')} UTC (\`npm run bench -- --only P11\`). Machine: **${env.cores} cores** (\`nproc\` ${r.machine.nproc}; ${env.cpuModel}), ` +
    `${env.memoryGb} GB; Node ${env.node}; Chromium ${r.chromiumVersion} headless (the browser tests' flags), viewport 1440x900. Load average ` +
    `${r.machine.loadStart} when P11 started, ${r.machine.loadEnd} when it ended (other work shares this machine). Web app built ${r.builtAt.slice(0, 16).replace('T', ' ')} UTC; ` +
    `code: commit ${env.commit}. P11 took ${fmtSeconds(r.totalMs)}.\n`);
  out.push(mdTable(['id', 'what', 'baseline', 'ours', 'ratio', 'goal', 'met?'], rows.map(cells)));
  out.push('');
  out.push(`**JavaScript per route** (every JS response, once per URL; the server sends them uncompressed (content-encoding: ${encodings}), so the sizes are ` +
    `what \`gzip -9\` makes of each file; 1 kB = 1,000 bytes):\n`);
  out.push(mdTable(['route', 'JS files', 'raw', 'gzipped'], [
    ['`/login` (first route)', fmtInt(login.length), kB(sum(login, 'raw')), kB(sum(login, 'gzip'))],
    ['app list after signing in (cumulative)', fmtInt(appList.length), kB(sum(appList, 'raw')), kB(sum(appList, 'gzip'))],
    ['records page after that (cumulative)', fmtInt(records.length), kB(sum(records, 'raw')), kB(sum(records, 'gzip'))],
  ]));
  out.push('');
  out.push('<details><summary>Scripts of the first route</summary>\n');
  out.push(fileTable(login));
  out.push('\n</details>\n');
  out.push(`**Scrolling.** The grid loaded ${fmtInt(s.load.loaded)} of ${fmtInt(r.rowCount)} rows in ${fmtSeconds(s.load.ms)} (${fmtInt(s.load.requests)} pages of 100, ` +
    `each fetched by scrolling to the end)${s.load.heapMb ? `; JS heap afterwards ${s.load.heapMb.toFixed(0)} MB (garbage not yet collected included)` : ''}` +
    `${s.load.liveHeapMb ? `; live JS heap after the runs, after a full garbage collection, ${s.load.liveHeapMb.toFixed(0)} MB` : ''}. Long tasks per run:\n`);
  out.push(mdTable(['run', 'pattern', 'duration', 'longest task', 'tasks > 50 ms', 'long-task time'], [
    ...s.runs.jumps.flatMap((x, i) => [
      [String(i + 1), `jumps: ${s.jumpOpts.steps} scrollTop steps, top to bottom and back (reached row ${fmtInt(x.deepest - 1)})`, fmtSeconds(x.ms), x.longest > 0 ? fmtMs(x.longest) : 'none over 50 ms', fmtInt(x.over50), fmtMs(x.totalMs)],
      ...[s.runs.wheel[i]].filter(Boolean).map((y) => [String(i + 1), `wheel: ${s.wheelOpts.steps} x ${fmtInt(s.wheelOpts.delta)} px from the middle, down and back (moved ${fmtInt(y.moved)} px down)`, fmtSeconds(y.ms), y.longest > 0 ? fmtMs(y.longest) : 'none over 50 ms', fmtInt(y.over50), fmtMs(y.totalMs)]),
    ]),
  ]));
  out.push('');
  const traced = Object.entries(s.traced ?? {}).filter(([, t]) => t);
  if (traced.length) {
    out.push('**Where the long tasks go** (one more run of each pattern under Chrome tracing, not counted above: tracing slows the page). ' +
      '*CPU* is the main thread\'s own CPU time inside the tasks (the trace\'s thread time): on this shared machine a task waits for a core ' +
      'for much of its wall time. Shares are of the tasks\' wall time, by the self time of the trace events inside them:\n');
    const pct = (t, c) => (t.taskMs > 0 ? `${(((t.byCategory[c] ?? 0) / t.taskMs) * 100).toFixed(0)}%` : '-');
    out.push(mdTable(['pattern', 'tasks > 50 ms', 'their wall time', 'their CPU', 'longest (wall / CPU)', 'tasks > 50 ms of CPU', 'script', 'style+layout', 'paint', 'GC', 'other'],
      traced.map(([name, t]) => [name, fmtInt(t.tasks), fmtMs(t.taskMs), fmtMs(t.taskCpuMs), t.tasks > 0 ? `${fmtMs(t.longestMs)} / ${fmtMs(t.longestCpuMs)}` : t.anyLongestMs ? `${fmtMs(t.anyLongestMs)} / ${fmtMs(t.anyLongestCpuMs)} (none over 50 ms)` : '-', fmtInt(t.over50Cpu),
        pct(t, 'script'), pct(t, 'style+layout'), pct(t, 'paint'), pct(t, 'gc'), pct(t, 'other')])));
    out.push('');
  }
  out.push(`Profiled jump run (CDP sampling profiler, not counted): ${fmtMs(s.profiled.profile.totalMs)} busy on the main thread. Self time (\`(program)\` is ` +
    'native work: style, layout, paint, and the ICU behind `Intl`):\n');
  out.push(mdTable(['function (minified) and place', 'self', 'share'], s.profiled.profile.functions.slice(0, 6).map((f) => [`\`${f.name.trim() || '(unnamed)'}\``, fmtMs(f.ms), `${f.pct.toFixed(0)}%`])));
  out.push('');
  if (r.problems.length) for (const p of r.problems) out.push(`- ${p.replace(/\n/g, ' ')}`);
  else out.push('No page errors and no console errors during the run.');
  out.push('');
  out.push('### Method of P11\n');
  out.push(`- **Platform.** The built platform (\`apps/api/dist/main.js\`) in a child process of its own, serving the built web app
  (\`apps/web/dist\`), on the bench database. Chromium (Debian's, through playwright-core) with the browser tests' flags
  (\`apps/web/e2e/support.mjs\`), one context, locale zh-CN, 1440x900.
- **First route.** A fresh context opens \`/login\` and waits for the network to go idle; every response whose content type is
  JavaScript (or whose path ends in .js) is counted once by URL, its body gzipped at level 9 (the server does not compress).
  Then the administrator signs in through the form and the app list is shown; the scripts it adds are counted on top.
- **Data.** An app of its own (\`${WEB_APP}\`) with a form of 8 fields (text title, select status, money, number, date, member,
  email, switch) and ${USERS} users in 2 departments; ${VALIDATED_ROWS} generated rows are created through the API (which validates them),
  the rest loaded with COPY as the other cases load theirs (bench/dataset.mjs: owners, departments, creation times, UUIDv7 ids).
- **Loading the rows.** The records page of the form (default order, newest first) is scrolled to its end again and again: the grid
  fetches the next page of 100 when the last rows come into view, until no loader row is left.
- **Scrolling.** A \`PerformanceObserver\` for \`longtask\` (buffered) is registered once; only tasks that start inside a run count.
  Each run is *jumps* (${s.jumpOpts.steps} \`scrollTop\` settings ${s.jumpOpts.stepMs} ms apart, top to bottom in ${s.jumpOpts.steps / 2} steps and back, each step
  about ${fmtInt(r.rowCount / (s.jumpOpts.steps / 2))} rows: a new set of rows every time, as when dragging the scrollbar) then *wheel* (${s.wheelOpts.steps} wheel events of
  ${fmtInt(s.wheelOpts.delta)} px through the mouse, ${s.wheelOpts.stepMs} ms apart, from the middle down then back up). ${r.reps} runs; the worst counts.
  Then one jump run under the CDP sampling profiler (250 us) and one run of each pattern under Chrome tracing show where the time goes.`);
  out.push('');
  out.push(analysis ?? `${ANALYSIS_START}\n### What the P11 figures say\n\n(Written by hand after a run; kept by later runs.)\n${ANALYSIS_END}`);
  out.push(END);
  return out.join('\n');
}

/** `text` with its web section replaced by `section` (inserted before the analysis when it has none) and the P11 lines of the results table. */
export function replaceWebSection(text, section, rows) {
  const at = text.indexOf(START);
  const end = text.indexOf(END);
  let next;
  if (at >= 0 && end > at) next = text.slice(0, at) + section + text.slice(end + END.length);
  else {
    const analysis = text.indexOf('<!-- analysis:start -->');
    next = analysis >= 0 ? `${text.slice(0, analysis)}${section}\n\n${text.slice(analysis)}` : `${text.trimEnd()}\n\n${section}\n`;
  }
  const cut = next.indexOf(START);
  const lines = next.slice(0, cut).split('\n');
  const first = lines.findIndex((l) => l.startsWith('| P11 |'));
  if (first < 0) return next;
  let last = first;
  while (lines[last + 1]?.startsWith('| P11 |')) last++;
  lines.splice(first, last - first + 1, ...rows.map((r) => `| ${cells(r).join(' | ')} |`));
  return lines.join('\n') + next.slice(cut);
}

/** Prints P11's rows and writes its section (and its lines of the results table) into docs/benchmarks.md. */
export function reportWeb(r, env, { file, write, log }) {
  const rows = webRows(r);
  for (const row of rows) log(`${row.id}  ${row.what}: ${row.ours}  (goal ${row.goal}: ${row.met})`);
  if (r.problems.length) log(`P11 odd:\n${r.problems.map((p) => `- ${p}`).join('\n')}`);
  log(`P11 run time: ${fmtSeconds(r.totalMs)}`);
  if (!write) return;
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const at = previous.indexOf(ANALYSIS_START);
  const end = previous.indexOf(ANALYSIS_END);
  const analysis = at >= 0 && end > at ? previous.slice(at, end + ANALYSIS_END.length) : null;
  writeFileSync(file, replaceWebSection(previous, buildWebSection(r, env, analysis), rows));
  log(`wrote the "Web app (P11)" section and the P11 lines of ${path.basename(file)}`);
}
