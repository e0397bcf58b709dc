import path from 'node:path';

/** The platform's settings, read once from the environment (API.md "Running"). */
export type Settings = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  adminUsername: string;
  adminPassword: string | undefined;
  logLevel: string;
  timeZone: string;
  sessionIdleHours: number;
  sessionMaxDays: number;
  /** Serve the built web app from this folder when it exists. */
  webDist: string;
  /** Import the CRM package with demo data when the database has no app yet. */
  seedCrm: boolean;
};

const number = (v: string | undefined, fallback: number) => (v && Number.isFinite(Number(v)) ? Number(v) : fallback);

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const repoRoot = path.resolve(__dirname, '../../../..');
  return {
    port: number(env.PORT, 3000),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.DATA_DIR || path.join(repoRoot, '.data')),
    adminUsername: env.ADMIN_USERNAME || 'admin',
    adminPassword: env.ADMIN_PASSWORD || undefined,
    logLevel: env.LOG_LEVEL || 'info',
    timeZone: env.TIME_ZONE || 'Asia/Shanghai',
    sessionIdleHours: number(env.SESSION_IDLE_HOURS, 12),
    sessionMaxDays: number(env.SESSION_MAX_DAYS, 7),
    webDist: env.WEB_DIST || path.join(repoRoot, 'apps/web/dist'),
    seedCrm: env.SEED_CRM !== 'false',
  };
}
