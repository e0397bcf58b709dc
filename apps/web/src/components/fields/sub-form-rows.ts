import { defaultValues, fieldTypeFor, translateIssue, validateRecordData } from '@platform/form-engine';
import type { FieldDefinition } from '@platform/schema';
import { isDerivedField, isLayoutField } from '../../lib/field-kinds';
import { isInputField } from '../../lib/form-values';
import { deriveValues, ruleContext, type RuleContext } from '../../lib/form-rules';
import { labelText } from '../../lib/label-text';

/** One row of a sub-form value: `id` (assigned by the server, sent back to update the row) and the column values. */
export type SubFormRow = Record<string, unknown> & { id?: string };

export function subFormColumns(field: FieldDefinition): FieldDefinition[] {
  const fields = field.options?.fields;
  if (!Array.isArray(fields)) return [];
  return fields.filter(
    (column): column is FieldDefinition =>
      !!column && typeof column === 'object' && typeof (column as FieldDefinition).key === 'string' && typeof (column as FieldDefinition).type === 'string' && !isLayoutField(column as FieldDefinition),
  );
}

function wholeNumber(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

export function rowLimits(field: FieldDefinition): { minRows?: number; maxRows?: number } {
  return { minRows: wholeNumber(field.options?.minRows), maxRows: wholeNumber(field.options?.maxRows) };
}

export function subFormRows(value: unknown): SubFormRow[] {
  return Array.isArray(value) ? value.filter((row): row is SubFormRow => !!row && typeof row === 'object' && !Array.isArray(row)) : [];
}

/** A row as sent: its id and the values of the editable columns (derived ones are the server's to write). */
export function writableRow(row: SubFormRow, columns: readonly FieldDefinition[]): SubFormRow {
  const result: SubFormRow = {};
  if (typeof row.id === 'string') result.id = row.id;
  for (const column of columns) {
    if (isInputField(column)) result[column.key] = row[column.key] ?? null;
  }
  return result;
}

/**
 * A new row: each column's default as the server computes it for a row (literal, formula over the
 * row, another column, `$user` when the context names the user), the rest empty. Rows are sent whole,
 * so the browser fills them here.
 */
export function newRow(columns: readonly FieldDefinition[], context: RuleContext = ruleContext()): SubFormRow {
  const inputs = columns.filter(isInputField);
  const user = context.user ? { id: context.user.id, departmentId: context.user.departmentIds[0] ?? null } : undefined;
  const defaults = defaultValues({ key: 'row', name: 'row', fields: inputs }, {}, { now: context.now, timeZone: context.timeZone, user });
  return Object.fromEntries(inputs.map((column) => [column.key, defaults[column.key] ?? null]));
}

/** The row with its formula (and money-in-words) columns computed live, by the engine the server uses. */
export function computeRow(row: SubFormRow, columns: readonly FieldDefinition[], context: RuleContext = ruleContext()): SubFormRow {
  if (!columns.some(isDerivedField)) return row;
  return { ...row, ...deriveValues(columns, row, context) };
}

const NUMBER_TOTAL_TYPES = new Set(['number', 'money']);

/** Columns with a total: numbers and amounts, and formulas giving numbers (percentages and ratings do not add up). */
export function totalColumns(columns: readonly FieldDefinition[]): FieldDefinition[] {
  return columns.filter((column) => NUMBER_TOTAL_TYPES.has(column.type) || (column.type === 'formula' && (column.options?.resultType ?? 'number') === 'number'));
}

function decimalsOf(column: FieldDefinition): number {
  const decimals = column.options?.decimals;
  if (typeof decimals === 'number' && Number.isInteger(decimals) && decimals >= 0 && decimals <= 10) return decimals;
  return column.type === 'money' ? 2 : 10;
}

/** Column totals over the rows, rounded to the column's decimals (0.1 + 0.2 is 0.3); null without any number. */
export function columnTotals(rows: readonly SubFormRow[], columns: readonly FieldDefinition[]): Record<string, number | null> {
  const totals: Record<string, number | null> = {};
  for (const column of columns) {
    let sum: number | null = null;
    for (const row of rows) {
      const value = row[column.key];
      if (typeof value === 'number' && Number.isFinite(value)) sum = (sum ?? 0) + value;
    }
    totals[column.key] = sum === null ? null : Number(sum.toFixed(decimalsOf(column)));
  }
  return totals;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

const isEmpty = (value: unknown) => value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * What stops the sub-form from saving, as the user reads it: too few or too many rows, and each row's
 * values checked by the engine the server runs (required columns, lengths, ranges, formats).
 */
export function subFormProblems(field: FieldDefinition, value: unknown, locale: string, t: Translate): string[] {
  const rows = subFormRows(value);
  const columns = subFormColumns(field);
  const { minRows, maxRows } = rowLimits(field);
  const problems: string[] = [];
  if (minRows !== undefined && rows.length < minRows) problems.push(t('form.subForm.tooFewRows', { min: minRows }));
  if (maxRows !== undefined && rows.length > maxRows) problems.push(t('form.subForm.tooManyRows', { max: maxRows }));

  const writable = columns.filter(isInputField);
  // The engine checks the types it knows; for the others (files, relations) only `required` here.
  const checked = writable.filter((column) => fieldTypeFor(column) !== undefined);
  const unchecked = writable.filter((column) => fieldTypeFor(column) === undefined);
  const rowForm = { key: field.key, name: field.label, fields: checked };
  const language = locale === 'en-US' ? 'en-US' : 'zh-CN';
  rows.forEach((row, index) => {
    const data = Object.fromEntries(checked.map((column) => [column.key, row[column.key] ?? null]));
    const result = validateRecordData(rowForm, data, 'create');
    const issues = result.ok ? [] : result.issues;
    for (const issue of issues) {
      const column = checked.find((candidate) => candidate.key === issue.path[0]);
      problems.push(t('form.subForm.rowIssue', {
        row: index + 1,
        label: column ? labelText(column.label, locale) : String(issue.path[0] ?? ''),
        message: translateIssue(issue, language),
      }));
    }
    for (const column of unchecked) {
      if (column.required && isEmpty(row[column.key])) {
        problems.push(t('form.subForm.rowIssue', { row: index + 1, label: labelText(column.label, locale), message: translateIssue({ code: 'required', message: 'required' }, language) }));
      }
    }
  });
  return problems;
}
