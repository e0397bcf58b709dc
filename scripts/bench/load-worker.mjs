// A closed-loop load generator, run in a worker thread: `connections` loops each send one request,
// wait for its answer, and send the next. The parent drives it in phases ({type:'phase', ms, record}):
// a warm-up phase is not recorded; in a recorded phase every request that completes inside the
// phase's window (after a short lead-in that lets the loops reach a steady state) is counted and
// its latency recorded. Between phases the loops drain and the target idles,
// so the parent can interleave several targets (ours and the baseline) slice by slice.
//
// Three kinds of target:
//  - http: requests to the API through a keep-alive http.Agent (maxSockets = connections);
//  - pg:   the same database work by hand through a pg.Pool (the baseline);
//  - module: both, for cases that bring their own (bench/approvals.mjs).
import http from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { summarise } from './stats.mjs';

const { target, connections } = workerData;

// ---- latency recording ----
let latencies = new Float64Array(1 << 16);
let counted = 0;
const record = (ms) => {
  if (counted === latencies.length) {
    const bigger = new Float64Array(latencies.length * 2);
    bigger.set(latencies);
    latencies = bigger;
  }
  latencies[counted++] = ms;
};

const statuses = new Map(); // status code (or 'error') -> count, over the whole run incl. warm-up
const samples = new Map(); // status code -> first answer body seen, to show what went wrong
let errorsInWindow = 0;
let non2xxInWindow = 0;
const note = (status, body) => {
  statuses.set(status, (statuses.get(status) ?? 0) + 1);
  if (!samples.has(status) && body !== undefined) samples.set(status, String(body).slice(0, 300));
};

// ---- targets ----
const pick = (list, i) => list[i % list.length];
let seq = 0;
const randomIndex = (n) => Math.floor(Math.random() * n);

function httpTarget(t) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const send = (method, path, body) =>
    new Promise((resolve) => {
      const headers = { authorization: `Bearer ${t.token}`, accept: 'application/json' };
      if (body !== undefined) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = http.request({ agent, host: '127.0.0.1', port: t.port, method, path, headers }, (res) => {
        const ok = res.statusCode >= 200 && res.statusCode < 300;
        const chunks = [];
        res.on('data', (c) => {
          if (!ok && chunks.length < 8) chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode, body: ok ? undefined : Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => resolve({ status: 'error', body: e.message }));
      });
      req.setTimeout(60_000, () => req.destroy(new Error('timeout after 60 s')));
      req.on('error', (e) => resolve({ status: 'error', body: e.message }));
      req.end(body);
    });
  return {
    once: async () => {
      const path = t.paths ? t.paths[randomIndex(t.paths.length)] : t.path;
      const body = t.bodies ? (t.bodyOrder === 'seq' ? pick(t.bodies, seq++) : t.bodies[randomIndex(t.bodies.length)]) : undefined;
      const r = await send(t.method, path, body);
      return { status: r.status, body: r.body, ok: typeof r.status === 'number' && r.status >= 200 && r.status < 300 };
    },
    close: async () => agent.destroy(),
  };
}

// Same parsers as the API (apps/api/src/database/database.ts), so both sides build the same values.
pg.types.setTypeParser(1082, (v) => v);
pg.types.setTypeParser(20, (v) => Number(v));

/** A UUIDv7 (48-bit ms timestamp, version 7, variant, random), as the API generates. */
function uuidV7(ms) {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

function pgTarget(t) {
  // No idle timeout: the pool keeps its connections while other targets run their slices.
  const pool = new pg.Pool({ connectionString: t.databaseUrl, max: t.poolSize, idleTimeoutMillis: 0, application_name: 'bench-baseline' });
  pool.on('error', () => undefined);
  const work = {
    // P1: one point lookup.
    get: async () => {
      const { rows } = await pool.query(t.sql, [t.ids[randomIndex(t.ids.length)]]);
      if (rows.length !== 1) throw new Error('row not found');
    },
    // P2/P3: the page SELECT and the capped count side by side (as the API runs them), then the
    // EXPLAIN the API runs for an estimated total when the capped count overflows.
    list: async () => {
      const [page, count] = await Promise.all([pool.query(t.pageSql, t.pageParams), pool.query(t.countSql, t.countParams)]);
      if (!page.rows.length) throw new Error('empty page');
      if (Number(count.rows[0].n) > t.cap) await pool.query(t.explainSql, t.explainParams);
    },
    // P6: one INSERT of a generated row (new id, now, the bench user as creator and owner).
    insert: async () => {
      const row = pick(t.rows, seq++);
      const now = new Date();
      await pool.query(t.sql, [uuidV7(now.getTime()), now, now, t.userId, t.userId, t.userId, t.deptId, ...row]);
    },
    // L1: a quote, its lines and the customer's rollup, in one transaction (see link-writes.mjs).
    linkedInsert: async () => {
      const [title, customer, total, lines] = pick(t.quotes, seq++);
      const now = new Date();
      const id = uuidV7(now.getTime());
      const c = await pool.connect();
      try {
        await c.query('BEGIN');
        await c.query(t.quoteSql, [id, now, t.userId, t.deptId, title, customer, total]);
        await c.query(t.linesSql, lines.flatMap(([position, ...values]) => [uuidV7(now.getTime()), id, position, ...values]));
        const updated = await c.query(t.rollupSql, [customer, total]);
        if (updated.rowCount !== 1) throw new Error(`customer ${customer} not found`);
        await c.query('COMMIT');
      } catch (e) {
        await c.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        c.release();
      }
    },
  }[t.work];
  return {
    once: async () => {
      try {
        await work();
        return { status: 200, ok: true };
      } catch (e) {
        return { status: 'error', body: e.message, ok: false };
      }
    },
    close: () => pool.end(),
  };
}

// `module`: a target implemented by a bench module of its own (its `createTarget(target, {connections})`).
const client = target.kind === 'http' ? httpTarget(target)
  : target.kind === 'module' ? (await import(target.module)).createTarget(target, { connections })
  : pgTarget(target);
let recordedMs = 0;

/** Runs the loops for leadMs + ms; when recording, counts what completes in the last ms. */
async function runPhase(ms, recording, leadMs = 0) {
  const from = performance.now() + leadMs;
  const end = from + ms;
  const loop = async () => {
    while (performance.now() < end) {
      const t0 = performance.now();
      const r = await client.once();
      const t1 = performance.now();
      note(r.status, r.body);
      if (recording && t1 >= from && t1 <= end) {
        record(t1 - t0);
        if (!r.ok) {
          if (r.status === 'error') errorsInWindow++;
          else non2xxInWindow++;
        }
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  if (recording) recordedMs += ms;
}

parentPort.on('message', (m) => {
  if (m.type === 'phase') {
    runPhase(m.ms, m.record, m.leadMs).then(
      () => parentPort.postMessage({ type: 'phase-done' }),
      (e) => parentPort.postMessage({ type: 'fatal', message: e.stack ?? String(e) }),
    );
  } else if (m.type === 'finish') {
    Promise.resolve(client.close()).catch(() => undefined).then(() => {
      const s = summarise(latencies.subarray(0, counted));
      parentPort.postMessage({
        type: 'result',
        result: {
          requests: counted,
          recordedMs,
          perSecond: recordedMs ? counted / (recordedMs / 1000) : NaN,
          ...s,
          non2xx: non2xxInWindow,
          errors: errorsInWindow,
          statuses: Object.fromEntries(statuses),
          samples: Object.fromEntries(samples),
        },
      });
      parentPort.close();
    });
  }
});
parentPort.postMessage({ type: 'ready' });
