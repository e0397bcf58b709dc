import { Inject, Injectable } from '@nestjs/common';
import { fileCellText, formatValue, importColumnKind, type DisplayLocale, type FormatLookup } from '@platform/form-engine';
import { labelText, type FieldDefinition } from '@platform/schema';
import ExcelJS from 'exceljs';
import type { Writable } from 'node:stream';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { SETTINGS } from '../common/core.module';
import type { Settings } from '../common/settings';
import { Db } from '../database/database';
import { canSee } from '../permissions/form-access';
import { rowFieldsOf } from './import-lines';
import { RecordsService } from './records.service';

export type ExportFormat = 'csv' | 'xlsx';
export type ExportRequest = { format: ExportFormat; filter: unknown; locale: DisplayLocale };

/** A text cell starting with these would run as a formula in a spreadsheet: it gets a leading quote. */
const FORMULA_START = /^[=+\-@\t\r]/;

const csvCell = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A tag other than paragraphs and line breaks: formatting that plain text would lose. */
const FORMATTED_HTML = /<(?!\/?(p|br)\b)[a-z][^>]*>/i;

/** One column of the sheet: a field of the record, or a row field of a sub-form (`明细.品名`). */
type ExportColumn = { field: FieldDefinition; subForm: string | null; header: string };

/** A cell as the UI shows the value; files as `name (id)` lines, so that an import can copy them. */
function cellOf(field: FieldDefinition, value: unknown, locale: DisplayLocale, lookup: FormatLookup): string {
  if (importColumnKind(field) === 'files') return fileCellText(value);
  // Rich text with formatting goes out as its HTML (an import reads HTML back as it was); plain paragraphs as text.
  if (field.type === 'richText' && typeof value === 'string' && FORMATTED_HTML.test(value)) return value;
  const formatted = formatValue(field, value, locale, lookup);
  // A masked number, date or option is a string the field's format drops: it is written as the mask.
  const masked = formatted === '' && typeof value === 'string' && value.includes('***');
  const text = masked ? value : formatted;
  return (masked || ['text', 'textarea'].includes(field.type)) && FORMULA_START.test(text) ? `'${text}` : text;
}

/**
 * Export under the reader's scope and the export grants' scope (both), hidden fields and masks (it reads through RecordsService.query),
 * streamed page by page. Values are written as the UI shows them; members as "name (username)" and
 * departments as their full path, so that an export re-imports without loss. A sub-form's row fields
 * get columns of their own and a record takes a line per row (see import-lines.ts).
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
    await this.records.query(user, appKey, formKey, { filter: req.filter, limit: 1 }, false, 'export');
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
    const columns: ExportColumn[] = fields.flatMap(({ field }): ExportColumn[] => {
      const label = labelText(field.label, req.locale);
      if (field.type !== 'subForm') return [{ field, subForm: null, header: label }];
      return rowFieldsOf(field).filter((inner) => importColumnKind(inner) !== 'layout')
        .map((inner) => ({ field: inner, subForm: field.key, header: `${label}.${labelText(inner.label, req.locale)}` }));
    });
    const header = ['ID', ...columns.map((column) => column.header)];
    const rowsOf = (data: Record<string, unknown>, key: string) => (Array.isArray(data[key]) ? (data[key] as Record<string, unknown>[]) : []);
    const subForms = [...new Set(columns.flatMap((column) => (column.subForm ? [column.subForm] : [])))];
    /** A record's lines: the first with its cells and first rows, then one per further sub-form row. */
    const linesOf = (record: { id: string; data: Record<string, unknown> }): string[][] => {
      const count = Math.max(1, ...subForms.map((key) => rowsOf(record.data, key).length));
      return Array.from({ length: count }, (_line, index) => [
        index === 0 ? record.id : '',
        ...columns.map((column) => {
          if (column.subForm === null) return index === 0 ? cellOf(column.field, record.data[column.field.key], req.locale, lookup) : '';
          const row = rowsOf(record.data, column.subForm)[index];
          return row ? cellOf(column.field, row[column.field.key], req.locale, lookup) : '';
        }),
      ]);
    };

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
        await this.records.query(user, appKey, formKey, { filter: req.filter, limit: 500, sort: [{ field: 'createdAt', dir: 'asc' }], ...(after ? { after } : {}) }, false, 'export');
      for (const r of page.items) {
        for (const line of linesOf(r)) {
          if (sheet) sheet.addRow(line).commit();
          else if (!out.write(line.map(csvCell).join(',') + '\r\n')) await new Promise((resolve) => out.once('drain', resolve));
        }
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
