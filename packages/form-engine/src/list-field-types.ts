import type { FieldTypeDefinition } from './field-type-definition';
import { fieldTypes } from './field-types';

/** The implemented types in catalog order (what GET /api/field-types lists). */
export function listFieldTypes(): FieldTypeDefinition[] {
  return [...fieldTypes.values()];
}
