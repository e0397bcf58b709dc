import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { MultipartFile, MultipartValue } from '@fastify/multipart';
import {
  applyStageGates, columnName, evaluateFormRules, fieldTypeFor, fileIdsInCell, formRuleIssues, importColumnKind, importValue, translateIssue, validateRecordData,
  type CoerceResult, type DisplayLocale, type ImportCell, type ImportLookup,
} from '@platform/form-engine';
import { labelText, type FieldDefinition } from '@platform/schema';
import type { FastifyRequest } from 'fastify';
import type { TokenScope } from '../auth/api-token.entity';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound } from '../common/api-error';
import { CLOCK, SETTINGS, type Clock } from '../common/core.module';
import { HttpExceptionFilter } from '../common/http-exception.filter';
import type { Settings } from '../common/settings';
import { isUuid } from '../common/uuid-v7';
import { Db } from '../database/database';
import { JobsService, type JobContext } from '../jobs/jobs.service';
import { canEdit, canSee, isFilterable } from '../permissions/form-access';
import { FilesService, type FileRef } from '../files/files.service';
import { inspectImportFileOrThrow, readImportRowsOrThrow } from './import-file';
import { allBlank, recordLines, rowFieldsOf, subFormColumn } from './import-lines';
import { defaultContextFor } from './record-defaults';
import { RecordsService } from './records.service';

export const IMPORT_JOB = 'records.import';
/**
 * Records per batch: checked together, written in one transaction (a statement per table), then the
 * progress and the checkpoint. Larger batches cost fewer commits and round trips; 1,000 keeps a batch's
 * work under a second and the progress moving.
 */
const BATCH = 1000;
/**
 * Batches of a create import read, checked or being written at once: while one is written, the next ones
 * are read and checked (the API's work), so that the database finds the next batch ready when it commits.
 */
const BATCHES_IN_FLIGHT = 3;
/** Records read between two turns given to the event loop (see the job's loop). */
const YIELD_EVERY = 50;
/** Rows read from a workbook between two progress reports of the reading. */
const READ_PROGRESS_EVERY = 5000;
/** Distinct cells of a column whose values are kept for the next rows (choices, users, ... repeat). */
const MEMO_CELLS_PER_COLUMN = 500;
/** Errors listed in the job's result (the error report still lists every failed row). */
const MAX_LISTED_ERRORS = 1000;
/** The largest file read at all; MAX_IMPORT_ROWS is the limit users meet. */
const MAX_IMPORT_BYTES = 30 * 1024 * 1024;
/** Rows saved at the same time (each in its own transaction). */
const SAVE_CONCURRENCY = 4;
/** Rows shown by the preview. */
const PREVIEW_ROWS = 5;
/** Failures in a row that are not the caller's (a bug, the database away) before the job gives up. */
const MAX_UNEXPECTED_IN_A_ROW = 20;
/** Records created by an import from which the form's table is analysed at the end (its statistics would be far off). */
const ANALYZE_AFTER = 1000;
/** Records of a relation's target form read to find them by title. */
const MAX_TITLES = 100_000;

type Ctx = Awaited<ReturnType<RecordsService['context']>>;
export type ImportMode = 'create' | 'upsert';
/** JSON form of a cell in the input of imports recorded with their rows: a Date travels as {"d": ISO}. */
type StoredCell = string | number | boolean | null | { d: string };
type ColumnStatus = 'field' | 'id' | 'skipped' | 'unknown' | 'empty' | 'duplicate' | 'derived' | 'layout' | 'unsupported' | 'notEditable' | 'masked';
export type ImportColumn = { index: number; header: string; fieldKey: string | null; status: ColumnStatus };
export type ImportWarning = { column: string; index: number; code: string; message: string };
export type ImportRowError = { row: number; column: string | null; field?: string; code: string; message: string };

type ImportInput = {
  appKey: string;
  formKey: string;
  userId: string;
  tokenScopes?: TokenScope[];
  ip: string | null;
  locale: DisplayLocale;
  mode: ImportMode;
  matchField: string | null;
  dryRun: boolean;
  fileName: string;
  format: 'csv' | 'xlsx';
  encoding: string | null;
  header: string[];
  /** Per column: the field key it fills (`lines.item` for a sub-form's row field), 'id' (the record id column of exports), or null (ignored). */
  mapping: (string | null)[];
  /** The data rows the request counted: exact for CSV, an upper bound for a large XLSX (blank-looking rows count). */
  totalRows?: number;
  /** The rows themselves, in the input of imports recorded before the job read the file (import_uploads). */
  rows?: StoredCell[][];
  rowNumbers?: number[];
  warnings: ImportWarning[];
};

export type ImportResult = {
  /** Reading the file (done counts rows read, total the rows the request counted), then saving the records. */
  phase: 'reading' | 'saving';
  done: number;
  total: number;
  created: number;
  updated: number;
  failed: number;
  dryRun: boolean;
  errors: ImportRowError[];
  errorsTruncated: boolean;
  /** Every failed row's number, for the error report. */
  failedRows: number[];
  warnings: ImportWarning[];
  rowsPerSecond: number | null;
  durationMs: number;
  errorReportUrl: string | null;
};

