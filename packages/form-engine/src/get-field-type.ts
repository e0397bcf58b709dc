import type { FieldType } from '@platform/schema';
import type { FieldTypeDefinition } from './field-type-definition';
import { fieldTypes } from './field-types';

/** The registry entry of a type name, or undefined for an unknown or not yet implemented type. */
export function getFieldType(type: string): FieldTypeDefinition | undefined {
  return fieldTypes.get(type as FieldType);
}
