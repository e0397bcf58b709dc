import { Injectable } from '@nestjs/common';
import { uuidV7 } from '../common/uuid-v7';
import type { Queryable } from '../database/database';

export type AuditTarget = { type: 'record' | 'form' | 'app' | 'role' | 'user' | 'auth' | 'department' | 'token'; appKey?: string | null; formKey?: string | null; id?: string | null };

export type AuditInput = {
  actorId: string | null;
  action: string;
  target: AuditTarget;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
  at: Date;
};

/** Writes audit rows and outbox events inside the caller's transaction. */
@Injectable()
export class AuditService {
  async write(q: Queryable, entry: AuditInput): Promise<void> {
    await q.query(
      `INSERT INTO audit_log (id, at, actor_id, action, target_type, app_key, form_key, target_id, before, after, ip)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)`,
      [
        uuidV7(entry.at.getTime()), entry.at, entry.actorId, entry.action, entry.target.type,
        entry.target.appKey ?? null, entry.target.formKey ?? null, entry.target.id ?? null,
        entry.before ? JSON.stringify(entry.before) : null, entry.after ? JSON.stringify(entry.after) : null,
        entry.ip ?? null,
      ],
    );
  }

  async publish(q: Queryable, topic: string, payload: Record<string, unknown>, at: Date): Promise<void> {
    await q.query(`INSERT INTO outbox (at, topic, payload) VALUES ($1, $2, $3)`, [at, topic, JSON.stringify(payload)]);
  }
}
