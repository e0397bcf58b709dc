#!/usr/bin/env node
// Counts the statements (round trips) the API sends to PostgreSQL for one request of each write the
// benchmarks measure: P6's opportunity create (no customer), the same with a customer, a customer
// create, and L1's quote create. Prints each request's statements.
//
//   node scripts/bench/count-queries.mjs [--quiet]
//
// Needs the API built and PostgreSQL (DATABASE_URL as for the bench); uses a bench_<random> database
// that it drops at the end.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { apiClient, startApi } from './api-server.mjs';
import { createDatabase, dropDatabase, setUpApp } from './dataset.mjs';
import { LINK_APP, setUpLinkApp } from './link-writes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const crm = require(path.join(root, 'packages/crm-template/dist/index.js'));
const serverUrl = process.env.DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';
const quiet = process.argv.includes('--quiet');
const PASSWORD = 'Count@admin1';

const dir = mkdtempSync(path.join(os.tmpdir(), 'count-queries-'));
const logFile = path.join(dir, 'queries.jsonl');
const db = await createDatabase(serverUrl);
let api;
let sqlClient;
try {
  process.env.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} --require ${path.join(root, 'scripts/bench/query-log.cjs')}`.trim();
  process.env.QUERY_LOG_FILE = logFile;
  api = await startApi({ mainJs: path.join(root, 'apps/api/dist/main.js'), databaseUrl: db.url, adminPassword: PASSWORD });
  sqlClient = new pg.Client({ connectionString: db.url });
  await sqlClient.connect();
  const sql = async (text, params) => (await sqlClient.query(text, params)).rows;
  const client = apiClient(api.baseUrl);
  await client.login('admin', PASSWORD);
  const links = await setUpLinkApp(client, sql);
  await setUpApp(client, sql, crm.buildCrmPackage({ withDemo: false }), 'crm', { owners: 0 });
  const customer = await client.call('POST', '/api/apps/crm/forms/customer/records', { data: { name: 'Count customer', level: 'a' } });
  const [row] = crm.generateOpportunityRows(1, 7, []);
  const quote = { data: { title: 'Q', customer: links.customerIds[0], lines: [1, 2, 3, 4, 5].map((i) => ({ product: `P${i}`, qty: i, price: 10 * i })) } };
  const cases = [
    ['P6: opportunity, no customer', '/api/apps/crm/forms/opportunity/records', { data: row }],
    ['opportunity with a customer', '/api/apps/crm/forms/opportunity/records', { data: { ...row, customer: customer.id, stage: 'won', amount: 1000, budget: 1000, decision_maker: 'Wang', expected_close: '2026-12-01' } }],
    ['customer', '/api/apps/crm/forms/customer/records', { data: { name: 'Another customer' } }],
    ['L1: quote, customer and 5 lines', `/api/apps/${LINK_APP}/forms/quote/records`, quote],
  ];
  for (const [label, url, body] of cases) {
    for (let warm = 0; warm < 2; warm++) await client.call('POST', url, body, [201]); // caches warm
    await new Promise((r) => setTimeout(r, 300));
    const from = statSync(logFile).size;
    await client.call('POST', url, body, [201]);
    const all = readFileSync(logFile, 'utf8').slice(from).trim().split('\n').map((l) => JSON.parse(l)).filter((q) => q.app === 'platform');
    // The outbox relay runs on its own every 100 ms: leave out the connections it used meanwhile.
    const relay = new Set(all.filter((q) => /UPDATE outbox SET processed_at|pg_notify/.test(q.text)).map((q) => q.backend));
    const lines = all.filter((q) => !relay.has(q.backend));
    console.log(`${label}: ${lines.length} statements`);
    if (!quiet) for (const q of lines) console.log(`  ${q.text.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
} finally {
  await sqlClient?.end().catch(() => undefined);
  await api?.stop().catch(() => undefined);
  await dropDatabase(serverUrl, db.name).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
