import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import PgBoss from 'pg-boss';
import { CLOCK, type Clock } from '../common/core.module';
import { uuidV7 } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';

export type JobContext = {
  jobId: string;
  input: Record<string, unknown>;
  /** Reports progress; `result`, when given, is the result so far (a checkpoint the job can resume from), written with it. */
  progress: (done: number, total: number, result?: Record<string, unknown>) => Promise<void>;
};
export type JobHandler = (ctx: JobContext) => Promise<Record<string, unknown>>;

const QUEUE_PREFIX = 'platform.';

/**
 * Durable background jobs on pg-boss (in PostgreSQL, schema `pgboss`): retried with backoff, picked up
 * by any process with SKIP LOCKED, resumed after a restart. The `jobs` table is what users see.
 */
@Injectable()
export class JobsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Jobs');
  private boss: PgBoss | undefined;
  private readonly handlers = new Map<string, JobHandler>();
  private readonly timers = new Map<string, (data: Record<string, unknown>) => Promise<void>>();

  constructor(private readonly db: Db, @Inject(CLOCK) private readonly clock: Clock) {}

  register(type: string, handler: JobHandler) {
    this.handlers.set(type, handler);
  }

  /** A durable timer kind (deadlines, reminders, delays): no user-visible job row, just the callback. */
  registerTimer(name: string, handler: (data: Record<string, unknown>) => Promise<void>) {
    this.timers.set(name, handler);
  }

  /**
   * Schedules a timer inside the caller's transaction, so it exists exactly when the change that needs
   * it commits; it survives restarts and fires once on whichever process polls first.
   */
  async scheduleTimer(q: Queryable, name: string, data: Record<string, unknown>, at: Date): Promise<void> {
    if (!this.boss) throw new Error('the job system is not started');
    await this.boss.send(`${QUEUE_PREFIX}timer.${name}`, data, {
      startAfter: at,
      db: { executeSql: async (text: string, values: unknown[]) => ({ rows: await q.query(text, values) }) },
    });
  }

  async start(connectionString: string): Promise<void> {
    const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 4, application_name: 'platform-jobs' });
    boss.on('error', (e) => this.logger.error(e));
    await boss.start();
    for (const type of this.handlers.keys()) {
      await boss.createQueue(QUEUE_PREFIX + type, { name: QUEUE_PREFIX + type, retryLimit: 3, retryDelay: 5, retryBackoff: true });
      await boss.work<{ jobId: string }>(QUEUE_PREFIX + type, { pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) await this.run(type, job.data.jobId);
      });
    }
    for (const [name, handler] of this.timers) {
      await boss.createQueue(`${QUEUE_PREFIX}timer.${name}`, { name: `${QUEUE_PREFIX}timer.${name}`, retryLimit: 5, retryDelay: 2, retryBackoff: true });
      await boss.work<Record<string, unknown>>(`${QUEUE_PREFIX}timer.${name}`, { pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data);
      });
    }
    this.boss = boss;
    // Jobs recorded while no worker ran (or before a crash) are sent again; handlers are idempotent.
    const pending = await this.db.query<{ id: string; type: string }>(`SELECT id, type FROM jobs WHERE status IN ('queued', 'running')`);
    for (const j of pending) if (this.handlers.has(j.type)) await boss.send(QUEUE_PREFIX + j.type, { jobId: j.id }, { singletonKey: j.id });
  }

  /** Records a job in the caller's transaction; call `dispatch` after commit to wake a worker. */
  async record(q: Queryable, type: string, input: Record<string, unknown>, createdBy: string | null): Promise<string> {
    const id = uuidV7();
    const now = this.clock.now();
    await q.query(
      `INSERT INTO jobs (id, type, status, input, created_by, created_at, updated_at) VALUES ($1,$2,'queued',$3,$4,$5,$5)`,
      [id, type, JSON.stringify(input), createdBy, now]);
    return id;
  }

  async dispatch(type: string, jobId: string): Promise<void> {
    if (!this.boss) return; // picked up from the jobs table when the workers start
    await this.boss.send(QUEUE_PREFIX + type, { jobId }, { singletonKey: jobId });
  }

  /** Waits until a job ends (for tests and the CLI). */
  async waitFor(jobId: string, timeoutMs = 60_000): Promise<{ status: string; result: unknown; error: string | null }> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const job = await this.db.one<{ status: string; result: unknown; error: string | null }>(`SELECT status, result, error FROM jobs WHERE id = $1`, [jobId]);
      if (job && (job.status === 'done' || job.status === 'failed')) return job;
      if (Date.now() > until) throw new Error(`job ${jobId} did not finish in ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  private async run(type: string, jobId: string) {
    const handler = this.handlers.get(type)!;
    const job = await this.db.one<{ status: string; input: Record<string, unknown> }>(`SELECT status, input FROM jobs WHERE id = $1`, [jobId]);
    if (!job || job.status === 'done' || job.status === 'failed') return;
    await this.db.query(`UPDATE jobs SET status = 'running', updated_at = $2 WHERE id = $1`, [jobId, this.clock.now()]);
    try {
      const result = await handler({
        jobId,
        input: job.input,
        progress: async (done, total, result) => {
          // One statement, one commit: an import reports after every batch.
          await this.db.query(
            `WITH u AS (UPDATE jobs SET progress_done = $2, progress_total = $3, updated_at = $4, result = coalesce($5::jsonb, result) WHERE id = $1)
             SELECT pg_notify('job_progress', $6)`,
            [jobId, done, total, this.clock.now(), result === undefined ? null : JSON.stringify(result), JSON.stringify({ jobId, done, total })]);
        },
      });
      await this.db.query(`UPDATE jobs SET status = 'done', result = $2, updated_at = $3 WHERE id = $1`, [jobId, JSON.stringify(result), this.clock.now()]);
    } catch (e) {
      this.logger.error(`job ${type} ${jobId} failed: ${(e as Error).stack ?? e}`);
      await this.db.query(`UPDATE jobs SET status = 'failed', error = $2, updated_at = $3 WHERE id = $1`, [jobId, (e as Error).message, this.clock.now()]);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    await this.boss?.stop({ graceful: true, timeout: 5000 }).catch(() => undefined);
    this.boss = undefined;
  }
}