type Message = Record<DisplayLocale, string>;
const COLUMN_MESSAGES: Record<Exclude<ColumnStatus, 'field' | 'id' | 'skipped'>, Message> = {
  unknown: { 'zh-CN': '表单中没有该字段，此列已忽略', 'en-US': 'No field of the form has this name; the column is ignored' },
  empty: { 'zh-CN': '列标题为空，此列已忽略', 'en-US': 'The column has no header; it is ignored' },
  duplicate: { 'zh-CN': '该字段已由前面的列导入，此列已忽略', 'en-US': 'An earlier column fills this field already; the column is ignored' },
  derived: { 'zh-CN': '该字段由系统计算，此列已忽略', 'en-US': 'The field is computed by the platform; the column is ignored' },
  layout: { 'zh-CN': '布局项不保存数据，此列已忽略', 'en-US': 'Layout items hold no data; the column is ignored' },
  unsupported: { 'zh-CN': '暂不支持导入该类型的字段，此列已忽略', 'en-US': 'Fields of this type cannot be imported yet; the column is ignored' },
  notEditable: { 'zh-CN': '你不能编辑该字段，此列已忽略', 'en-US': 'You may not edit this field; the column is ignored' },
  masked: { 'zh-CN': '该字段对你脱敏显示，更新时不导入此列，以免脱敏值覆盖原值', 'en-US': 'The field is masked for you; updates skip the column so that masked text never replaces the real values' },
};
const WARNING_CODES: Record<Exclude<ColumnStatus, 'field' | 'id' | 'skipped'>, string> = {
  unknown: 'unknown_column', empty: 'empty_header', duplicate: 'duplicate_column', derived: 'derived_field',
  layout: 'layout_item', unsupported: 'unsupported_type', notEditable: 'not_editable', masked: 'masked_field',
};
const ROW_MESSAGES: Record<string, Message> = {
  UNIQUE_VIOLATION: { 'zh-CN': '已有记录使用了相同的值', 'en-US': 'Another record has the same value' },
  FIELD_NOT_EDITABLE: { 'zh-CN': '你不能修改该字段', 'en-US': 'You may not change this field' },
  RECORD_LOCKED: { 'zh-CN': '记录正在审批中，不能修改', 'en-US': 'The record is under approval and cannot be changed' },
  FORBIDDEN: { 'zh-CN': '你的角色不允许该操作', 'en-US': 'Your role does not allow this' },
  NOT_FOUND: { 'zh-CN': '找不到要更新的记录', 'en-US': 'The record to update was not found' },
  AMBIGUOUS_MATCH: { 'zh-CN': '有多条记录与该值匹配，无法确定要更新哪一条', 'en-US': 'Several records have this value; which one to update is unclear' },
  UNEXPECTED: { 'zh-CN': '保存时出现意外错误', 'en-US': 'An unexpected error occurred while saving' },
  NOT_LISTED: { 'zh-CN': '错误过多，未逐条列出', 'en-US': 'Too many errors to list each one' },
  FILE_NOT_READABLE: { 'zh-CN': '找不到该文件，或你无权查看它', 'en-US': 'The file does not exist or you may not read it' },
};
/** Where a column's cells go: a field of the record, or a row field of a sub-form. */
type ColumnTarget = { field: FieldDefinition; subForm: string | null } | null;
/** File cells read from a line, copied before the record is saved. */
type PendingFiles = { field: FieldDefinition; ids: string[]; column: string; place: (value: unknown) => void };
/** A row saved (or checked, in a dry run), or its errors. */
type RowOutcome = 'created' | 'updated' | Omit<ImportRowError, 'row'>[];
type ReadRecord = { data: Record<string, unknown>; errors: Omit<ImportRowError, 'row'>[]; matchValue: string | null; files: PendingFiles[] };
/** Per column, the values of the cells read so far (by the cell's text), or null once the column has too many distinct cells. */
type CellMemo = (Map<string, CoerceResult> | null)[];
const ERROR_COLUMN: Message = { 'zh-CN': '错误原因', 'en-US': 'Errors' };

const normalizeHeader = (text: string) => text.trim().replace(/\s+/g, ' ').toLowerCase();
const fromStored = (cell: StoredCell | undefined): ImportCell =>
  cell === undefined ? null : cell !== null && typeof cell === 'object' ? new Date(cell.d) : cell;
const pad = (n: number) => String(n).padStart(2, '0');

/** A cell as text, for previews and the error report (dates as the sheet shows them). */
function cellText(cell: ImportCell): string {
  if (cell === null) return '';
  if (!(cell instanceof Date)) return String(cell);
  const day = `${cell.getUTCFullYear()}-${pad(cell.getUTCMonth() + 1)}-${pad(cell.getUTCDate())}`;
  const time = `${pad(cell.getUTCHours())}:${pad(cell.getUTCMinutes())}:${pad(cell.getUTCSeconds())}`;
  return time === '00:00:00' ? day : `${day} ${time}`;
}

/** The locale of messages and of the error report: ?lang=, else Accept-Language, else zh-CN. */
export function importLocale(lang: string | undefined): DisplayLocale {
  return (lang ?? 'zh-CN').toLowerCase().startsWith('en') ? 'en-US' : 'zh-CN';
}

