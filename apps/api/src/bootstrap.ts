import 'reflect-metadata';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import { Logger, type LogLevel } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppModule } from './app.module';
import { JobsService } from './jobs/jobs.service';
import { EventsService } from './events/events.service';
import { InvalidationService } from './events/invalidation.service';
import { OutboxRelayService } from './events/outbox-relay.service';
import { HttpExceptionFilter } from './common/http-exception.filter';
import { AppPackagesService } from './app-packages/app-packages.service';
import { hashPassword } from './auth/password-hash';
import { provideCore, type Clock } from './common/core.module';
import type { Settings } from './common/settings';
import { uuidV7 } from './common/uuid-v7';
import { createDataSource, Db } from './database/database';
import { openDatabase } from './database/database-lifecycle';
import type { EmbeddedPostgres } from './database/embedded-postgres';
import { Public } from './auth/public.decorator';

const WEB_CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "font-src 'self' data:", "connect-src 'self'", "frame-ancestors 'none'", "base-uri 'self'", "form-action 'self'", "object-src 'none'",
].join('; ');

export type Platform = {
  app: NestFastifyApplication;
  db: Db;
  url: string;
  close: () => Promise<void>;
};

const LOG_LEVELS: Record<string, LogLevel[]> = {
  error: ['error', 'fatal'],
  warn: ['error', 'fatal', 'warn'],
  info: ['error', 'fatal', 'warn', 'log'],
  debug: ['error', 'fatal', 'warn', 'log', 'debug'],
};

/** Opens the database, runs migrations, creates the first administrator, and builds the HTTP app. */
export async function createPlatform(settings: Settings, options: { clock?: Clock; embedded?: EmbeddedPostgres; databaseUrl?: string } = {}): Promise<Platform> {
  // Before the Nest app exists, the static Logger would print every level: apply LOG_LEVEL now.
  Logger.overrideLogger(LOG_LEVELS[settings.logLevel] ?? LOG_LEVELS.info);
  const logger = new Logger('Platform');
  let embedded = options.embedded;
  let url = options.databaseUrl ?? settings.databaseUrl;
  if (!url) {
    const opened = await openDatabase({ dataDir: settings.dataDir, log: (m) => logger.log(m) });
    url = opened.url;
    embedded = opened.embedded;
  }
  const dataSource = createDataSource(url);
  await dataSource.initialize();
  await runMigrations(dataSource);
  const db = new Db(dataSource);
  provideCore({ db, settings, clock: options.clock });
  await ensureFirstAdmin(db, settings, logger);

  const adapter = new FastifyAdapter({ bodyLimit: 2 * 1024 * 1024, trustProxy: false, forceCloseConnections: true });
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, adapter, {
    logger: LOG_LEVELS[settings.logLevel] ?? LOG_LEVELS.info,
  });
  app.setGlobalPrefix('api');
  const fastify = app.getHttpAdapter().getInstance();
  // Uploads (POST /api/files): one file part of at most MAX_UPLOAD_MB; a field's smaller limit applies per request.
  await app.register(fastifyMultipart as never, { limits: { fileSize: settings.maxUploadMB * 1024 * 1024, files: 1, fields: 10, parts: 20 } });
  fastify.addHook('onSend', async (req, reply, payload) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'same-origin');
    // The web app: scripts only from here (no eval); antd injects its styles at run time.
    if (!req.url.startsWith('/api')) reply.header('Content-Security-Policy', WEB_CSP);
    return payload;
  });

  const openapi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder().setTitle('Platform API').setDescription('The open API of the no-code platform (see docs/api.md)').setVersion('1').addBearerAuth().build(),
  );
  SwaggerModule.setup('api/docs', app, openapi, { jsonDocumentUrl: 'api/openapi.json', useGlobalPrefix: false });
  void Public;

  if (fs.existsSync(path.join(settings.webDist, 'index.html'))) {
    await app.register(fastifyStatic as never, { root: settings.webDist, prefix: '/', wildcard: false, index: false });
    // The web app routes on the client: the error filter answers unknown non-API GETs with index.html.
    HttpExceptionFilter.spaIndex = fs.readFileSync(path.join(settings.webDist, 'index.html'));
  }

  await app.init();
  await app.get(InvalidationService).start(url);
  await app.get(JobsService).start(url);
  await app.get(EventsService).start(url);
  app.get(OutboxRelayService).start();

  return {
    app,
    db,
    url,
    close: async () => {
      await app.close();
      await dataSource.destroy();
      if (embedded) await embedded.stop();
    },
  };
}

/** Migrations run at start; an advisory lock keeps two processes from running them at once. */
async function runMigrations(dataSource: import('typeorm').DataSource) {
  await dataSource.query(`SELECT pg_advisory_lock(7246001)`);
  try {
    await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await dataSource.query(`SELECT pg_advisory_unlock(7246001)`);
  }
}

async function ensureFirstAdmin(db: Db, settings: Settings, logger: Logger) {
  const [{ n }] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE is_admin`);
  if (n > 0) return;
  const generated = !settings.adminPassword;
  const password = settings.adminPassword ?? randomBytes(9).toString('base64url');
  await db.query(
    `INSERT INTO users (id, username, name, password_hash, active, is_admin, created_at, updated_at)
     VALUES ($1,$2,$3,$4,true,true,now(),now()) ON CONFLICT (username) DO NOTHING`,
    [uuidV7(), settings.adminUsername, 'Administrator', await hashPassword(password)]);
  if (generated) {
    // Printed whatever LOG_LEVEL says: it is shown once and nowhere else.
    console.log(`First administrator created: username "${settings.adminUsername}", password "${password}" (shown once; set ADMIN_PASSWORD to choose it)`);
  } else {
    logger.log(`First administrator created: username "${settings.adminUsername}" (password from ADMIN_PASSWORD)`);
  }
}

/** On an empty database, import the CRM package with demo data so a newcomer lands in a CRM. */
export async function seedCrmIfEmpty(platform: Platform, buildPackage: () => unknown, demoPassword: string) {
  const [{ n }] = await platform.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM apps`);
  if (n > 0) return false;
  const [admin] = await platform.db.query<{ id: string; username: string; name: string }>(`SELECT id, username, name FROM users WHERE is_admin ORDER BY created_at LIMIT 1`);
  const packages = platform.app.get(AppPackagesService);
  const logger = new Logger('Seed');
  logger.log('Empty database: importing the CRM app package with demo data...');
  await packages.importPackage(
    { id: admin.id, username: admin.username, name: admin.name, isAdmin: true, departmentIds: [], roleIds: [] },
    buildPackage(),
    null,
    { withDemo: true, demoPassword, onProgress: (done, total) => logger.log(`demo records ${done}/${total}`) },
  );
  return true;
}
