import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestUser } from '../auth/request-user';
import { forbidden, validationFailed } from '../common/api-error';
import { CLOCK, type Clock } from '../common/core.module';
import { isUuid } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';
import { InvalidationService } from '../events/invalidation.service';
import { qualifiedTable } from '../metadata/form-ddl';
import { FlowsService } from '../flows/flows.service';

export type HandoverResult = { dryRun: boolean; records: { appKey: string; formKey: string; count: number }[]; tasks: number; todos: number };

/**
 * 离职交接: everything a leaver owns moves to a successor in one transaction; the leaver is
 * deactivated, their sessions and tokens revoked, and one audit entry lists what moved.
 */
@Injectable()
export class HandoverService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly invalidation: InvalidationService,
    private readonly flows: FlowsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async handover(actor: RequestUser, body: Record<string, unknown>, ip: string | null): Promise<HandoverResult> {
    if (!actor.isAdmin) throw forbidden('Only administrators can hand over an employee’s work');
    const { fromUserId, toUserId } = body;
    const dryRun = body.dryRun === undefined ? true : body.dryRun;
    const issues: { path: string[]; code: string; message: string }[] = [];
    if (!isUuid(fromUserId)) issues.push({ path: ['fromUserId'], code: 'invalid_format', message: 'fromUserId must be a user id' });
    if (!isUuid(toUserId)) issues.push({ path: ['toUserId'], code: 'invalid_format', message: 'toUserId must be a user id' });
    if (typeof dryRun !== 'boolean') issues.push({ path: ['dryRun'], code: 'invalid_type', message: 'dryRun must be a boolean' });
    if (!issues.length && fromUserId === toUserId) issues.push({ path: ['toUserId'], code: 'same_user', message: 'the successor must be someone else' });
    if (issues.length) throw validationFailed(issues);
    const users = await this.db.query<{ id: string; active: boolean; department_ids: string[]; username: string }>(
      `SELECT id, active, department_ids, username FROM users WHERE id = ANY($1::uuid[])`, [[fromUserId, toUserId]]);
    const from = users.find((u) => u.id === fromUserId);
    const to = users.find((u) => u.id === toUserId);
    if (!from) issues.push({ path: ['fromUserId'], code: 'not_found', message: 'fromUserId is not a user' });
    if (!to) issues.push({ path: ['toUserId'], code: 'not_found', message: 'toUserId is not a user' });
    else if (!to.active) issues.push({ path: ['toUserId'], code: 'inactive', message: 'the successor is deactivated' });
    if (issues.length) throw validationFailed(issues);

    const forms = await this.db.query<{ app_key: string; key: string; table_name: string }>(`SELECT app_key, key, table_name FROM forms ORDER BY app_key, key`);
    const run = async (q: { query: Db['query'] }) => {
      const records: HandoverResult['records'] = [];
      const now = this.clock.now();
      for (const f of forms) {
        const table = qualifiedTable(f.table_name);
        const count = dryRun
          ? (await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE _owner_id = $1`, [fromUserId]))[0].n
          : (await q.query(
              `UPDATE ${table} SET _owner_id = $2, _owner_dept_id = $3, _version = _version + 1, _updated_at = $4, _updated_by = $5 WHERE _owner_id = $1 RETURNING 1`,
              [fromUserId, toUserId, to!.department_ids[0] ?? null, now, actor.id])).length;
        if (count) records.push({ appKey: f.app_key, formKey: f.key, count });
      }
      const tasks = dryRun ? await this.flows.countOpenTasks(q, fromUserId as string) : await this.flows.transferOpenTasks(q, fromUserId as string, toUserId as string);
      return { dryRun: dryRun as boolean, records, tasks, todos: 0 };
    };
    if (dryRun) return run(this.db);
    const result = await this.db.transaction(async (tx) => {
      await this.lockUsersOrThrow(tx, fromUserId as string, toUserId as string);
      const r = await run(tx);
      const now = this.clock.now();
      await tx.query(`UPDATE users SET active = false, updated_at = $2 WHERE id = $1`, [fromUserId, now]);
      await tx.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [fromUserId, now]);
      await tx.query(`UPDATE api_tokens SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [fromUserId, now]);
      await this.audit.write(tx, {
        at: now, actorId: actor.id, action: 'handover', target: { type: 'user', id: fromUserId as string },
        before: { ownerId: fromUserId, active: from!.active }, after: { ownerId: toUserId, active: false, records: r.records, tasks: r.tasks, todos: r.todos }, ip,
      });
      await this.audit.publish(tx, 'handover', { fromUserId, toUserId, records: r.records }, now);
      await this.invalidation.publish(tx, 'auth', fromUserId as string);
      return r;
    });
    this.invalidation.dispatch('auth', fromUserId as string);
    return result;
  }

  /**
   * Locks both users for the transaction and checks the successor again: a successor deactivated (or a
   * leaver changed) while the handover waited makes it move nothing.
   */
  private async lockUsersOrThrow(tx: Queryable, fromUserId: string, toUserId: string): Promise<void> {
    const rows = await tx.query<{ id: string; active: boolean }>(
      `SELECT id, active FROM users WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [[fromUserId, toUserId]]);
    const to = rows.find((u) => u.id === toUserId);
    if (!rows.some((u) => u.id === fromUserId)) throw validationFailed([{ path: ['fromUserId'], code: 'not_found', message: 'fromUserId is not a user' }]);
    if (!to) throw validationFailed([{ path: ['toUserId'], code: 'not_found', message: 'toUserId is not a user' }]);
    if (!to.active) throw validationFailed([{ path: ['toUserId'], code: 'inactive', message: 'the successor is deactivated' }]);
  }
}
