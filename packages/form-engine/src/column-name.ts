import type { FieldDefinition } from '@platform/schema';

/**
 * The SQL column of a field in its form's table: its key. Keys match [a-z][a-z0-9_]{0,62}
 * (checked by validateFormDefinition), and system columns start with '_', so they never collide.
 */
export function columnName(field: FieldDefinition): string {
  return field.key;
}