const csvCell = (text: string) => {
  // The report opens in spreadsheets: a cell that would run as a formula gets a leading quote.
  const safe = /^[=+@\t\r]|^-[^\d.]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/**
 * Import of records from CSV or XLSX: the reverse of the export. The request reads and checks the file
 * and the column mapping and records a job; the job (any process, through JobsService) turns each
 * row's cells into values with the form engine's `importValue` and saves it through RecordsService
 * create or update, so permissions, validation, rules, formulas, audit and events are those of the UI.
 * A bad row is recorded with its row number and the import goes on.
 */
@Injectable()
export class RecordsImportService implements OnModuleInit {
  private readonly logger = new Logger('RecordsImport');

  constructor(
    private readonly records: RecordsService,
    private readonly jobs: JobsService,
    private readonly db: Db,
    private readonly files: FilesService,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  onModuleInit() {
    this.jobs.register(IMPORT_JOB, (ctx) => this.run(ctx));
  }

  private get maxRows(): number {
    return this.settings.maxImportRows;
  }

  // ---- the request ----

  /** The first rows of the file and how its columns map to fields, for the import wizard. Writes nothing. */
  async preview(user: RequestUser, appKey: string, formKey: string, req: FastifyRequest, requestLocale: DisplayLocale) {
    const ctx = await this.importContextOrThrow(user, appKey, formKey, 'create');
    const upload = await this.readUploadOrThrow(req);
    const locale = upload.fields.lang ? importLocale(upload.fields.lang) : requestLocale;
    const head = await inspectImportFileOrThrow(upload.buffer, upload.fileName, this.maxRows, PREVIEW_ROWS);
    const mode = upload.fields.mode === 'upsert' ? 'upsert' : 'create';
    const { columns, warnings } = this.mapColumnsOrThrow(ctx, head.header, this.parseMappingOrThrow(upload.fields.mapping), locale, mode);
    return {
      fileName: upload.fileName,
      format: head.format,
      encoding: head.encoding,
      totalRows: head.totalRows,
      totalRowsExact: head.totalRowsExact,
      maxRows: this.maxRows,
      columns,
      warnings,
      rows: head.firstRows.map((row, index) => ({
        row: head.firstRowNumbers[index],
        cells: head.header.map((_header, column) => cellText(row[column] ?? null)),
      })),
    };
  }

  /**
   * Checks the right, the file (its kind, header and row count: the rows are read by the job) and the
   * mapping; records the import job with the uploaded bytes beside it and wakes a worker.
   */
  async start(user: RequestUser, appKey: string, formKey: string, req: FastifyRequest, query: Record<string, string | undefined>, requestLocale: DisplayLocale, ip: string | null) {
    const upload = await this.readUploadOrThrow(req);
    const options = { ...query, ...upload.fields };
    // Options may come as form fields or in the query string; the form field wins.
    const locale = upload.fields.lang ? importLocale(upload.fields.lang) : requestLocale;
    const mode = (options.mode ?? 'create') as ImportMode;
    if (mode !== 'create' && mode !== 'upsert') throw this.invalidOption('mode', 'mode must be create or upsert');
    const dryRun = options.dryRun === 'true' || options.dryRun === '1';
    const ctx = await this.importContextOrThrow(user, appKey, formKey, mode);
    const head = await inspectImportFileOrThrow(upload.buffer, upload.fileName, this.maxRows, 0);
    const { columns, warnings } = this.mapColumnsOrThrow(ctx, head.header, this.parseMappingOrThrow(options.mapping), locale, mode);
    const mapping = columns.map((column) => column.fieldKey);
    const matchField = mode === 'upsert' ? this.matchFieldOrThrow(ctx, options.matchField, mapping) : null;
    if (!mapping.some((key) => key !== null && key !== 'id')) {
      throw new ApiError(400, 'NO_MAPPED_COLUMNS', 'No column of the file matches a field of the form: the headers must be field names or keys', { warnings });
    }
    const input: ImportInput = {
      appKey, formKey, userId: user.id, ...(user.tokenScopes ? { tokenScopes: user.tokenScopes } : {}), ip, locale, mode, matchField, dryRun,
      fileName: upload.fileName, format: head.format, encoding: head.encoding, header: head.header, mapping, totalRows: head.totalRows, warnings,
    };
    const jobId = await this.db.transaction(async (tx) => {
      const id = await this.jobs.record(tx, IMPORT_JOB, input as unknown as Record<string, unknown>, user.id);
      await tx.query(`INSERT INTO import_uploads (job_id, file_name, bytes, created_at) VALUES ($1, $2, $3, $4)`, [id, upload.fileName, upload.buffer, this.clock.now()]);
      return id;
    });
    await this.jobs.dispatch(IMPORT_JOB, jobId);
    // Uploads of jobs that ended without removing theirs (a failure of that last statement): not kept.
    await this.db.query(`DELETE FROM import_uploads u USING jobs j WHERE j.id = u.job_id AND j.status IN ('done', 'failed')`)
      .catch((e) => this.logger.warn(`import uploads cleanup: ${(e as Error).message}`));
    return { jobId, totalRows: head.totalRows, totalRowsExact: head.totalRowsExact, columns, warnings };
  }

  /** The failed rows as they were in the file, with a column saying why: CSV, UTF-8 with BOM. */
  async errorReport(user: RequestUser, appKey: string, formKey: string, jobId: string): Promise<{ fileName: string; body: string }> {
    if (!isUuid(jobId)) throw notFound('Job not found');
    const job = await this.db.one<{ type: string; created_by: string | null; input: ImportInput; result: ImportResult | null }>(
      `SELECT type, created_by, input, result FROM jobs WHERE id = $1`, [jobId]);
    if (!job || job.type !== IMPORT_JOB || job.input.appKey !== appKey || job.input.formKey !== formKey) throw notFound('Job not found');
    if (!user.isAdmin && job.created_by !== user.id) throw notFound('Job not found');
    const { input } = job;
    const result = job.result;
    const failedLines = await this.failedLinesOf(jobId, input, result?.failedRows ?? []);
    const messages = new Map<number, string[]>();
    for (const error of result?.errors ?? []) {
      const list = messages.get(error.row) ?? [];
      list.push(error.column ? `${error.column}: ${error.message}` : error.message);
      messages.set(error.row, list);
    }
    const lines = [[...input.header, ERROR_COLUMN[input.locale]].map(csvCell).join(',')];
    for (const row of result?.failedRows ?? []) {
      const why = messages.get(row)?.join('; ') ?? ROW_MESSAGES.NOT_LISTED[input.locale];
      (failedLines.get(row) ?? []).forEach((cells, index) => {
        lines.push([...input.header.map((_header, column) => cells[column] ?? ''), index === 0 ? why : ''].map(csvCell).join(','));
      });
    }
    const base = input.fileName.replace(/\.[a-z0-9]+$/i, '') || 'import';
    return { fileName: `${base}-${input.locale === 'zh-CN' ? '错误' : 'errors'}.csv`, body: '\uFEFF' + lines.join('\r\n') + '\r\n' };
  }

  /**
   * The failed records' lines as the file showed them, by the row number of each one's first line: kept
   * by the job (import_failed_rows), or read from the input of an import recorded with its rows.
   */
  private async failedLinesOf(jobId: string, input: ImportInput, failedRows: number[]): Promise<Map<number, string[][]>> {
    const byRow = new Map<number, string[][]>();
    if (input.rows && input.rowNumbers) {
      const rows = input.rows;
      const indexByRow = new Map(input.rowNumbers.map((row, index) => [row, index]));
      const endOf = new Map(recordLines(rows, input.mapping).map((run) => [run.start, run.end]));
      for (const row of failedRows) {
        const start = indexByRow.get(row);
        if (start === undefined) continue;
        byRow.set(row, rows.slice(start, endOf.get(start) ?? start + 1).map((cells) => input.header.map((_header, column) => cellText(fromStored(cells[column])))));
      }
      return byRow;
    }
    const kept = await this.db.query<{ row_number: number; lines: string[][] }>(`SELECT row_number, lines FROM import_failed_rows WHERE job_id = $1`, [jobId]);
    for (const { row_number: row, lines } of kept) byRow.set(row, lines);
    return byRow;
  }

  private async importContextOrThrow(user: RequestUser, appKey: string, formKey: string, mode: ImportMode): Promise<Ctx> {
    const ctx = await this.records.context(user, appKey, formKey);
    const may = (action: 'import' | 'create' | 'update') => ctx.access.all || ctx.access.actions.has(action);
    if (!may('import')) {
      if (!ctx.access.actions.has('read')) throw notFound('Form not found');
      throw forbidden('Your role does not allow import on this form');
    }
    if (!may('create')) throw forbidden('Your role does not allow create on this form');
    if (mode === 'upsert' && !may('update')) throw forbidden('Your role does not allow update on this form');
    return ctx;
  }

  private invalidOption(name: string, message: string) {
    return new ApiError(400, 'VALIDATION_FAILED', message, { issues: [{ path: [name], code: 'invalid_option', message }] });
  }

  /** The multipart body: the part `file` and the text fields beside it. */
  private async readUploadOrThrow(req: FastifyRequest): Promise<{ buffer: Buffer; fileName: string; fields: Record<string, string> }> {
    if (typeof req.isMultipart !== 'function' || !req.isMultipart()) {
      throw new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send multipart/form-data with the file in a part named "file"');
    }
    const fields: Record<string, string> = {};
    let file: { buffer: Buffer; fileName: string } | undefined;
    try {
      for await (const part of req.parts({ limits: { fileSize: MAX_IMPORT_BYTES, files: 1, fields: 20, fieldSize: 1024 * 1024 } })) {
        if (part.type === 'file') {
          const upload = part as MultipartFile;
          const buffer = await upload.toBuffer();
          if (upload.fieldname === 'file') file = { buffer, fileName: upload.filename || 'import.csv' };
        } else {
          const value = (part as MultipartValue).value;
          if (typeof value === 'string') fields[part.fieldname] = value;
        }
      }
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'FST_REQ_FILE_TOO_LARGE') throw new ApiError(413, 'PAYLOAD_TOO_LARGE', `The file is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB`);
      if (code === 'FST_FILES_LIMIT') throw new ApiError(400, 'VALIDATION_FAILED', 'Send one file at a time');
      throw new ApiError(400, 'INVALID_MULTIPART', 'The multipart body could not be read');
    }
    if (!file) throw new ApiError(400, 'FILE_REQUIRED', 'Send the file in a part named "file"');
    return { ...file, fields };
  }

  private parseMappingOrThrow(text: string | undefined): (string | null)[] | Record<string, string | null> | undefined {
    if (text === undefined || text === '') return undefined;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'INVALID_JSON', 'mapping is not valid JSON');
    }
    const valid = (value: unknown) => value === null || typeof value === 'string';
    if (Array.isArray(parsed) && parsed.every(valid)) return parsed as (string | null)[];
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && Object.values(parsed).every(valid)) return parsed as Record<string, string | null>;
    throw this.invalidOption('mapping', 'mapping must be a list of field keys (one per column, null to skip) or an object from header to field key');
  }

  /**
   * Which field each column fills: by the mapping sent, else by header (the field's label in zh-CN or
   * en-US, or its key, ignoring case and spacing). Columns that fill nothing are warnings, not errors.
   * An upsert skips fields masked for the user: their export holds the masks, not the values.
   */
  private mapColumnsOrThrow(
    ctx: Ctx, header: string[], explicit: (string | null)[] | Record<string, string | null> | undefined, locale: DisplayLocale, mode: ImportMode,
  ) {
    const visible = ctx.runtime.definition.fields.filter((field) => canSee(ctx.access, field.key));
    const namesOf = (field: FieldDefinition) => [labelText(field.label, locale), labelText(field.label, 'zh-CN'), labelText(field.label, 'en-US'), field.key];
    // Keys are field keys, or `subForm.rowField` for a row field (its header `明细.品名`, as exports write it).
    const byName = new Map<string, { key: string; field: FieldDefinition }>();
    const byKey = new Map<string, FieldDefinition>();
    const name = (text: string, key: string, field: FieldDefinition) => {
      const normal = normalizeHeader(text);
      if (normal && !byName.has(normal)) byName.set(normal, { key, field });
    };
    for (const field of visible) {
      for (const text of namesOf(field)) name(text, field.key, field);
      byKey.set(field.key, field);
      for (const rowField of field.type === 'subForm' ? rowFieldsOf(field) : []) {
        const key = `${field.key}.${rowField.key}`;
        byKey.set(key, rowField);
        for (const outer of namesOf(field)) for (const inner of namesOf(rowField)) name(`${outer}.${inner}`, key, rowField);
      }
    }
    const taken = new Set<string>();
    const columns: ImportColumn[] = [];
    const warnings: ImportWarning[] = [];
    header.forEach((text, index) => {
      let wanted: string | null | undefined = Array.isArray(explicit) ? explicit[index] : explicit ? explicit[text] : undefined;
      let field: FieldDefinition | undefined;
      let status: ColumnStatus;
      if (wanted === undefined) {
        if (['id', 'record id', '记录id', '记录 id'].includes(normalizeHeader(text))) wanted = 'id';
        else {
          const named = byName.get(normalizeHeader(text));
          field = named?.field;
          if (named) wanted = named.key;
        }
      } else if (wanted !== null && wanted !== 'id') {
        field = byKey.get(wanted);
        if (!field) throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown field: ${wanted.slice(0, 100)}`, { issues: [{ path: ['mapping', index], code: 'unknown_field', message: 'not a field of this form' }] });
      }
      if (wanted === null) status = 'skipped';
      else if (wanted === 'id') status = taken.has('id') ? 'duplicate' : 'id';
      else if (!field) status = text.trim() === '' ? 'empty' : 'unknown';
      else if (taken.has(wanted!)) status = 'duplicate';
      else {
        const kind = importColumnKind(field);
        const recordKey = subFormColumn(wanted!)?.subForm ?? field.key;
        status = kind !== 'value' && kind !== 'files' ? kind
          : !canEdit(ctx.access, recordKey) ? 'notEditable'
          : mode === 'upsert' && !ctx.access.all && ctx.access.masked.has(recordKey) ? 'masked'
          : 'field';
      }
      const fieldKey = status === 'field' ? wanted! : status === 'id' ? 'id' : null;
      if (fieldKey) taken.add(fieldKey);
      if (status !== 'field' && status !== 'id' && status !== 'skipped') {
        warnings.push({ column: text, index, code: WARNING_CODES[status], message: COLUMN_MESSAGES[status][locale] });
      }
      columns.push({ index, header: text, fieldKey, status });
    });
    return { columns, warnings };
  }

  /** Upsert matches rows to records by the record id column or by a unique text field the user may filter on. */
  private matchFieldOrThrow(ctx: Ctx, matchField: string | undefined, mapping: (string | null)[]): string {
    if (!matchField) throw this.invalidOption('matchField', 'upsert needs matchField: the key of a unique text field, or id');
    if (!mapping.includes(matchField)) {
      throw new ApiError(400, 'MATCH_FIELD_NOT_MAPPED', `No column of the file fills ${matchField.slice(0, 100)}`, { field: matchField });
    }
    if (matchField === 'id') return matchField;
    const field = ctx.runtime.byKey.get(matchField);
    const uniqueText = field && field.def.valueKind === 'string' && field.field.options?.unique === true && !field.def.derived;
    if (!uniqueText) throw this.invalidOption('matchField', 'matchField must be id or a text field marked unique');
    if (!isFilterable(ctx.access, matchField)) {
      throw new ApiError(400, 'FIELD_NOT_FILTERABLE', `${matchField} is masked or hidden for some of your records and cannot be matched on`, { field: matchField });
    }
    return matchField;
  }

  // ---- the job ----

  /** The import job: reads the file, then checks and saves its records batch by batch; the upload is removed when it ends. */
  private async run(job: JobContext): Promise<Record<string, unknown>> {
    try {
      return await this.importRows(job, job.input as unknown as ImportInput);
    } finally {
      // Not reached when the process dies: the job, picked up again, reads the file again from its checkpoint.
      await this.db.query(`DELETE FROM import_uploads WHERE job_id = $1`, [job.jobId])
        .catch((e) => this.logger.warn(`import ${job.jobId}: the upload was not removed: ${(e as Error).message}`));
    }
  }

  private async importRows(job: JobContext, input: ImportInput): Promise<Record<string, unknown>> {
    const startedAt = Date.now();
    const user = await this.userOrThrow(input);
    const ctx = await this.importContextOrThrow(user, input.appKey, input.formKey, input.mode);
    const targets = this.columnTargets(ctx, input.mapping);
    const lookup = await this.lookupFor(user, input, targets.map((target) => target?.field ?? null));
    // A job picked up again after a crash goes on from its last checkpoint of the saving (the file is read again).
    const previous = (await this.db.one<{ result: ImportResult | null }>(`SELECT result FROM jobs WHERE id = $1`, [job.jobId]))?.result;
    const resumed = !!previous && typeof previous.done === 'number' && previous.phase !== 'reading';
    const state: ImportResult = resumed ? { ...previous, phase: 'saving' } : {
      phase: 'reading', done: 0, total: input.totalRows ?? 0, created: 0, updated: 0, failed: 0, dryRun: input.dryRun, errors: [], errorsTruncated: false,
      failedRows: [], warnings: input.warnings, rowsPerSecond: null, durationMs: 0, errorReportUrl: null,
    };
    const { rows, rowNumbers } = await this.rowsOf(job, input, resumed ? null : state);
    const runs = recordLines(rows, input.mapping);
    const runAt = new Map(runs.map((run, index) => [run.start, index]));
    const total = rows.length;
    state.phase = 'saving';
    state.total = total;
    const resumedAt = state.done;
    const matches = new Map<string, string[]>();
    const memo: CellMemo = input.mapping.map(() => new Map());
    const linesOf = (run: { start: number; end: number }) => rows.slice(run.start, run.end).map((row) => input.header.map((_header, column) => row[column] ?? null));
    let unexpected = 0;
    /** The outcomes of a batch counted, its failed rows kept for the error report, then the checkpoint and the progress written. */
    const record = async (batch: typeof runs, outcomes: RowOutcome[]) => {
      const failed: { row: number; lines: string }[] = [];
      for (let index = 0; index < batch.length; index++) {
        const rowNumber = rowNumbers[batch[index].start];
        const errors = outcomes[index];
        if (errors === 'created') state.created++;
        else if (errors === 'updated') state.updated++;
        else {
          state.failed++;
          state.failedRows.push(rowNumber);
          failed.push({ row: rowNumber, lines: JSON.stringify(linesOf(batch[index]).map((cells) => cells.map(cellText))) });
          for (const error of errors) {
            if (state.errors.length < MAX_LISTED_ERRORS) state.errors.push({ ...error, row: rowNumber });
            else state.errorsTruncated = true;
          }
          unexpected = errors.some((error) => error.code === 'UNEXPECTED') ? unexpected + 1 : 0;
          if (unexpected >= MAX_UNEXPECTED_IN_A_ROW) throw new Error(`import stopped after ${unexpected} unexpected failures in a row`);
        }
      }
      if (failed.length) {
        // A batch done again after a crash finds its rows there already.
        await this.db.query(
          `INSERT INTO import_failed_rows (job_id, row_number, lines) SELECT $1, f.row, f.lines FROM unnest($2::int[], $3::jsonb[]) AS f(row, lines) ON CONFLICT DO NOTHING`,
          [job.jobId, failed.map((f) => f.row), failed.map((f) => f.lines)]);
      }
      state.done = batch[batch.length - 1].end;
      state.durationMs = Date.now() - startedAt;
      await job.progress(state.done, total, state as unknown as Record<string, unknown>);
    };
    // Creates overlap: the next batches are read and checked while the last one is written, and written after
    // it (and its checkpoint). Upserts and dry runs go batch after batch (a row may match what the last created).
    const overlap = input.mode === 'create' && !input.dryRun;
    /** Batches handed over and not yet saved and checkpointed, in order; `last` is the newest. */
    const inFlight: Promise<void>[] = [];
    let last: Promise<void> = Promise.resolve();
    await job.progress(state.done, total, state as unknown as Record<string, unknown>);
    for (let done = state.done; done < total;) {
      while (inFlight.length >= BATCHES_IN_FLIGHT) await inFlight.shift();
      // A batch is whole records: up to BATCH of them, each one line or a line per sub-form row.
      const first = runAt.get(done) ?? runs.findIndex((run) => run.end > done);
      const batch = runs.slice(first, first + BATCH);
      done = batch[batch.length - 1].end;
      const values: ReadRecord[] = [];
      for (const [index, run] of batch.entries()) {
        // The batch being written goes on between slices of this reading (its replies wait for the event loop):
        // its INSERT is sent sooner, and the checks of the batches ahead run while the database executes it.
        if (index % YIELD_EVERY === 0) await new Promise((resolve) => setImmediate(resolve));
        values.push(await this.copyFiles(user, input, this.readRecord(linesOf(run), targets, input, lookup, memo)));
      }
      if (!overlap) await last;
      if (input.matchField) await this.findMatches(user, input, values, matches);
      const saving = overlap ? this.createRows(user, ctx, input, values, last) : this.saveRows(user, ctx, input, values, matches);
      last = saving.then((outcomes) => record(batch, outcomes));
      // Handled here so that a failure while the loop waits for another batch is no unhandled rejection; awaited below.
      last.catch(() => undefined);
      inFlight.push(last);
    }
    for (const batch of inFlight) await batch;
    if (state.created >= ANALYZE_AFTER && !input.dryRun) {
      await this.records.analyze(input.appKey, input.formKey).catch((e) => this.logger.warn(`ANALYZE after import ${job.jobId}: ${(e as Error).message}`));
    }
    const seconds = (Date.now() - startedAt) / 1000;
    state.durationMs = Date.now() - startedAt;
    state.rowsPerSecond = seconds > 0 ? Math.round((state.done - resumedAt) / seconds) : null;
    state.errorReportUrl = state.failed
      ? `/api/apps/${encodeURIComponent(input.appKey)}/forms/${encodeURIComponent(input.formKey)}/records/import/${job.jobId}/errors.csv`
      : null;
    this.logger.log(`import ${job.jobId}: ${state.created} created, ${state.updated} updated, ${state.failed} failed, ${state.rowsPerSecond ?? '-'} rows/s`);
    return state as unknown as Record<string, unknown>;
  }

  /**
   * The rows of the import's file, read from the upload kept beside the job (or from the input of an
   * import recorded with its rows). While reading, `reading` (the state, when not resumed) is reported
   * as the job's progress: rows read of the rows the request counted.
   */
  private async rowsOf(job: JobContext, input: ImportInput, reading: ImportResult | null): Promise<{ rows: ImportCell[][]; rowNumbers: number[] }> {
    if (input.rows && input.rowNumbers) return { rows: input.rows.map((row) => row.map(fromStored)), rowNumbers: input.rowNumbers };
    const upload = await this.db.one<{ bytes: Buffer }>(`SELECT bytes FROM import_uploads WHERE job_id = $1`, [job.jobId]);
    if (!upload) throw new Error('the uploaded file of this import is no longer stored');
    const counted = input.totalRows ?? 0;
    const report = reading ? (read: number) => job.progress(Math.min(read, counted), counted, { ...reading, done: read } as unknown as Record<string, unknown>) : undefined;
    await report?.(0);
    return readImportRowsOrThrow(upload.bytes, input.format, this.maxRows, report, READ_PROGRESS_EVERY);
  }

  /** The importing user as the auth guard would build them, with the API token's scopes if one was used. */
  private async userOrThrow(input: ImportInput): Promise<RequestUser> {
    const row = await this.db.one<{ id: string; username: string; name: string; is_admin: boolean; department_ids: string[]; role_ids: string[]; active: boolean }>(
      `SELECT id, username, name, is_admin, department_ids, role_ids, active FROM users WHERE id = $1`, [input.userId]);
    if (!row || !row.active) throw new Error('the user who started the import is no longer active');
    return {
      id: row.id, username: row.username, name: row.name, isAdmin: row.is_admin, departmentIds: row.department_ids, roleIds: row.role_ids,
      ...(input.tokenScopes ? { tokenScopes: input.tokenScopes } : {}),
    };
  }

  /** Users by "name (username)", username or a name only one user has; departments by path or a unique name; records by title. */
  private async lookupFor(user: RequestUser, input: ImportInput, fields: (FieldDefinition | null)[]): Promise<ImportLookup> {
    const users = await this.db.query<{ id: string; name: string; username: string }>(`SELECT id, name, username FROM users`);
    const userBy = new Map<string, string>();
    const userNames = new Map<string, string[]>();
    for (const u of users) {
      userBy.set(`${u.name} (${u.username})`, u.id);
      userBy.set(u.username, u.id);
      userBy.set(u.username.toLowerCase(), u.id);
      userNames.set(u.name, [...(userNames.get(u.name) ?? []), u.id]);
    }
    const departments = await this.db.query<{ id: string; name: string; parent_id: string | null }>(`SELECT id, name, parent_id FROM departments`);
    const byId = new Map(departments.map((d) => [d.id, d]));
    const departmentBy = new Map<string, string>();
    const departmentNames = new Map<string, string[]>();
    for (const d of departments) {
      const parts: string[] = [];
      for (let at: typeof d | undefined = d, guard = 0; at && guard < 50; at = at.parent_id ? byId.get(at.parent_id) : undefined, guard++) parts.unshift(at.name.trim());
      departmentBy.set(parts.join('/'), d.id);
      departmentNames.set(d.name.trim(), [...(departmentNames.get(d.name.trim()) ?? []), d.id]);
    }
    const titles = new Map<string, Map<string, string | null>>();
    for (const field of fields) {
      const target = field?.type === 'relation' ? field.options?.targetForm : undefined;
      if (typeof target === 'string' && !titles.has(target)) titles.set(target, await this.titlesOf(user, input.appKey, target));
    }
    return {
      timeZone: this.settings.timeZone,
      userId(text) {
        const found = userBy.get(text) ?? userBy.get(text.toLowerCase());
        if (found) return found;
        // "name (username)" of a user renamed since the export: the username decides, unless the name
        // part holds a list separator (then it is several users and the list reader splits it).
        const named = /^([^、,;，；]*) \(([^()]+)\)$/.exec(text);
        if (named && userBy.has(named[2])) return userBy.get(named[2]);
        const sameName = userNames.get(text);
        return sameName?.length === 1 ? sameName[0] : undefined;
      },
      departmentId(text) {
        const path = text.split('/').map((part) => part.trim()).join('/');
        const found = departmentBy.get(path);
        if (found) return found;
        const named = departmentNames.get(text.trim());
        return named?.length === 1 ? named[0] : undefined;
      },
      recordId: (formKey, text) => titles.get(formKey)?.get(text) ?? undefined,
    };
  }

  /** Titles of the records of a relation's target the user can read (title -> id; null when two share it). */
  private async titlesOf(user: RequestUser, appKey: string, formKey: string): Promise<Map<string, string | null>> {
    const titles = new Map<string, string | null>();
    try {
      const target = await this.records.context(user, appKey, formKey);
      const titleKey = (target.runtime.definition.settings as { titleField?: string } | undefined)?.titleField
        ?? target.runtime.fields.find((f) => f.field.type === 'text')?.field.key;
      if (!titleKey || !canSee(target.access, titleKey)) return titles;
      let after: string | null = null;
      do {
        const page: { items: { id: string; data: Record<string, unknown> }[]; nextCursor: string | null } = await this.records.query(
          user, appKey, formKey, { fields: [titleKey], limit: 500, ...(after ? { after } : {}) });
        for (const record of page.items) {
          const title = record.data[titleKey];
          if (typeof title === 'string') titles.set(title, titles.has(title) ? null : record.id);
        }
        after = page.nextCursor;
      } while (after && titles.size < MAX_TITLES);
    } catch {
      // A target the user cannot read: relation cells must then hold record ids.
    }
    return titles;
  }

  /** Where each mapped column goes: a field of the record or a row field of one of its sub-forms. */
  private columnTargets(ctx: Ctx, mapping: (string | null)[]): ColumnTarget[] {
    return mapping.map((key) => {
      if (key === null || key === 'id') return null;
      const inner = subFormColumn(key);
      if (!inner) {
        const field = ctx.runtime.byKey.get(key)?.field;
        return field ? { field, subForm: null } : null;
      }
      const subForm = ctx.runtime.byKey.get(inner.subForm)?.field;
      const field = subForm && rowFieldsOf(subForm).find((candidate) => candidate.key === inner.field);
      return field ? { field, subForm: inner.subForm } : null;
    });
  }

  /**
   * One record from its lines: the first line's record cells, and a sub-form row from each line that
   * holds a cell of that sub-form. File cells are left to copyFiles (they name files by id).
   */
  private readRecord(lines: ImportCell[][], targets: ColumnTarget[], input: ImportInput, lookup: ImportLookup, memo: CellMemo): ReadRecord {
    const data: Record<string, unknown> = {};
    const errors: Omit<ImportRowError, 'row'>[] = [];
    const files: PendingFiles[] = [];
    let id: string | null = null;
    const read = (field: FieldDefinition, cell: ImportCell, column: number, place: (value: unknown) => void, rowLabel = '') => {
      if (importColumnKind(field) === 'files') {
        const ids = fileIdsInCell(cell);
        place(field.type === 'signature' ? null : []);
        if (ids.length) files.push({ field, ids, column: `${rowLabel}${input.header[column]}`, place });
        return;
      }
      const value = this.cellValue(memo, column, field, cell, lookup, input.locale);
      if (value.ok) place(value.value);
      else errors.push({ column: `${rowLabel}${input.header[column]}`, field: field.key, code: value.code, message: value.message });
    };
    input.mapping.forEach((key, column) => {
      if (key === 'id') {
        const text = cellText(lines[0][column]).trim();
        id = text === '' ? null : text.toLowerCase();
        return;
      }
      const target = targets[column];
      if (target && target.subForm === null) read(target.field, lines[0][column], column, (value) => (data[target.field.key] = value));
    });
    for (const subForm of new Set(targets.flatMap((target) => (target?.subForm ? [target.subForm] : [])))) {
      const columns = targets.flatMap((target, column) => (target?.subForm === subForm ? [column] : []));
      const rows: Record<string, unknown>[] = [];
      lines.forEach((line, index) => {
        if (allBlank(line, columns)) return;
        const row: Record<string, unknown> = {};
        const rowLabel = input.locale === 'zh-CN' ? `第 ${rows.length + 1} 行 · ` : `Row ${rows.length + 1} · `;
        for (const column of columns) read(targets[column]!.field, line[column], column, (value) => (row[targets[column]!.field.key] = value), lines.length > 1 || index > 0 ? rowLabel : '');
        rows.push(row);
      });
      data[subForm] = rows;
    }
    const matchValue = input.matchField === 'id' ? id : input.matchField ? data[input.matchField] : null;
    return { data, errors, matchValue: typeof matchValue === 'string' && matchValue !== '' ? matchValue : null, files };
  }

  /**
   * importValue of a cell, kept per column for the next cells with the same text (choices, users and
   * departments repeat down a column; reading a choice compares the cell with each option's labels).
   * A column stops being kept once it has many distinct cells (names, amounts).
   */
  private cellValue(memo: CellMemo, column: number, field: FieldDefinition, cell: ImportCell, lookup: ImportLookup, locale: DisplayLocale): CoerceResult {
    const seen = memo[column];
    if (!seen || typeof cell !== 'string') return importValue(field, cell, lookup, locale);
    const known = seen.get(cell);
    if (known) return known;
    const value = importValue(field, cell, lookup, locale);
    // Only plain values are shared between records: an array or an object could be changed through one of them.
    if ((value.ok && value.value !== null && typeof value.value === 'object') || seen.size >= MEMO_CELLS_PER_COLUMN) memo[column] = null;
    else seen.set(cell, value);
    return value;
  }

  /**
   * The files a record's cells name, copied for it: an export's file cells name files of the records
   * exported, which a new record may not hold too. Only files the importing user may download are
   * copied; any other id is an error of the row. A dry run checks without copying.
   */
  private async copyFiles(user: RequestUser, input: ImportInput, record: ReadRecord): Promise<ReadRecord> {
    if (record.errors.length || record.files.length === 0) return record;
    const access = { canReadField: (appKey: string, formKey: string, recordId: string, fieldKey: string) => this.records.canReadField(user, appKey, formKey, recordId, fieldKey) };
    for (const pending of record.files) {
      const refs: FileRef[] = [];
      for (const id of pending.ids) {
        const copy = input.dryRun ? await this.files.describeReadable(user, id, access) : await this.files.copyReadable(user, id, access);
        if (copy) refs.push(copy);
        else record.errors.push({ column: pending.column, field: pending.field.key, code: 'FILE_NOT_READABLE', message: ROW_MESSAGES.FILE_NOT_READABLE[input.locale] });
      }
      const value = pending.field.type === 'signature' ? refs[0] ?? null : refs;
      const checked = fieldTypeFor(pending.field)?.coerce(value, pending.field);
      if (checked && !checked.ok) record.errors.push({ column: pending.column, field: pending.field.key, code: checked.code, message: translateIssue(checked, input.locale) });
      else pending.place(value);
    }
    return record;
  }

  /** The records the batch's match values already name (one query per batch). */
  private async findMatches(user: RequestUser, input: ImportInput, rows: { matchValue: string | null }[], matches: Map<string, string[]>) {
    const key = input.matchField!;
    const wanted = [...new Set(rows.map((row) => row.matchValue).filter((value): value is string => value !== null && !matches.has(value)))];
    if (key === 'id') {
      for (const id of wanted) if (!isUuid(id)) matches.set(id, []);
    }
    const values = key === 'id' ? wanted.filter(isUuid) : wanted;
    if (!values.length) return;
    for (const value of values) matches.set(value, []);
    let after: string | null = null;
    do {
      const page: { items: { id: string; data: Record<string, unknown> }[]; nextCursor: string | null } = await this.records.query(
        user, input.appKey, input.formKey, { filter: { in: [{ var: key }, values] }, fields: key === 'id' ? [] : [key], limit: 500, ...(after ? { after } : {}) });
      for (const record of page.items) {
        const value = key === 'id' ? record.id : (record.data[key] as string);
        matches.get(value)?.push(record.id);
      }
      after = page.nextCursor;
    } while (after);
  }

  /**
   * A create import's batch: the rows read without errors are created together through
   * RecordsService.createMany (the checks of create for each, one multi-row INSERT for many), written
   * once `writeAfter` (the batch before) has settled. Outcomes come back in the rows' order.
   */
  private async createRows(user: RequestUser, ctx: Ctx, input: ImportInput, rows: ReadRecord[], writeAfter: Promise<unknown>): Promise<RowOutcome[]> {
    const outcomes: RowOutcome[] = rows.map((row) => (row.errors.length ? row.errors : 'created'));
    const valid = rows.flatMap((row, index) => (row.errors.length ? [] : [index]));
    const saved = await this.records.createMany(user, input.appKey, input.formKey, valid.map((index) => ({ data: rows[index].data })), input.ip, { writeAfter, chunk: BATCH });
    valid.forEach((index, at) => {
      const error = saved[at].error;
      if (error !== undefined) outcomes[index] = this.rowErrorsOf(error, ctx, input);
    });
    return outcomes;
  }

  /**
   * Saves a batch's rows, a few at a time: each save is its own transaction, so overlapping them keeps
   * the database busy while one commits. Rows naming the same record (upsert) never overlap, so a later
   * row still updates what an earlier one created. Outcomes come back in the rows' order.
   */
  private async saveRows(
    user: RequestUser, ctx: Ctx, input: ImportInput, rows: ReadRecord[],
    matches: Map<string, string[]>,
  ) {
    const outcomes: RowOutcome[] = [];
    let group: number[] = [];
    const flush = async () => {
      const saved = await Promise.all(group.map((index) => this.saveRow(user, ctx, input, rows[index], matches)));
      group.forEach((index, at) => (outcomes[index] = saved[at]));
      group = [];
    };
    for (let index = 0; index < rows.length; index++) {
      const matchValue = rows[index].matchValue;
      if (group.length >= SAVE_CONCURRENCY || (matchValue !== null && group.some((other) => rows[other].matchValue === matchValue))) await flush();
      group.push(index);
    }
    await flush();
    return outcomes;
  }

  /** Saves one row through RecordsService (or only checks it in a dry run); its errors when it fails. */
  private async saveRow(
    user: RequestUser, ctx: Ctx, input: ImportInput, row: ReadRecord,
    matches: Map<string, string[]>,
  ): Promise<RowOutcome> {
    if (row.errors.length) return row.errors;
    const found = row.matchValue === null ? [] : matches.get(row.matchValue) ?? [];
    if (found.length > 1) return [this.rowError('AMBIGUOUS_MATCH', input, input.matchField)];
    if (input.matchField === 'id' && row.matchValue !== null && !found.length) return [this.rowError('NOT_FOUND', input, 'id')];
    try {
      if (found.length) {
        if (input.dryRun) this.checkOrThrow(ctx, user, row.data, 'update');
        else await this.records.update(user, input.appKey, input.formKey, found[0], { data: row.data }, input.ip);
        return 'updated';
      }
      let id = 'dry-run';
      if (input.dryRun) this.checkOrThrow(ctx, user, row.data, 'create');
      else id = (await this.records.create(user, input.appKey, input.formKey, { data: row.data }, input.ip)).id;
      // A later row with the same match value updates this record.
      if (row.matchValue !== null) matches.set(row.matchValue, [id]);
      return 'created';
    } catch (e) {
      return this.rowErrorsOf(e, ctx, input);
    }
  }

  /**
   * A dry run's check of a row: the checks RecordsService makes before writing (editable fields, value
   * validation, form rules, stage gates), without the ones only the database can make (unique values,
   * references to users and departments that vanished since the file was read).
   */
  private checkOrThrow(ctx: Ctx, user: RequestUser, data: Record<string, unknown>, mode: 'create' | 'update') {
    for (const key of Object.keys(data)) {
      if (!canEdit(ctx.access, key)) throw new ApiError(403, 'FIELD_NOT_EDITABLE', `You may not edit ${key}`, { field: key });
    }
    const form = ctx.runtime.definition;
    const rules = form.rules?.length ? { now: this.clock.now(), timeZone: this.settings.timeZone, user: { id: user.id, departmentIds: user.departmentIds } } : null;
    let definition = form;
    if (rules) {
      const early = evaluateFormRules(form, data, rules);
      definition = { ...form, fields: form.fields.map((f) => (f.required && early.hidden.has(f.key) ? { ...f, required: false } : f)) };
    }
    // An update is checked as a create of the row's fields only: the stored record is not read in a dry run.
    // $user and formula defaults as on create; copies through relations are left to the real import.
    const result = validateRecordData(definition, data, mode === 'create' ? 'create' : 'update', undefined, defaultContextFor(user, this.clock.now(), this.settings.timeZone));
    if (!result.ok) throw new ApiError(400, 'VALIDATION_FAILED', 'Some values are not valid', { issues: result.issues });
    const values = { ...result.values };
    if (rules) {
      const outcome = evaluateFormRules(form, values, rules);
      const issues = formRuleIssues(outcome, values);
      if (issues.length) throw new ApiError(400, 'VALIDATION_FAILED', issues[0].message, { issues });
    }
    if (mode === 'create') {
      const gates = applyStageGates(form, null, values);
      if (gates.length) throw new ApiError(400, 'VALIDATION_FAILED', gates[0].message, { issues: gates });
    }
  }

  private rowError(code: string, input: ImportInput, field: string | null): Omit<ImportRowError, 'row'> {
    const column = field ? input.header[input.mapping.indexOf(field)] ?? null : null;
    return { column, ...(field ? { field } : {}), code, message: ROW_MESSAGES[code]?.[input.locale] ?? code };
  }

  /** What a failed create or update says, per field where it names one, in the import's language. */
  private rowErrorsOf(e: unknown, ctx: Ctx, input: ImportInput): Omit<ImportRowError, 'row'>[] {
    const columnOf = (key: string | undefined) => (key ? input.header[input.mapping.indexOf(key)] ?? labelText(ctx.runtime.byKey.get(key)?.field.label, input.locale) ?? key : null);
    if (e instanceof ApiError) {
      const issues = (e.details?.issues as { path: (string | number)[]; code: string; message: string; params?: Record<string, string | number> }[] | undefined) ?? [];
      if (issues.length) {
        return issues.map((issue) => {
          const key = typeof issue.path[0] === 'string' ? issue.path[0] : undefined;
          return { column: columnOf(key), ...(key ? { field: key } : {}), code: issue.code, message: translateIssue(issue, input.locale) };
        });
      }
      const key = typeof e.details?.field === 'string' ? e.details.field : undefined;
      return [{ column: columnOf(key), ...(key ? { field: key } : {}), code: e.code, message: ROW_MESSAGES[e.code]?.[input.locale] ?? e.message }];
    }
    const [status, body] = new HttpExceptionFilter().describe(e);
    if (status < 500) {
      // A unique index names its column in the detail: "Key (code)=(x) already exists."
      const column = /^Key \(([^)]+)\)=/.exec(String((e as { detail?: unknown }).detail ?? ''))?.[1];
      const field = column ? ctx.runtime.fields.find((f) => columnName(f.field) === column)?.field.key : undefined;
      return [{ column: columnOf(field), ...(field ? { field } : {}), code: body.code, message: ROW_MESSAGES[body.code]?.[input.locale] ?? body.message }];
    }
    this.logger.error(`import row failed: ${(e as Error)?.stack ?? e}`);
    return [{ column: null, code: 'UNEXPECTED', message: ROW_MESSAGES.UNEXPECTED[input.locale] }];
  }
}
