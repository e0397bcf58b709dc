import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { RequestUser } from '../auth/request-user';
import { ApiError, validationFailed } from '../common/api-error';
import { CLOCK, SETTINGS, type Clock } from '../common/core.module';
import { parseLimit } from '../common/paging';
import type { Settings } from '../common/settings';
import { isUuid, uuidV7 } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';
import { JobsService } from '../jobs/jobs.service';
import { isMailAddress, sendMail } from './smtp-client';

/** What a flow's notification is about: a flow instance, its record, the node and task when there is one. */
export type FlowNotificationData = {
  appKey: string; formKey: string; recordId: string; instanceId: string; flowKey: string; nodeKey: string | null; taskId?: string;
};
/** A mention in a comment (template comment.mention): the record, the comment and its author. */
export type CommentNotificationData = { appKey: string; formKey: string; recordId: string; commentId: string; authorId: string };
export type NotificationData = FlowNotificationData | CommentNotificationData;
type NotificationRow = { id: string; user_id: string; at: Date; template: string; data: NotificationData; read_at: Date | null };

/** The platform's own templates, in both languages (emails carry both; the web app has its own texts). */
const TEMPLATE_TEXT: Record<string, [string, string]> = {
  'flow.approved': ['你发起的审批已通过', 'Your approval request was approved'],
  'flow.rejected': ['你发起的审批被驳回', 'Your approval request was rejected'],
  'flow.withdrawn': ['发起人撤回了一条审批', 'An approval request was withdrawn by its initiator'],
  'flow.cc': ['一条审批抄送给你', 'An approval was copied to you'],
  'flow.remind': ['有一条审批等你处理', 'An approval is waiting for you'],
  'flow.overdue': ['一条审批已超时', 'An approval is overdue'],
  'comment.mention': ['有人在评论中提到了你', 'You were mentioned in a comment'],
};

const EMAIL_TIMER = 'notification-email';

/**
 * In-app notifications, written in the transaction of the flow step that causes them, and their
 * emails: when SMTP is configured, a durable timer (pg-boss, retried) sends each notification to its
 * user's address once, after the step commits.
 */
@Injectable()
export class NotificationsService implements OnModuleInit {
  private readonly logger = new Logger('Notifications');

