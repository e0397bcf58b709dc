import { fieldTypeFor, translateIssue, type CoerceFailure } from '@platform/form-engine';
import type { FieldDefinition, FieldType } from '@platform/schema';
import { toWireValue } from './form-values';

/**
 * Types whose values the record form checks with the field-type registry's own `coerce` before saving
 * (the server runs the same code): the ID number's check character, a location's ranges and both
 * coordinates, a date range's order and length, a cascader path, rich text's size.
 */
export const ENGINE_CHECKED_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['idNumber', 'location', 'dateRange', 'cascader', 'richText']);

/** The registry's verdict on one form value: null when it is empty or valid. */
export function fieldValueProblem(field: FieldDefinition, formValue: unknown): CoerceFailure | null {
  const wire = toWireValue(field, formValue);
  if (wire === null || wire === undefined || (Array.isArray(wire) && wire.length === 0)) return null;
  const definition = fieldTypeFor(field);
  if (!definition) return null;
  const result = definition.coerce(wire, field);
  return result.ok ? null : result;
}

/** A problem as the user reads it: a few with wording of their own, the rest from the registry's messages. */
export function problemText(field: FieldDefinition, problem: CoerceFailure, locale: string, t: (key: string) => string): string {
  if (field.type === 'location' && problem.code === 'required') return t('validation.locationIncomplete');
  if (field.type === 'idNumber' && problem.code === 'invalid_format') {
    return t(field.options?.kind === 'passport' ? 'validation.passport' : 'validation.idNumber');
  }
  return translateIssue({ code: problem.code, message: problem.message, params: problem.params }, locale === 'en-US' ? 'en-US' : 'zh-CN');
}
