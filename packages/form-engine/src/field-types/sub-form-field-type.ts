import type { FieldDefinition, SchemaIssue } from '@platform/schema';
import { defaultSourceOf, parseDefaultFrom } from '../default-source';
import { derivedFieldOrder } from '../derived-field-order';
import type { CoerceResult, DeriveContext, FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { fieldTypeFor } from '../field-type-for';
import { validateFormDefinition } from '../validate-form-definition';
import { fail, ok } from '../values/coerce-result';
import { isEmptyValue } from '../values/is-empty-value';
import { isPlainObject } from '../values/is-plain-object';
import { isUuid } from '../values/is-uuid';
import { readOption } from '../values/read-option';
import { optionsObject } from '../options-schemas/option-schema-parts';
import { EMPTINESS_OPERATORS } from './operator-sets';

/** A hard cap on rows whatever the options say. */
export const MAX_SUB_FORM_ROWS = 500;

/** Types a sub-form column may not have: containers, layout, and values computed through other records. */
const NOT_IN_ROWS = new Set(['subForm', 'tabs', 'divider', 'description', 'lookup', 'rollup', 'serialNumber', 'richText']);

export type SubFormRow = Record<string, unknown> & { id?: string };

/** The columns of a sub-form (its `options.fields`). */
export function subFormFields(field: FieldDefinition): FieldDefinition[] {
  const fields = field.options?.fields;
  return Array.isArray(fields) ? (fields as unknown[]).filter((column): column is FieldDefinition => isPlainObject(column) && typeof column.key === 'string') : [];
}

const fieldName = (field: FieldDefinition) => (typeof field.label === 'object' && field.label['en-US'] ? field.label['en-US'] : typeof field.label === 'string' ? field.label : field.key);

function coerceRow(row: unknown, index: number, columns: Map<string, FieldDefinition>): CoerceResult {
  if (!isPlainObject(row)) return fail('invalid_type', `row ${index + 1} must be an object of column values`, { expected: 'object' }, [index]);
  const out: SubFormRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (key === 'id') {
      if (value === null || value === undefined) continue;
      if (typeof value !== 'string' || !isUuid(value)) return fail('invalid_format', `row ${index + 1}: id must be a row id given by the server`, { format: 'uuid' }, [index, 'id']);
      out.id = value.toLowerCase();
      continue;
    }
    const column = columns.get(key);
    const definition = column && fieldTypeFor(column);
    if (!column || !definition || definition.layout) return fail('unknown_field', `row ${index + 1}: "${key}" is not a column of this sub-form`, undefined, [index, key]);
    if (definition.derived) return fail('read_only', `row ${index + 1}: ${fieldName(column)} is computed and cannot be written`, undefined, [index, key]);
    const coerced = definition.coerce(value, column);
    if (!coerced.ok) return { ...coerced, message: `row ${index + 1}: ${fieldName(column)} ${coerced.message}`, path: [index, key, ...(coerced.path ?? [])] };
    out[key] = coerced.value;
  }
  for (const column of columns.values()) {
    const definition = fieldTypeFor(column);
    if (!definition || definition.derived || definition.layout) continue;
    if (!Object.hasOwn(out, column.key)) {
      // A computed default needs the clock: subFormRowDefaults fills it (and checks `required`) later.
      const source = defaultSourceOf(column);
      if (source && source.kind !== 'literal') continue;
      // Rows are written whole: a column left out is empty, or its default.
      const coerced = definition.coerce(column.options?.default ?? null, column);
      out[column.key] = coerced.ok ? coerced.value : null;
    }
    if (column.required && isEmptyValue(out[column.key])) return fail('required', `row ${index + 1}: ${fieldName(column)} is required`, undefined, [index, column.key]);
  }
  return ok(out);
}

function coerceRows(value: unknown, field: FieldDefinition): CoerceResult {
  if (value === null || value === undefined || value === '') return checkCount([], field);
  if (!Array.isArray(value)) return fail('invalid_type', 'must be an array of rows', { expected: 'array' });
  const max = Math.min(readOption(field, 'maxRows', 'number') ?? MAX_SUB_FORM_ROWS, MAX_SUB_FORM_ROWS);
  if (value.length > max) return fail('too_many', `has at most ${max} rows`, { max });
  const columns = new Map(subFormFields(field).map((column) => [column.key, column]));
  const rows: SubFormRow[] = [];
  const ids = new Set<string>();
  for (let index = 0; index < value.length; index++) {
    const coerced = coerceRow(value[index], index, columns);
    if (!coerced.ok) return coerced;
    const row = coerced.value as SubFormRow;
    if (row.id !== undefined) {
      if (ids.has(row.id)) return fail('duplicate', `row ${index + 1}: the row id appears twice`, undefined, [index, 'id']);
      ids.add(row.id);
    }
    rows.push(row);
  }
  return checkCount(rows, field);
}

