import type { FieldDefinition, FormDefinition } from '@platform/schema';
import type { FieldTypeDefinition } from './field-type-definition';
import { getFieldType } from './get-field-type';
import type { RecordIssue } from './record-issue';
import { isEmptyValue } from './values/is-empty-value';
import { isPlainObject } from './values/is-plain-object';
import { quoteValue } from './values/quote-value';

export type RecordValidation = { ok: true; values: Record<string, unknown> } | { ok: false; issues: RecordIssue[] };

/**
 * Checks and normalises the `data` of a record write against its form.
 * - Every key must be a value field of the form: others (and layout items) are `unknown_field`,
 *   derived fields are `read_only`.
 * - Each value is coerced by its type (numbers rounded, '' -> null, 'HH:mm' -> 'HH:mm:ss', ...).
 * - create: absent fields take `options.default`; a required field still empty is `required`.
 *   update: only the given keys are checked; a required field cannot be emptied.
 * - Derived fields whose sources were written are computed into `values`.
 * `values` holds only what the write sets; it is returned only when there is no issue.
 */
export function validateRecordData(form: FormDefinition, data: unknown, mode: 'create' | 'update'): RecordValidation {
  if (!isPlainObject(data)) return { ok: false, issues: [{ path: [], code: 'invalid_type', message: 'data must be an object of field values' }] };

  const fieldsByKey = new Map(form.fields.map((field) => [field.key, field]));
  const issues: RecordIssue[] = [];
  const values: Record<string, unknown> = {};

  for (const [key, value] of Object.entries(data)) {
    const field = fieldsByKey.get(key);
    const definition = field && getFieldType(field.type);
    if (!field || !definition || definition.layout) {
      issues.push({ path: [key], code: 'unknown_field', message: `${quoteValue(key)} is not a field of this form` });
    } else if (definition.derived) {
      issues.push({ path: [key], code: 'read_only', message: `${fieldName(field)} is computed and cannot be written` });
    } else {
      writeValue(field, definition, value, values, issues);
    }
  }

  if (mode === 'create') {
    for (const field of form.fields) {
      const definition = getFieldType(field.type);
      if (!definition || definition.layout || definition.derived || Object.hasOwn(data, field.key)) continue;
      const fallback = field.options?.default;
      if (fallback !== undefined && fallback !== null) {
        const coerced = definition.coerce(fallback, field);
        if (coerced.ok && !isEmptyValue(coerced.value)) {
          values[field.key] = coerced.value;
          continue;
        }
      }
      if (field.required) issues.push(requiredIssue(field));
    }
  }

  for (const field of form.fields) {
    const definition = getFieldType(field.type);
    if (!definition?.derived || !definition.derive || !definition.dependsOn) continue;
    if (definition.dependsOn(field).some((source) => Object.hasOwn(values, source))) {
      values[field.key] = definition.derive(field, values);
    }
  }

  return issues.length > 0 ? { ok: false, issues } : { ok: true, values };
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
