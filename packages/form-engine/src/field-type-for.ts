import type { FieldDefinition } from '@platform/schema';
import type { FieldTypeDefinition } from './field-type-definition';
import { getFieldType } from './get-field-type';

/**
 * The registry entry as it applies to one field: for most types the entry itself; for types whose
 * column kind depends on the options (formula by `resultType`) the entry with that field's condition
 * kind, operators, value kind and pg conversions. Prefer it to `getFieldType(field.type)` wherever a
 * field is at hand (filters, reading and writing rows). Undefined for an unknown or unimplemented type.
 */
export function fieldTypeFor(field: FieldDefinition): FieldTypeDefinition | undefined {
  const definition = getFieldType(field.type);
  if (!definition?.forField) return definition;
  return { ...definition, ...definition.forField(field) };
}
