#!/usr/bin/env node
// Browser tests: starts the built platform on a fresh database (with the CRM and demo data, as
// `npm start` does), then runs every apps/web/e2e/*.e2e.mjs in Debian's Chromium via playwright-core.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
if (!chromium) {
  console.error('Chromium is needed for the browser tests: apt-get install chromium (see README)');
  process.exit(1);
}

const freePort = () => new Promise((resolve) => {
  const s = net.createServer();
  s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
});

/**
 * Starts the built platform on a database of its own: a new PostgreSQL database when DATABASE_URL is
 * set, else the embedded PostgreSQL in a temporary directory. `seedCrm` false leaves it empty (no CRM).
 */
async function startPlatform({ seedCrm }) {
  const env = { ...process.env, PORT: String(await freePort()), HOST: '127.0.0.1', ADMIN_PASSWORD: 'Admin@e2e1', LOG_LEVEL: 'warn', SEED_CRM: seedCrm ? 'true' : 'false' };
  let dropDatabase = async () => {};
  let dataDir;
  if (process.env.DATABASE_URL) {
    const name = `e2e_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const u = new URL(process.env.DATABASE_URL);
    u.pathname = `/${name}`;
    env.DATABASE_URL = u.toString();
    dropDatabase = async () => {
      const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-e2e-'));
    env.DATA_DIR = dataDir;
  }
  const baseUrl = `http://127.0.0.1:${env.PORT}`;
  const server = spawn(process.execPath, [path.join(root, 'apps/api/dist/main.js')], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  const stop = async () => {
    if (server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    await dropDatabase().catch(() => {});
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  };
  const until = Date.now() + 180_000;
  for (;;) {
    if (server.exitCode !== null) {
      await stop();
      throw new Error('the platform exited during start');
    }
    try {
      const r = await fetch(`${baseUrl}/api/health`);
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > until) {
      await stop();
      throw new Error('the platform did not become healthy within 180 s');
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return { baseUrl, stop };
}

let failed = false;
const platforms = [];
try {
  const files = fs.readdirSync(path.join(root, 'apps/web/e2e')).filter((f) => f.endsWith('.e2e.mjs'))
    // E2E_ONLY=all-field-types runs the files whose names contain it (for work on one test).
    .filter((f) => !process.env.E2E_ONLY || f.includes(process.env.E2E_ONLY)).sort();
  const modules = [];
  for (const file of files) modules.push({ file, mod: await import(pathToFileURL(path.join(root, 'apps/web/e2e', file)).href) });
  // Most files run against the platform as a newcomer meets it (the CRM with demo data); a file exporting
  // `emptyDatabase = true` gets a second platform whose database holds nothing but the administrator.
  const bases = {};
  let passed = 0;
  for (const { file, mod } of modules) {
    const kind = mod.emptyDatabase ? 'empty' : 'crm';
    if (!bases[kind]) {
      const platform = await startPlatform({ seedCrm: kind === 'crm' });
      platforms.push(platform);
      bases[kind] = platform.baseUrl;
    }
    for (const [name, test] of Object.entries(mod.tests)) {
      const t = Date.now();
      try {
        await test({ baseUrl: bases[kind], chromium, artifacts: path.join(root, 'test-artifacts') });
        passed += 1;
        console.log(`  ✓ ${file} › ${name} (${Date.now() - t} ms)`);
      } catch (e) {
        failed = true;
        console.error(`  ✕ ${file} › ${name}\n${e?.stack ?? e}`);
      }
    }
  }
  console.log(`browser: ${passed} passed, ${failed ? 'some' : 0} failed`);
} catch (e) {
  failed = true;
  console.error(e);
} finally {
  for (const platform of platforms) await platform.stop();
}
process.exit(failed ? 1 : 0);