  constructor(
    private readonly db: Db,
    private readonly jobs: JobsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit() {
    this.jobs.registerTimer(EMAIL_TIMER, (data) => this.sendEmails((data as { ids: string[] }).ids));
  }

  get emailConfigured(): boolean {
    return !!this.settings.smtp.host;
  }

  /** One notification per user, in the caller's transaction; emails scheduled for those who get them. */
  async notify(q: Queryable, userIds: readonly string[], template: string, data: NotificationData, at: Date): Promise<void> {
    const users = [...new Set(userIds)];
    if (!users.length) return;
    const ids = users.map(() => uuidV7(at.getTime()));
    await q.query(
      `INSERT INTO notifications (id, user_id, at, template, data) SELECT x.id, x.user_id, $3, $4, $5 FROM unnest($1::uuid[], $2::uuid[]) AS x(id, user_id)`,
      [ids, users, at, template, JSON.stringify(data)]);
    if (!this.emailConfigured) return;
    const [wanted] = await q.query(`SELECT 1 FROM notification_settings WHERE user_id = ANY($1::uuid[]) AND email_enabled AND email IS NOT NULL LIMIT 1`, [users]);
    if (wanted) await this.jobs.scheduleTimer(q, EMAIL_TIMER, { ids }, at);
  }

  // ---- the user's own ----

  async list(user: RequestUser, query: { after?: string; limit?: string; unread?: string }) {
    const limit = parseLimit(query.limit, 20);
    if (query.after !== undefined && !isUuid(query.after)) throw new ApiError(400, 'INVALID_CURSOR', 'The cursor is not valid');
    if (query.unread !== undefined && query.unread !== 'true' && query.unread !== 'false') throw validationFailed([{ path: ['unread'], code: 'invalid_option', message: 'unread is true or false' }]);
    const params: unknown[] = [user.id];
    const where = ['user_id = $1'];
    if (query.after) where.push(`id < $${params.push(query.after)}`);
    if (query.unread === 'true') where.push('read_at IS NULL');
    const rows = await this.db.query<NotificationRow>(
      `SELECT id, user_id, at, template, data, read_at FROM notifications WHERE ${where.join(' AND ')} ORDER BY id DESC LIMIT $${params.push(limit + 1)}`, params);
    const items = rows.slice(0, limit).map((r) => ({ id: r.id, at: r.at.toISOString(), template: r.template, data: r.data, readAt: r.read_at?.toISOString() ?? null }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null, unread: await this.unreadCount(user.id) };
  }

  /** Marks the given notifications (all of the user's without `ids`) read; answers the unread count. */
  async markRead(user: RequestUser, body: Record<string, unknown>) {
    const ids = body.ids;
    if (ids !== undefined && (!Array.isArray(ids) || ids.length > 500 || !ids.every(isUuid))) {
      throw validationFailed([{ path: ['ids'], code: 'invalid_type', message: 'ids: up to 500 notification ids' }]);
    }
    const params: unknown[] = [user.id, this.clock.now()];
    const only = ids === undefined ? '' : `AND id = ANY($${params.push(ids)}::uuid[])`;
    await this.db.query(`UPDATE notifications SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL ${only}`, params);
    return { unread: await this.unreadCount(user.id) };
  }

  private async unreadCount(userId: string): Promise<number> {
    const [{ n }] = await this.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND read_at IS NULL`, [userId]);
    return n;
  }

  async getSettings(user: RequestUser) {
    const [row] = await this.db.query<{ email: string | null; email_enabled: boolean }>(`SELECT email, email_enabled FROM notification_settings WHERE user_id = $1`, [user.id]);
    return { email: row?.email ?? null, emailEnabled: row?.email_enabled ?? true, emailConfigured: this.emailConfigured };
  }

  async saveSettings(user: RequestUser, body: Record<string, unknown>) {
    const current = await this.getSettings(user);
    const email = body.email === undefined ? current.email : body.email === null || body.email === '' ? null : body.email;
    const enabled = body.emailEnabled === undefined ? current.emailEnabled : body.emailEnabled;
    const issues = [];
    if (email !== null && !isMailAddress(email)) issues.push({ path: ['email'], code: 'invalid_format', message: 'email must be an email address' });
    if (typeof enabled !== 'boolean') issues.push({ path: ['emailEnabled'], code: 'invalid_type', message: 'emailEnabled must be true or false' });
    if (issues.length) throw validationFailed(issues);
    await this.db.query(
      `INSERT INTO notification_settings (user_id, email, email_enabled, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, email_enabled = EXCLUDED.email_enabled, updated_at = EXCLUDED.updated_at`,
      [user.id, email, enabled, this.clock.now()]);
    return this.getSettings(user);
  }

  // ---- email ----

  /** The timer: each notification not emailed yet goes to its user's address; a failure is retried by pg-boss. */
  private async sendEmails(ids: string[]) {
    const smtp = this.settings.smtp;
    if (!smtp.host || !Array.isArray(ids)) return;
    const rows = await this.db.query<NotificationRow & { email: string }>(
      `SELECT n.id, n.user_id, n.at, n.template, n.data, n.read_at, s.email FROM notifications n
       JOIN notification_settings s ON s.user_id = n.user_id AND s.email_enabled AND s.email IS NOT NULL
       WHERE n.id = ANY($1::uuid[]) AND n.emailed_at IS NULL ORDER BY n.id`, [ids]);
    for (const row of rows) {
      const [zh, en] = TEMPLATE_TEXT[row.template] ?? [row.template, row.template];
      const subject = zh === en ? zh.slice(0, 120) : `${zh} / ${en}`;
      const text = [zh, en === zh ? null : en, '', `${row.data.appKey} / ${row.data.formKey} / ${row.data.recordId}`, 'flowKey' in row.data ? `flow: ${row.data.flowKey}` : null]
        .filter((line) => line !== null).join('\n');
      await sendMail({ host: smtp.host, port: smtp.port, secure: smtp.secure, user: smtp.user, password: smtp.password }, { from: smtp.from, to: row.email, subject, text, date: row.at });
      await this.db.query(`UPDATE notifications SET emailed_at = $2 WHERE id = $1`, [row.id, this.clock.now()]);
    }
    if (rows.length) this.logger.debug(`emailed ${rows.length} notification(s)`);
  }
}
