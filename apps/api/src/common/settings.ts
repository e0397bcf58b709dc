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
  /** Where uploaded files live: `local` under DATA_DIR/files, or `s3` (any S3-compatible bucket). */
  fileStorage: 'local' | 's3';
  s3: S3Settings;
  /** The largest upload accepted, whatever a field allows. */
  maxUploadMB: number;
  /** Data rows one import file may hold (larger files are refused with TOO_MANY_ROWS). */
  maxImportRows: number;
  /** Where notification emails go out; without SMTP_HOST, notifications stay in the app. */
  smtp: SmtpSettings;
};

export type SmtpSettings = {
  host: string | undefined;
  port: number;
  /** The sender address (SMTP_FROM). */
  from: string;
  /** Implicit TLS from the first byte (port 465); otherwise plain SMTP. */
  secure: boolean;
  /** AUTH PLAIN when set. */
  user: string | undefined;
  password: string | undefined;
};

export type S3Settings = {
  /** Unset for AWS itself; the URL of an S3-compatible server (MinIO, OSS, COS...) otherwise. */
  endpoint: string | undefined;
  bucket: string;
  region: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
  /** Bucket in the path rather than the host name: what most S3-compatible servers need. */
  forcePathStyle: boolean;
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
    fileStorage: fileStorage(env.FILE_STORAGE),
    s3: {
      endpoint: env.S3_ENDPOINT || undefined,
      bucket: env.S3_BUCKET || 'platform-files',
      region: env.S3_REGION || 'us-east-1',
      accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
      secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
      forcePathStyle: env.S3_FORCE_PATH_STYLE ? env.S3_FORCE_PATH_STYLE === 'true' : Boolean(env.S3_ENDPOINT),
    },
    maxUploadMB: number(env.MAX_UPLOAD_MB, 50),
    maxImportRows: number(env.MAX_IMPORT_ROWS, 50_000),
    smtp: {
      host: env.SMTP_HOST || undefined,
      port: number(env.SMTP_PORT, env.SMTP_SECURE === 'true' ? 465 : 25),
      from: env.SMTP_FROM || 'platform@localhost',
      secure: env.SMTP_SECURE === 'true',
      user: env.SMTP_USER || undefined,
      password: env.SMTP_PASSWORD || undefined,
    },
  };
}

function fileStorage(value: string | undefined): Settings['fileStorage'] {
  if (!value || value === 'local') return 'local';
  if (value === 's3') return 's3';
  throw new Error(`FILE_STORAGE must be "local" or "s3", not "${value}"`);
}
