import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { createPlatform, type Platform } from '../src/bootstrap';
import type { Clock } from '../src/common/core.module';
import { readSettings, type Settings } from '../src/common/settings';

export const ADMIN_PASSWORD = 'Admin@test1';

export type Answer<T = any> = { status: number; body: T; headers: Headers };

export type TestPlatform = {
  platform: Platform;
  baseUrl: string;
  databaseUrl: string;
  adminToken: string;
  /** Real HTTP to the running server. */
  http: <T = any>(method: string, path: string, body?: unknown, token?: string, headers?: Record<string, string>) => Promise<Answer<T>>;
  login: (username: string, password: string) => Promise<string>;
  sql: <T = any>(text: string, params?: unknown[]) => Promise<T[]>;
  close: () => Promise<void>;
};

/**
 * A fresh database on the test server, the platform on a free loopback port, and an admin token.
 * `settings` overrides the defaults (e.g. `{ fileStorage: 's3', s3: {...}, dataDir }`).
 */
export async function startTestPlatform(options: { clock?: Clock; settings?: Partial<Settings> } = {}): Promise<TestPlatform> {
  const server = process.env.TEST_SERVER_URL ?? process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const dbName = `t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: server });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${dbName}`);
  await admin.end();
  const u = new URL(server);
  u.pathname = `/${dbName}`;
  const databaseUrl = u.toString();
  const settings = { ...readSettings({}), databaseUrl, adminPassword: ADMIN_PASSWORD, logLevel: 'error', seedCrm: false, webDist: '/nonexistent', ...options.settings };
  const platform = await createPlatform(settings, { clock: options.clock, databaseUrl });
  await platform.app.listen(0, '127.0.0.1');
  const address = platform.app.getHttpServer().address() as { port: number };
  const baseUrl = `http://127.0.0.1:${address.port}`;
  const sqlClient = new Client({ connectionString: databaseUrl });
  await sqlClient.connect();

  const http: TestPlatform['http'] = async (method, path, body, token, headers = {}) => {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined && typeof body !== 'string' ? { 'content-type': 'application/json' } : {}),
        ...(typeof body === 'string' ? { 'content-type': 'application/json' } : {}),
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body: parsed as any, headers: res.headers };
  };
  const login = async (username: string, password: string) => {
    const r = await http('POST', '/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username} failed: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.token as string;
  };
  const adminToken = await login('admin', ADMIN_PASSWORD);
  return {
    platform, baseUrl, databaseUrl, adminToken, http, login,
    sql: async (text, params) => (await sqlClient.query(text, params)).rows,
    close: async () => {
      await sqlClient.end();
      await platform.close();
      const c = new Client({ connectionString: server });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
      await c.end();
    },
  };
}
