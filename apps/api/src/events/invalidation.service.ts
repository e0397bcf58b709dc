import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import type { Queryable } from '../database/database';

export type InvalidationScope = 'auth' | 'forms' | 'roles';
type Handler = (key: string | null) => void;

const CHANNEL = 'platform_invalidate';

/**
 * Lets each process keep small caches (sessions, form versions, grants) that are correct across
 * processes: every write that changes them sends a NOTIFY in its transaction, and every process drops
 * the affected entries when it arrives. While the LISTEN connection is down, `live` is false and
 * callers must not use their caches (they go to the database every time).
 */
@Injectable()
export class InvalidationService implements OnApplicationShutdown {
  private readonly logger = new Logger('Invalidation');
  private client: Client | undefined;
  private url: string | undefined;
  private closing = false;
  private readonly handlers = new Map<InvalidationScope, Set<Handler>>();
  live = false;

  on(scope: InvalidationScope, handler: Handler): void {
    if (!this.handlers.has(scope)) this.handlers.set(scope, new Set());
    this.handlers.get(scope)!.add(handler);
  }

  async start(url: string): Promise<void> {
    this.url = url;
    await this.connect();
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.url, application_name: 'platform-invalidation' });
    const down = (why: string) => {
      if (this.client !== client) return;
      this.live = false;
      this.client = undefined;
      this.clearAll();
      if (!this.closing) {
        this.logger.warn(`cache invalidation channel lost (${why}); caches off until it is back`);
        setTimeout(() => void this.connect().catch(() => undefined), 1000).unref();
      }
    };
    client.on('error', (e) => down(e.message));
    client.on('end', () => down('connection ended'));
    client.on('notification', (msg) => {
      if (msg.channel !== CHANNEL || !msg.payload) return;
      try {
        const { scope, key } = JSON.parse(msg.payload) as { scope: InvalidationScope; key: string | null };
        this.dispatch(scope, key);
      } catch {
        this.clearAll();
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      this.clearAll();
      this.live = true;
    } catch (e) {
      if (!this.closing) setTimeout(() => void this.connect().catch(() => undefined), 1000).unref();
      throw e;
    }
  }

  /** Inside the writing transaction: every process (this one too) drops the entries after commit. */
  async publish(q: Queryable, scope: InvalidationScope, key: string | null = null): Promise<void> {
    await q.query(`SELECT pg_notify('${CHANNEL}', $1)`, [JSON.stringify({ scope, key })]);
  }

  /** In this process at once (the NOTIFY arrives a moment later). */
  dispatch(scope: InvalidationScope, key: string | null): void {
    for (const h of this.handlers.get(scope) ?? []) h(key);
  }

  private clearAll() {
    for (const [, set] of this.handlers) for (const h of set) h(null);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    this.live = false;
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}