function checkCount(rows: SubFormRow[], field: FieldDefinition): CoerceResult {
  const min = readOption(field, 'minRows', 'number');
  if (min !== undefined && rows.length < min && rows.length > 0) return fail('too_few', `needs at least ${min} rows`, { min });
  return ok(rows);
}

/** Row formulas: each row's derived columns computed from the row, in dependency order. */
export function deriveSubFormRows(field: FieldDefinition, rows: SubFormRow[], context: DeriveContext): SubFormRow[] {
  const steps = derivedFieldOrder({ key: field.key, name: field.key, fields: subFormFields(field) });
  if (!steps.length) return rows;
  return rows.map((row) => {
    const out: SubFormRow = { ...row };
    for (const step of steps) {
      let value: unknown = null;
      if (!step.cyclic) {
        try {
          value = step.definition.derive(step.field, out, context) ?? null;
        } catch {
          value = null;
        }
      }
      out[step.field.key] = value;
    }
    return out;
  });
}

function checkColumns(field: FieldDefinition, fieldTypeOf: (type: string) => FieldTypeDefinition | undefined, validateForm: (doc: unknown) => SchemaIssue[]): FieldOptionIssue[] {
  const issues: FieldOptionIssue[] = [];
  const columns = subFormFields(field);
  if (!columns.length) return [{ path: ['options', 'fields'], code: 'required', message: 'a sub-form needs at least one column' }];
  columns.forEach((column, index) => {
    if (NOT_IN_ROWS.has(column.type) || !fieldTypeOf(column.type)) {
      issues.push({ path: ['options', 'fields', index, 'type'], code: 'unsupported_type', message: `a sub-form column cannot be of type "${column.type}"`, params: { type: column.type } });
    }
  });
  columns.forEach((column, index) => {
    const from = column.options?.defaultFrom;
    if (typeof from === 'string' && parseDefaultFrom(from).kind === 'relation') {
      issues.push({ path: ['options', 'fields', index, 'options', 'defaultFrom'], code: 'invalid_default_source', message: 'a sub-form column cannot copy its default through a relation', params: { source: from } });
    }
  });
  if (issues.length) return issues;
  for (const issue of validateForm({ key: field.key, name: field.key, fields: columns })) {
    issues.push({ ...issue, path: ['options', ...issue.path] });
  }
  const min = readOption(field, 'minRows', 'number');
  const max = readOption(field, 'maxRows', 'number');
  if (min !== undefined && max !== undefined && min > max) issues.push({ path: ['options', 'minRows'], code: 'invalid_option', message: 'minRows is above maxRows' });
  return issues;
}

/**
 * 子表单: rows of columns (any scalar type, row formulas included) stored in a child table of the form's
 * table, each row with its own id. Rows are written whole: the rows sent replace the stored ones, a row
 * keeping its `id` is updated, one without is created. Not filterable or sortable (rollups over it are).
 */
export const subFormFieldType: FieldTypeDefinition = {
  type: 'subForm',
  label: { 'zh-CN': '子表单', 'en-US': 'Sub-form' },
  valueKind: 'rows',
  optionsSchema: optionsObject(
    {
      fields: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'object', required: ['key', 'type'] } },
      minRows: { type: 'integer', minimum: 0, maximum: MAX_SUB_FORM_ROWS },
      maxRows: { type: 'integer', minimum: 1, maximum: MAX_SUB_FORM_ROWS },
    },
    ['fields'],
  ),
  operators: EMPTINESS_OPERATORS,
  sortable: false,
  filterable: false,
  column: () => null,
  conditionKind: null,
  coerce: coerceRows,
  fromDb: (value) => (Array.isArray(value) ? value : []),
  toDb: (value) => value,
  format: (value, _field, locale) => {
    const count = Array.isArray(value) ? value.length : 0;
    return count === 0 ? '' : locale === 'zh-CN' ? `${count} 行` : `${count} ${count === 1 ? 'row' : 'rows'}`;
  },
  checkOptions: (field, _form, fieldTypeOf) => checkColumns(field, fieldTypeOf, validateFormDefinition),
};
