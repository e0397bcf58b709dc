import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

async function count(url: string): Promise<number> {
  const c = new Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('CREATE TABLE IF NOT EXISTS survivors (n int)');
    await c.query('INSERT INTO survivors VALUES (1)');
    return (await c.query('SELECT count(*)::int AS n FROM survivors')).rows[0].n;
  } finally {
    await c.end();
  }
}

/** The embedded default: a real PostgreSQL from npm binaries in a data folder, no server installed. */
describe('embedded PostgreSQL', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-embedded-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('initialises a cluster, keeps data across a clean restart, and recovers from a run that was killed', async () => {
    const first = await startEmbeddedPostgres({ dataDir: dir, port: 0, log: () => undefined });
    expect(fs.existsSync(path.join(dir, 'pg', 'PG_VERSION'))).toBe(true);
    expect(await count(first.url)).toBe(1);
    await first.stop();
    expect(fs.existsSync(path.join(dir, 'pg', 'postmaster.pid'))).toBe(false);

    const second = await startEmbeddedPostgres({ dataDir: dir, port: 0, log: () => undefined });
    expect(await count(second.url)).toBe(2);
    await second.stop();

    // A run killed with SIGKILL leaves its postmaster running and its pid file behind.
    const script = `
      const { startEmbeddedPostgres } = require(${JSON.stringify(path.join(__dirname, '../dist/database/embedded-postgres.js'))});
      startEmbeddedPostgres({ dataDir: ${JSON.stringify(dir)}, port: 0, log: () => {} }).then((pg) => { console.log('READY ' + pg.url); setInterval(() => {}, 1000); });`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (b: Buffer) => { const m = /READY (\S+)/.exec(b.toString()); if (m) resolve(m[1]); });
      child.on('exit', (code) => reject(new Error(`child exited ${code}`)));
    });
    expect(await count(url)).toBe(3);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    const orphan = Number(fs.readFileSync(path.join(dir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
    expect(() => process.kill(orphan, 0)).not.toThrow();

    const third = await startEmbeddedPostgres({ dataDir: dir, port: 0, log: () => undefined });
    expect(await count(third.url)).toBe(4);
    expect(() => process.kill(orphan, 0)).toThrow();
    await third.stop();
  }, 120_000);
});
