import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres';

/**
 * Where the database is: DATABASE_URL when set, else a real PostgreSQL started from the embedded
 * binaries in DATA_DIR. Makes sure the target database exists.
 */
export async function openDatabase(options: {
  databaseUrl?: string;
  dataDir: string;
  log?: (m: string) => void;
}): Promise<{ url: string; embedded?: EmbeddedPostgres }> {
  if (options.databaseUrl) return { url: options.databaseUrl };
  const embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, log: options.log });
  const url = embedded.url.replace(/\/postgres$/, '/platform');
  await ensureDatabase(url);
  return { url, embedded };
}

/** Creates the database named in `url` when it does not exist yet (connecting to `postgres`). */
export async function ensureDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.slice(1));
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      // A database name cannot be a parameter; quote it as an identifier.
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created concurrently
      });
    }
  } finally {
    await client.end();
  }
}
