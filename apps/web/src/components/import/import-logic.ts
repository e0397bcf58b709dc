import { importColumnKind } from '@platform/form-engine';
import type { FieldDefinition } from '@platform/schema';
import type { FormAccess } from '../../api/types';
import type { ImportColumn, ImportJob, ImportOptions } from './import-types';

/** The id column of exports: mapped to it, rows update the record they name (upsert by id). */
export const RECORD_ID = 'id';

/** Whether the records page offers the import: the form grants import and create (admins get every action). */
export function canImport(access: FormAccess | undefined): boolean {
  return !access || (access.actions.includes('import') && access.actions.includes('create'));
}

/** What a column may fill: a field of the record, or a row field of a sub-form (key `lines.item`). */
export type ImportTarget = { key: string; field: FieldDefinition; subForm?: FieldDefinition };

const fillable = (field: FieldDefinition) => ['value', 'files'].includes(importColumnKind(field));

/**
 * Fields a column may fill: values the user may edit (files too: their cells name files to copy), and
 * each row field of an editable sub-form; not computed ones or layout items.
 */
export function importableFields(fields: FieldDefinition[], access: FormAccess | undefined): ImportTarget[] {
  const editable = access?.editable ?? '*';
  const mayEdit = (field: FieldDefinition) => editable === '*' || editable.includes(field.key);
  return fields.filter(mayEdit).flatMap((field): ImportTarget[] => {
    if (field.type !== 'subForm') return fillable(field) ? [{ key: field.key, field }] : [];
    const rowFields = Array.isArray(field.options?.fields) ? (field.options.fields as FieldDefinition[]) : [];
    return rowFields.filter(fillable).map((rowField) => ({ key: `${field.key}.${rowField.key}`, field: rowField, subForm: field }));
  });
}

/**
 * Maps column `index` to `fieldKey` (null skips the column). A field is filled by one column only:
 * a column that had it before is skipped.
 */
export function setColumnField(columns: ImportColumn[], index: number, fieldKey: string | null): ImportColumn[] {
  return columns.map((column) => {
    if (column.index === index) {
      return { ...column, fieldKey, status: fieldKey === null ? 'skipped' : fieldKey === RECORD_ID ? 'id' : 'field' };
    }
    if (fieldKey !== null && column.fieldKey === fieldKey) return { ...column, fieldKey: null, status: 'skipped' };
    return column;
  });
}

/** The `mapping` sent with the import: one field key (or null) per column, in column order. */
export function mappingOf(columns: ImportColumn[]): (string | null)[] {
  return [...columns].sort((a, b) => a.index - b.index).map((column) => column.fieldKey);
}

export const mappedFieldCount = (columns: ImportColumn[]) => columns.filter((column) => column.fieldKey !== null && column.fieldKey !== RECORD_ID).length;

/** What an upsert may match on: the record id column when mapped, and unique text fields that are mapped. */
export function matchFieldChoices(fields: FieldDefinition[], columns: ImportColumn[]): string[] {
  const mapped = new Set(columns.map((column) => column.fieldKey).filter((key): key is string => key !== null));
  const unique = fields.filter((field) => mapped.has(field.key) && field.options?.unique === true && ['text', 'phone', 'email', 'idNumber', 'url'].includes(field.type));
  return [...(mapped.has(RECORD_ID) ? [RECORD_ID] : []), ...unique.map((field) => field.key)];
}

/** Why the import cannot start yet, or null: nothing mapped, or an upsert without a field to match on. */
export function startBlocker(columns: ImportColumn[], options: ImportOptions): 'noMappedColumns' | 'noMatchField' | null {
  if (mappedFieldCount(columns) === 0) return 'noMappedColumns';
  if (options.mode === 'upsert' && (!options.matchField || !columns.some((column) => column.fieldKey === options.matchField))) return 'noMatchField';
  return null;
}

/** What a running import does: waits for a worker, reads its file, or saves the records. */
export function jobPhase(job: ImportJob | undefined): 'queued' | 'reading' | 'saving' {
  if (!job || job.progress.total === 0) return 'queued';
  return job.result?.phase === 'reading' ? 'reading' : 'saving';
}

export const jobFinished = (job: ImportJob | undefined): boolean => job?.status === 'done' || job?.status === 'failed';

/**
 * Percent of the import done, 0-100, never going back: the first `readingShare` percent for the reading of
 * the file (rows read of the rows counted), the rest for the saving (rows done of the rows read). A finished
 * job is 100 whatever its counts.
 */
export function progressPercent(job: ImportJob | undefined, readingShare = 0): number {
  if (!job) return 0;
  if (job.status === 'done') return 100;
  const { done, total } = job.progress;
  if (total <= 0) return 0;
  if (jobPhase(job) === 'reading') return Math.min(readingShare, Math.floor((done / total) * readingShare));
  return Math.min(99, readingShare + Math.floor((done / total) * (100 - readingShare)));
}

/** Wait before the next GET /api/jobs/{id}: quick at first (small files finish at once), then every 2 s. */
export function pollDelay(attempt: number): number {
  return attempt < 4 ? 400 : attempt < 20 ? 1000 : 2000;
}

/** Estimated seconds left from the rows done since the job started running; null until it can tell. */
export function secondsLeft(job: ImportJob | undefined, elapsedMs: number): number | null {
  if (!job || job.status !== 'running' || job.progress.done === 0 || elapsedMs <= 0) return null;
  const rate = job.progress.done / elapsedMs;
  return Math.ceil((job.progress.total - job.progress.done) / rate / 1000);
}
