import { Inject, Injectable } from '@nestjs/common';
import { AuditService } from '../audit/audit.service';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { CLOCK, type Clock } from '../common/core.module';
import { parseLimit } from '../common/paging';
import { isUuid, uuidV7 } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';
import { NotificationsService } from '../notifications/notifications.service';
import { RecordsService } from '../records/records.service';
import { parseCommentInput, type CommentInput } from './comment-input';

/** A comment as the API answers it; a deleted one keeps its place with `body: null` and `deletedAt`. */
export type CommentView = {
  id: string;
  recordId: string;
  authorId: string;
  body: string | null;
  mentions: string[];
  createdAt: string;
  editedAt: string | null;
  deletedAt: string | null;
};

type CommentRow = {
  id: string; record_id: string; author_id: string; body: string; mentions: string[];
  created_at: Date; edited_at: Date | null; deleted_at: Date | null;
};
type UserRow = { id: string; username: string; name: string; is_admin: boolean; active: boolean; department_ids: string[]; role_ids: string[] };
type Target = { appKey: string; formKey: string; recordId: string };

const COLUMNS = 'id, record_id, author_id, body, mentions, created_at, edited_at, deleted_at';
export const MENTION_TEMPLATE = 'comment.mention';

const toView = (row: CommentRow): CommentView => {
  const deleted = row.deleted_at !== null;
  return {
    id: row.id,
    recordId: row.record_id,
    authorId: row.author_id,
    body: deleted ? null : row.body,
    mentions: deleted ? [] : row.mentions,
    createdAt: row.created_at.toISOString(),
    editedAt: row.edited_at?.toISOString() ?? null,
    deletedAt: row.deleted_at?.toISOString() ?? null,
  };
};

/**
 * Comments on a record. Whoever reads the record (RecordsService.get: the same form grant and data
 * scope, and the same 404 when it is out of reach) reads and writes its comments; each write is audited
 * on the record, notifies the mentioned users who may read the record, and tells open pages to refetch,
 * all in one transaction.
 */
@Injectable()
export class CommentsService {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly records: RecordsService,
    private readonly notifications: NotificationsService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(user: RequestUser, target: Target, query: { after?: string; limit?: string }) {
    await this.records.get(user, target.appKey, target.formKey, target.recordId);
    const limit = parseLimit(query.limit);
    if (query.after !== undefined && !isUuid(query.after)) throw new ApiError(400, 'INVALID_CURSOR', 'The cursor is not valid');
    const params: unknown[] = [target.appKey, target.formKey, target.recordId];
    const after = query.after ? `AND id > $${params.push(query.after)}` : '';
    const rows = await this.db.query<CommentRow>(
      `SELECT ${COLUMNS} FROM record_comments WHERE app_key = $1 AND form_key = $2 AND record_id = $3 ${after}
        ORDER BY id LIMIT $${params.push(limit + 1)}`, params);
    const items = rows.slice(0, limit).map(toView);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }

  async create(user: RequestUser, target: Target, raw: Record<string, unknown>, ip: string | null): Promise<CommentView> {
    await this.records.get(user, target.appKey, target.formKey, target.recordId);
    const input = this.inputOrThrow(raw);
    const mentions = input.mentions ?? [];
    const mentioned = await this.mentionedUsersOrThrow(mentions);
    const notify = await this.readersAmong(mentioned, user, target);
    const now = this.clock.now();
    const id = uuidV7(now.getTime());
    return this.db.transaction(async (tx) => {
      const [row] = await tx.query<CommentRow>(
        `INSERT INTO record_comments (id, app_key, form_key, record_id, author_id, body, mentions, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7::uuid[], $8) RETURNING ${COLUMNS}`,
        [id, target.appKey, target.formKey, target.recordId, user.id, input.body, mentions, now]);
      await this.audit.write(tx, { at: now, actorId: user.id, action: 'comment.create', target: this.auditTarget(target), after: { commentId: id, commentText: input.body, mentionIds: mentions }, ip });
      await this.effects(tx, target, id, user.id, notify, now);
      return toView(row);
    });
  }

