import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Db } from '../database/database';

const MAX_PAYLOAD = 7000; // NOTIFY payloads must stay under 8000 bytes

/**
 * The write path's last step (ARCHITECTURE.md): committed outbox events about records are turned into
 * live `record_changed` notifications, many per NOTIFY. Writers only insert an outbox row, so their
 * commits do not queue behind PostgreSQL's notification lock. Rows are claimed with SKIP LOCKED, so any
 * number of processes can relay without sending an event twice.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationShutdown {
  private readonly logger = new Logger('OutboxRelay');
  private timer: NodeJS.Timeout | undefined;
  private running = false;

  constructor(private readonly db: Db) {}

  start(intervalMs = 100): void {
    this.timer = setInterval(() => void this.relayOnce().catch((e) => this.logger.warn(`relay: ${(e as Error).message}`)), intervalMs);
    this.timer.unref();
  }

  /** Relays one batch; returns how many events went out. */
  async relayOnce(): Promise<number> {
    if (this.running) return 0;
    this.running = true;
    try {
      return await this.db.transaction(async (tx) => {
        const rows = await tx.query<{ payload: { appKey: string; formKey: string; id: string; version: number } }>(
          `UPDATE outbox SET processed_at = now() WHERE id IN (
             SELECT id FROM outbox WHERE processed_at IS NULL AND topic LIKE 'record.%' ORDER BY id LIMIT 500 FOR UPDATE SKIP LOCKED)
           RETURNING id, payload`);
        if (!rows.length) return 0;
        let chunk: string[] = [];
        let size = 2;
        const flush = async () => {
          if (chunk.length) await tx.query(`SELECT pg_notify('record_changed', $1)`, [`[${chunk.join(',')}]`]);
          chunk = [];
          size = 2;
        };
        for (const r of rows) {
          const { appKey, formKey, id, version } = r.payload;
          const item = JSON.stringify({ appKey, formKey, id, version });
          if (size + item.length + 1 > MAX_PAYLOAD) await flush();
          chunk.push(item);
          size += item.length + 1;
        }
        await flush();
        return rows.length;
      });
    } finally {
      this.running = false;
    }
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
