import type { FieldDefinition } from '@platform/schema';
import type { DisplayLocale, FormatLookup } from './field-type-definition';
import { fieldTypeFor } from './field-type-for';

/** Display text of a value as lists, exports and notifications show it; '' when empty. */
export function formatValue(field: FieldDefinition, value: unknown, locale: DisplayLocale, lookup?: FormatLookup): string {
  if (value === null || value === undefined) return '';
  const definition = fieldTypeFor(field);
  if (definition) return definition.format(value, field, locale, lookup);
  return typeof value === 'string' ? value : JSON.stringify(value);
}