  /** Only the author edits; a `mentions` list replaces the comment's, and only the newly mentioned are notified. */
  async update(user: RequestUser, target: Target, commentId: string, raw: Record<string, unknown>, ip: string | null): Promise<CommentView> {
    await this.records.get(user, target.appKey, target.formKey, target.recordId);
    if (!isUuid(commentId)) throw notFound('Comment not found');
    const input = this.inputOrThrow(raw);
    const mentioned = await this.mentionedUsersOrThrow(input.mentions ?? []);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const current = await this.lockedCommentOrThrow(tx, target, commentId);
      if (current.author_id !== user.id) throw forbidden('Only the author can edit a comment');
      const mentions = input.mentions ?? current.mentions;
      if (input.body === current.body && sameIds(mentions, current.mentions)) return toView(current);
      const added = new Set(mentions.filter((m) => !current.mentions.includes(m)));
      const notify = await this.readersAmong(mentioned.filter((u) => added.has(u.id)), user, target);
      const [row] = await tx.query<CommentRow>(
        `UPDATE record_comments SET body = $2, mentions = $3::uuid[], edited_at = $4 WHERE id = $1 RETURNING ${COLUMNS}`,
        [commentId, input.body, mentions, now]);
      await this.audit.write(tx, {
        at: now, actorId: user.id, action: 'comment.update', target: this.auditTarget(target),
        before: { commentId, commentText: current.body, mentionIds: current.mentions }, after: { commentId, commentText: input.body, mentionIds: mentions }, ip,
      });
      await this.effects(tx, target, commentId, user.id, notify, now);
      return toView(row);
    });
  }

  /** The author or an administrator deletes; the comment stays in the list as "deleted". */
  async remove(user: RequestUser, target: Target, commentId: string, ip: string | null): Promise<void> {
    await this.records.get(user, target.appKey, target.formKey, target.recordId);
    if (!isUuid(commentId)) throw notFound('Comment not found');
    const now = this.clock.now();
    await this.db.transaction(async (tx) => {
      const current = await this.lockedCommentOrThrow(tx, target, commentId);
      if (current.author_id !== user.id && !user.isAdmin) throw forbidden('Only the author or an administrator can delete a comment');
      await tx.query(`UPDATE record_comments SET deleted_at = $2 WHERE id = $1`, [commentId, now]);
      await this.audit.write(tx, { at: now, actorId: user.id, action: 'comment.delete', target: this.auditTarget(target), before: { commentId, commentText: current.body, mentionIds: current.mentions }, ip });
      await this.effects(tx, target, commentId, user.id, [], now);
    });
  }

  private inputOrThrow(raw: Record<string, unknown>): CommentInput {
    const parsed = parseCommentInput(raw);
    if (!parsed.ok) throw validationFailed(parsed.issues);
    return parsed.value;
  }

  /** The mentioned users; an id that names no user is 400 VALIDATION_FAILED. */
  private async mentionedUsersOrThrow(ids: string[]): Promise<UserRow[]> {
    if (!ids.length) return [];
    const rows = await this.db.query<UserRow>(
      `SELECT id, username, name, is_admin, active, department_ids, role_ids FROM users WHERE id = ANY($1::uuid[])`, [ids]);
    const found = new Set(rows.map((r) => r.id));
    const issues = ids.filter((id) => !found.has(id)).map((id) => ({ path: ['mentions'], code: 'invalid_value', message: `No user has the id ${id}` }));
    if (issues.length) throw validationFailed(issues, 'A mentioned user does not exist');
    return rows;
  }

  /** Of the mentioned users, those to notify: active, not the author, and able to read the record (the others are skipped silently). */
  private async readersAmong(users: UserRow[], author: RequestUser, target: Target): Promise<string[]> {
    const out: string[] = [];
    for (const u of users) {
      if (!u.active || u.id === author.id) continue;
      const asUser: RequestUser = { id: u.id, username: u.username, name: u.name, isAdmin: u.is_admin, departmentIds: u.department_ids, roleIds: u.role_ids };
      if (await this.records.canRead(asUser, target.appKey, target.formKey, target.recordId)) out.push(u.id);
    }
    return out;
  }

  private async lockedCommentOrThrow(tx: Queryable, target: Target, commentId: string): Promise<CommentRow> {
    const [row] = await tx.query<CommentRow>(
      `SELECT ${COLUMNS} FROM record_comments WHERE id = $1 AND app_key = $2 AND form_key = $3 AND record_id = $4 AND deleted_at IS NULL FOR UPDATE`,
      [commentId, target.appKey, target.formKey, target.recordId]);
    if (!row) throw notFound('Comment not found');
    return row;
  }

  private auditTarget(target: Target) {
    return { type: 'record' as const, appKey: target.appKey, formKey: target.formKey, id: target.recordId };
  }

  /** Mentions notified, and a record event so that pages showing the record refetch its comments. */
  private async effects(tx: Queryable, target: Target, commentId: string, authorId: string, notify: string[], now: Date) {
    if (notify.length) {
      await this.notifications.notify(tx, notify, MENTION_TEMPLATE, { appKey: target.appKey, formKey: target.formKey, recordId: target.recordId, commentId, authorId }, now);
    }
    await this.audit.publish(tx, 'record.commented', { appKey: target.appKey, formKey: target.formKey, id: target.recordId }, now);
  }
}

const sameIds = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((id) => b.includes(id));
