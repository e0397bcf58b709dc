// The benchmark dataset: a fresh database, the CRM app imported through the API, real users as
// owners, and generated opportunity rows bulk-loaded into the form's real table with COPY.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { copyRows } from './copy-from.mjs';

const DAY_MS = 86_400_000;

/** CREATE DATABASE bench_<random> on the server; returns its URL. */
export async function createDatabase(serverUrl) {
  const name = `bench_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return { name, url: u.toString() };
}

export async function dropDatabase(serverUrl, name) {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

/**
 * Imports the CRM package (under `appKey`), optionally creates departments and sales users (the
 * owners of the generated rows), and returns the opportunity table and the users.
 */
export async function setUpApp(api, sql, crmPackage, appKey, { owners = 20, departments = 4 } = {}) {
  await api.call('POST', '/api/app-packages', crmPackage);
  const deptIds = [];
  const users = [];
  if (owners > 0) {
    for (let d = 0; d < departments; d++) deptIds.push((await api.call('POST', '/api/departments', { name: `Bench sales ${d + 1}` })).id);
    for (let i = 0; i < owners; i++) {
      const deptId = deptIds[i % deptIds.length];
      const u = await api.call('POST', '/api/users', { username: `bench.rep${i + 1}`, name: `Bench rep ${i + 1}`, password: `Bench@pass${i + 1}`, departmentIds: [deptId] });
      users.push({ id: u.id, deptId });
    }
  }
  const [form] = await sql(`SELECT table_name FROM forms WHERE app_key = $1 AND key = 'opportunity'`, [appKey]);
  if (!form) throw new Error(`the package import did not create ${appKey}/opportunity`);
  const [admin] = await sql(`SELECT id, department_ids FROM users WHERE username = 'admin'`);
  return { form: { table: `data."${form.table_name}"`, tableName: form.table_name }, users, admin: { id: admin.id, deptId: admin.department_ids?.[0] ?? null } };
}

/** A UUIDv7-like id: 48-bit millisecond timestamp, version 7, variant bits, random rest. */
export function uuidV7At(ms, rand, at) {
  const b = Buffer.allocUnsafe(16);
  b.writeUIntBE(ms, 0, 6);
  rand.copy(b, 6, at, at + 10);
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/**
 * Row i of the dataset is created at start + i * step: all in the past, strictly increasing, so
 * its UUIDv7 id orders like its creation time (as ids made by the API do).
 */
export function timeline(maxRows) {
  const end = Date.now() - DAY_MS;
  const span = 400 * DAY_MS;
  const step = Math.max(1, Math.floor(span / Math.max(1, maxRows)));
  return { start: end - step * maxRows, step };
}

const SYSTEM_COLS = ['_id', '_created_at', '_updated_at', '_created_by', '_updated_by', '_owner_id', '_owner_dept_id'];

/**
 * Loads rows [from, to) of `rows` (generated data objects with ownerId) into the table with COPY,
 * in batches, with the secondary indexes dropped during the load and rebuilt after it (what a bulk
 * load would do; the definitions are read from the catalog and recreated verbatim), then
 * VACUUM ANALYZE. Returns the ids in row order and timings.
 */
export async function loadRows({ databaseUrl, table, tableName, fieldKeys, rows, from, to, users, clock, log }) {
  const client = new pg.Client({ connectionString: databaseUrl, application_name: 'bench-load' });
  await client.connect();
  const deptOf = new Map(users.map((u) => [u.id, u.deptId]));
  const ids = new Array(to - from);
  const t0 = performance.now();
  try {
    await client.query(`SET synchronous_commit = off`);
    await client.query(`SET maintenance_work_mem = '256MB'`);
    const indexes = (await client.query(
      `SELECT i.indexname, i.indexdef FROM pg_indexes i
        WHERE i.schemaname = 'data' AND i.tablename = $1
          AND i.indexname NOT IN (SELECT conname FROM pg_constraint WHERE conrelid = ('data.' || quote_ident($1))::regclass)`,
      [tableName])).rows;
    for (const ix of indexes) await client.query(`DROP INDEX data."${ix.indexname}"`);

    const columns = [...SYSTEM_COLS, ...fieldKeys.map((k) => `"${k}"`)];
    const BATCH = 50_000;
    for (let at = from; at < to; at += BATCH) {
      const end = Math.min(to, at + BATCH);
      const rand = randomBytes(10 * (end - at));
      const batch = [];
      for (let i = at; i < end; i++) {
        const r = rows[i];
        const ms = clock.start + i * clock.step;
        const id = uuidV7At(ms, rand, 10 * (i - at));
        ids[i - from] = id;
        const at_ = new Date(ms);
        const owner = r.ownerId;
        batch.push([id, at_, at_, owner, owner, owner, deptOf.get(owner) ?? null, ...fieldKeys.map((k) => r[k])]);
      }
      await copyRows(client, table, columns, batch);
      log?.(`  loaded ${end.toLocaleString('en-US')} / ${to.toLocaleString('en-US')} rows`);
    }
    const tCopy = performance.now();
    for (const ix of indexes) await client.query(ix.indexdef);
    const tIndex = performance.now();
    await client.query(`VACUUM (ANALYZE) ${table}`);
    const tDone = performance.now();
    return { ids, copyMs: tCopy - t0, indexMs: tIndex - tCopy, vacuumMs: tDone - tIndex, totalMs: tDone - t0, indexes: indexes.length };
  } finally {
    await client.end();
  }
}
