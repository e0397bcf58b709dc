import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';

export type LiveEvent =
  | { type: 'record.changed'; appKey: string; formKey: string; id: string; version: number }
  | { type: 'job.progress'; jobId: string; done: number; total: number };

type Listener = (event: LiveEvent) => void;

/**
 * One LISTEN connection per process turns PostgreSQL notifications (sent inside the writing
 * transaction, so only committed changes arrive) into live events for SSE subscribers. Any process
 * may write; every process hears it.
 */
@Injectable()
export class EventsService implements OnApplicationShutdown {
  private readonly logger = new Logger('Events');
  private client: Client | undefined;
  private readonly listeners = new Set<Listener>();

  async start(connectionString: string): Promise<void> {
    const client = new Client({ connectionString, application_name: 'platform-events' });
    client.on('error', (e) => this.logger.warn(`LISTEN connection: ${e.message}`));
    client.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        const parsed = JSON.parse(msg.payload);
        // record_changed carries a batch from the outbox relay; job_progress one event.
        for (const payload of Array.isArray(parsed) ? parsed : [parsed]) {
          const event: LiveEvent = msg.channel === 'record_changed' ? { type: 'record.changed', ...payload } : { type: 'job.progress', ...payload };
          for (const l of this.listeners) l(event);
        }
      } catch {
        /* not ours */
      }
    });
    await client.connect();
    await client.query('LISTEN record_changed');
    await client.query('LISTEN job_progress');
    this.client = client;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async onApplicationShutdown(): Promise<void> {
    const c = this.client;
    this.client = undefined;
    await c?.end().catch(() => undefined);
  }
}
