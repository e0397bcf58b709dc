import { Inject, Injectable } from '@nestjs/common';
import { formatValue, type DisplayLocale } from '@platform/form-engine';
import { labelText } from '@platform/schema';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { SETTINGS } from '../common/core.module';
import type { Settings } from '../common/settings';
import { Db } from '../database/database';
import { canSee } from '../permissions/form-access';
import { RecordsService } from './records.service';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportRequest = { format: ExportFormat; filter: unknown; locale: DisplayLocale };

/** A text cell starting with these would run as a formula in a spreadsheet: it gets a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/**
 * Export under the reader's scope, hidden fields and masks (it reads through RecordsService.query),
 * streamed page by page. Values are written as the UI shows them; members as "name (username)" and
 * departments as their full path, so that an export re-imports without loss.
 */
@Injectable()
export class RecordsExportService {
  constructor(private readonly records: RecordsService, private readonly db: Db, @Inject(SETTINGS) private readonly settings: Settings) {}

  parseRequestOrThrow(query: Record<string, string | undefined>, acceptLanguage: string | undefined): ExportRequest {
    const format = (query.format ?? 'xlsx') as ExportFormat;
    if (format !== 'csv' && format !== 'xlsx') throw validationFailed([{ path: ['format'], code: 'invalid_option', message: 'format must be csv or xlsx' }]);
    let filter: unknown = undefined;
    if (query.filter) {
      try {
        filter = JSON.parse(query.filter);
      } catch {
        throw new ApiError(400, 'INVALID_JSON', 'filter is not valid JSON');
      }
    }
    const lang = query.lang ?? acceptLanguage ?? 'zh-CN';
    return { format, filter, locale: lang.toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN' };
  }

  /** Checks the right to export before anything is sent; returns the file name. */
  async prepare(user: RequestUser, appKey: string, formKey: string, req: ExportRequest): Promise<{ fileName: string; contentType: string }> {
    const ctx = await this.records.context(user, appKey, formKey);
    if (!ctx.access.all && !ctx.access.actions.has('export')) {
      if (!ctx.access.actions.has('read')) throw notFound('Form not found');
      throw forbidden('Your role does not allow export on this form');
    }
    // Run the first page now so a bad filter is a 400 before the download starts.
    await this.records.query(user, appKey, formKey, { filter: req.filter, limit: 1 });
    const name = labelText(ctx.runtime.definition.name, req.locale) || formKey;
    return {
      fileName: `${name}.${req.format}`,
      contentType: req.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    };
  }

  async write(user: RequestUser, appKey: string, formKey: string, req: ExportRequest, out: Writable): Promise<number> {
    const ctx = await this.records.context(user, appKey, formKey);
    const fields = ctx.runtime.fields.filter((f) => canSee(ctx.access, f.field.key));
    const users = new Map((await this.db.query<{ id: string; name: string; username: string }>(`SELECT id, name, username FROM users`)).map((u) => [u.id, `${u.name} (${u.username})`]));
    const depts = await this.db.query<{ id: string; name: string; parent_id: string | null }>(`SELECT id, name, parent_id FROM departments`);
    const byId = new Map(depts.map((d) => [d.id, d]));
    const path = (id: string): string | undefined => {
      const parts: string[] = [];
      for (let d = byId.get(id), guard = 0; d && guard < 50; d = d.parent_id ? byId.get(d.parent_id) : undefined, guard++) parts.unshift(d.name);
      return parts.length ? parts.join('/') : undefined;
    };
    const lookup = { userName: (id: string) => users.get(id), departmentName: path, timeZone: this.settings.timeZone };
    const header = ['ID', ...fields.map((f) => labelText(f.field.label, req.locale))];
    const cells = (record: { id: string; data: Record<string, unknown> }) => [
      record.id,
      ...fields.map((f) => {
        const text = formatValue(f.field, record.data[f.field.key], req.locale, lookup);
        return ['text', 'textarea'].includes(f.field.type) && FORMULA_START.test(text) ? `'${text}` : text;
      }),
    ];

    let workbook: ExcelJS.stream.xlsx.WorkbookWriter | undefined;
    let sheet: ExcelJS.Worksheet | undefined;
    if (req.format === 'xlsx') {
      workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
      sheet = workbook.addWorksheet(labelText(ctx.runtime.definition.name, req.locale).slice(0, 31) || 'Sheet1');
      sheet.addRow(header).commit();
    } else {
      out.write('\uFEFF' + header.map(csvCell).join(',') + '\r\n');
    }
    let after: string | null = null;
    let count = 0;
    do {
      const page: { items: { id: string; data: Record<string, unknown> }[]; nextCursor: string | null } =
        await this.records.query(user, appKey, formKey, { filter: req.filter, limit: 500, sort: [{ field: 'createdAt', dir: 'asc' }], ...(after ? { after } : {}) });
      for (const r of page.items) {
        if (sheet) sheet.addRow(cells(r)).commit();
        else if (!out.write(cells(r).map(csvCell).join(',') + '\r\n')) await new Promise((resolve) => out.once('drain', resolve));
        count += 1;
      }
      after = page.nextCursor;
    } while (after);
    if (workbook) {
      sheet!.commit();
      await workbook.commit();
    } else {
      out.end();
    }
    return count;
  }
}
