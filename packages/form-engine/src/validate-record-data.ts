import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { defaultValues, type CopiedValues } from './default-values';
import { derivedFieldOrder } from './derived-field-order';
import type { DeriveContext, FieldTypeDefinition } from './field-type-definition';
import { fieldTypeFor } from './field-type-for';
import { deriveSubFormRows, type SubFormRow } from './field-types/sub-form-field-type';
import type { RecordIssue } from './record-issue';
import { subFormRowDefaults } from './sub-form-row-defaults';
import { isEmptyValue } from './values/is-empty-value';
import { isPlainObject } from './values/is-plain-object';
import { quoteValue } from './values/quote-value';
import { sameValue } from './values/same-value';

export type RecordValidation = { ok: true; values: Record<string, unknown> } | { ok: false; issues: RecordIssue[] };

/**
 * What derived values and defaults are computed with: the clock (TODAY, NOW) and the time zone of
 * calendar days; for defaults (docs/defaults.md) also who creates the record (`$user`) and the values
 * `relation.targetField` defaults copy, read by the caller (see defaultCopyRequests).
 */
export type RecordValidationOptions = {
  now?: Date;
  timeZone?: string;
  user?: { id: string; departmentId: string | null };
  copied?: CopiedValues;
};

/** The time zone formulas read calendar days in unless the caller gives one. */
export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Checks and normalises the `data` of a record write against its form.
 * - Every key must be a value field of the form: others (and layout items) are `unknown_field`,
 *   derived fields are `read_only`.
 * - Each value is coerced by its type (numbers rounded, '' -> null, 'HH:mm' -> 'HH:mm:ss', ...).
 * - create: absent fields take their default (defaultValues: literal, formula, copied); a required
 *   field still empty is `required`. Sub-form rows take their columns' defaults on create and update.
 *   update: only the given keys are checked; a required field cannot be emptied.
 * - Derived fields (moneyInWords, formula) are computed after the other values are coerced, in
 *   dependency order, over the whole record: on create the values written and defaulted; on update
 *   `{...before, ...values}` when `before` (the stored values) is given. `values` then holds a derived
 *   value on create when it is not null, on update when it differs from `before`. An update without
 *   `before` recomputes only the derived fields whose sources were all written (the record is unknown).
 *   A formula that cannot be evaluated gives null, not an issue.
 * `values` holds only what the write sets; it is returned only when there is no issue.
 */
export function validateRecordData(
  form: FormDefinition,
  data: unknown,
  mode: 'create' | 'update',
  before?: Readonly<Record<string, unknown>>,
  options: RecordValidationOptions = {},
): RecordValidation {
  if (!isPlainObject(data)) return { ok: false, issues: [{ path: [], code: 'invalid_type', message: 'data must be an object of field values' }] };

  const fieldsByKey = new Map(form.fields.map((field) => [field.key, field]));
  const issues: RecordIssue[] = [];
  const values: Record<string, unknown> = {};

  for (const [key, value] of Object.entries(data)) {
    const field = fieldsByKey.get(key);
    const definition = field && fieldTypeFor(field);
    if (!field || !definition || definition.layout) {
      issues.push({ path: [key], code: 'unknown_field', message: `${quoteValue(key)} is not a field of this form` });
    } else if (definition.derived) {
      issues.push({ path: [key], code: 'read_only', message: `${fieldName(field)} is computed and cannot be written` });
    } else {
      writeValue(field, definition, value, values, issues);
    }
  }

  const context: DeriveContext = { now: options.now ?? new Date(), timeZone: options.timeZone ?? DEFAULT_TIME_ZONE, form };
  const defaultContext = { now: context.now, timeZone: context.timeZone, user: options.user };
  if (mode === 'create') {
    // The values written so far are the sent ones, coerced: defaults read them as they are.
    const defaults = defaultValues(form, data, defaultContext, options.copied, values);
    for (const field of form.fields) {
      const definition = fieldTypeFor(field);
      if (!definition || definition.layout || definition.derived || Object.hasOwn(data, field.key)) continue;
      if (Object.hasOwn(defaults, field.key)) values[field.key] = defaults[field.key];
      else if (field.required) issues.push(requiredIssue(field));
    }
  }
  for (const field of form.fields) {
    if (field.type !== 'subForm' || !Array.isArray(values[field.key])) continue;
    const filled = subFormRowDefaults(field, values[field.key] as SubFormRow[], defaultContext);
    values[field.key] = filled.rows;
    issues.push(...filled.issues);
  }

  if (issues.length > 0) return { ok: false, issues };
  for (const field of form.fields) {
    if (field.type === 'subForm' && Array.isArray(values[field.key])) values[field.key] = deriveSubFormRows(field, values[field.key] as SubFormRow[], context);
  }
  deriveValues(form, mode, values, mode === 'update' ? before : undefined, context);
  return { ok: true, values };
}

/** Adds the derived values the write sets to `values` (see validateRecordData). */
function deriveValues(
  form: FormDefinition,
  mode: 'create' | 'update',
  values: Record<string, unknown>,
  before: Readonly<Record<string, unknown>> | undefined,
  context: DeriveContext,
): void {
  const whole = mode === 'create' || before !== undefined;
  const record: Record<string, unknown> = { ...before, ...values };
  const written = new Set(Object.keys(values));
  for (const { field, definition, sources, cyclic } of derivedFieldOrder(form)) {
    if (!whole && (!sources.some((source) => written.has(source)) || !sources.every((source) => Object.hasOwn(record, source)))) continue;
    const value = cyclic ? null : deriveOrNull(() => definition.derive(field, record, context));
    record[field.key] = value;
    const sets = mode === 'create' ? value !== null : before === undefined || !sameValue(before[field.key], value);
    if (sets) {
      values[field.key] = value;
      written.add(field.key);
    }
  }
}

/** A derived value never fails a write: whatever cannot be computed is empty. */
function deriveOrNull(derive: () => unknown): unknown {
  try {
    return derive() ?? null;
  } catch {
    return null;
  }
}

function writeValue(
  field: FieldDefinition,
  definition: FieldTypeDefinition,
  value: unknown,
  values: Record<string, unknown>,
  issues: RecordIssue[],
): void {
  const coerced = definition.coerce(value, field);
  if (!coerced.ok) {
    issues.push({
      path: [field.key, ...(coerced.path ?? [])],
      code: coerced.code,
      message: `${fieldName(field)} ${coerced.message}`,
      ...(coerced.params ? { params: coerced.params } : {}),
    });
  } else if (field.required && isEmptyValue(coerced.value)) {
    issues.push(requiredIssue(field));
  } else {
    values[field.key] = coerced.value;
  }
}

function requiredIssue(field: FieldDefinition): RecordIssue {
  return { path: [field.key], code: 'required', message: `${fieldName(field)} is required` };
}

/** The field as English messages name it: its en-US label when it has one, else its key. */
function fieldName(field: FieldDefinition): string {
  return typeof field.label === 'object' && field.label['en-US'] ? field.label['en-US'] : field.key;
}
