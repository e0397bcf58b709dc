import { Controller, Get, Query, Res } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '../auth/current-user.decorator';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { RecordsService } from '../records/records.service';
import { parseLimit } from '../common/paging';
import { isUuid } from '../common/uuid-v7';
import { Db } from '../database/database';

type AuditRow = {
  id: string; at: Date; actor_id: string | null; action: string; target_type: string; app_key: string | null;
  form_key: string | null; target_id: string | null; before: unknown; after: unknown; ip: string | null;
};

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly db: Db, private readonly records: RecordsService) {}

  @Get('export')
  @ApiOperation({ summary: 'The audit trail as CSV (administrators), with the same filters as the list' })
  async export(
    @CurrentUser() user: RequestUser, @Res() reply: FastifyReply,
    @Query('appKey') appKey?: string, @Query('formKey') formKey?: string, @Query('recordId') recordId?: string,
    @Query('actorId') actorId?: string, @Query('action') action?: string,
  ) {
    if (!user.isAdmin) throw forbidden('Only administrators can export the audit trail');
    const names = new Map((await this.db.query<{ id: string; name: string; username: string }>(`SELECT id, name, username FROM users`)).map((u) => [u.id, `${u.name} (${u.username})`]));
    reply.hijack();
    const out = reply.raw;
    out.writeHead(200, { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': `attachment; filename="audit.csv"`, 'Cache-Control': 'no-store' });
    const cell = (v: unknown) => {
      const text = v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v);
      const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
      return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    out.write('\uFEFF' + ['id', 'at', 'actor', 'action', 'targetType', 'appKey', 'formKey', 'targetId', 'before', 'after', 'ip'].join(',') + '\r\n');
    let after: string | undefined;
    do {
      const page = await this.list(user, appKey, formKey, recordId, actorId, after, '500', action);
      for (const e of page.items) {
        const row = [e.id, e.at, e.actorId ? names.get(e.actorId) ?? e.actorId : '', e.action, e.target.type, e.target.appKey, e.target.formKey, e.target.id, e.before, e.after, e.ip];
        if (!out.write(row.map(cell).join(',') + '\r\n')) await new Promise((r) => out.once('drain', r));
      }
      after = page.nextCursor ?? undefined;
    } while (after);
    out.end();
  }

  @Get()
  @ApiOperation({ summary: 'The audit trail, newest first (administrators)' })
  async list(
    @CurrentUser() user: RequestUser,
    @Query('appKey') appKey?: string, @Query('formKey') formKey?: string, @Query('recordId') recordId?: string,
    @Query('actorId') actorId?: string, @Query('after') after?: string, @Query('limit') limitRaw?: string, @Query('action') action?: string,
  ) {
    // Others read the history of records they can read, with their field rules applied.
    let redact: ((d: Record<string, unknown> | null) => Record<string, unknown> | null) | null = null;
    if (!user.isAdmin) {
      if (!appKey || !formKey || !recordId) throw forbidden('Only administrators can search the whole audit trail; ask for one record');
      redact = await this.records.historyRedactor(user, appKey, formKey, recordId);
      if (!redact) throw notFound('Record not found');
    }
    const limit = parseLimit(limitRaw);
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: string, v: unknown) => { params.push(v); where.push(sql.replace('?', `$${params.length}`)); };
    if (appKey) add('app_key = ?', appKey);
    if (formKey) add('form_key = ?', formKey);
    if (recordId) add('target_id = ?', recordId);
    // One action (`record.update`) or a family (`record.*`).
    if (action) {
      if (action.endsWith('.*')) add('action LIKE ?', action.slice(0, -2).replace(/[\\%_]/g, (c) => '\\' + c) + '.%');
      else add('action = ?', action);
    }
    if (actorId) {
      if (!isUuid(actorId)) return { items: [], nextCursor: null };
      add('actor_id = ?', actorId);
    }
    if (after) {
      if (!isUuid(after)) throw new ApiError(400, 'INVALID_CURSOR', 'The cursor is not valid');
      add('id < ?', after);
    }
    params.push(limit + 1);
    const rows = await this.db.query<AuditRow>(
      `SELECT * FROM audit_log ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT $${params.length}`, params);
    const items = rows.slice(0, limit).map((r) => ({
      id: r.id, at: r.at.toISOString(), actorId: r.actor_id, action: r.action,
      target: { type: r.target_type, appKey: r.app_key, formKey: r.form_key, id: r.target_id },
      before: redact ? redact(r.before as Record<string, unknown> | null) : r.before,
      after: redact ? redact(r.after as Record<string, unknown> | null) : r.after,
      ip: user.isAdmin ? r.ip : null,
    }));
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
  }
}
