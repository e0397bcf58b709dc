import type { FieldDefinition } from '@platform/schema';
import { getFieldType } from '../get-field-type';

/**
 * What an import does with a column mapped to a field:
 * - `value`: read the cell into the field;
 * - `derived`: computed by the platform (formula, moneyInWords, serialNumber, lookup, rollup): ignored;
 * - `layout`: divider, description, tabs hold no value: ignored;
 * - `unsupported`: a type the registry does not know yet, or one whose values do not fit in a cell
 *   (sub-form rows, files): the column is skipped with a warning.
 */
export type ImportColumnKind = 'value' | 'derived' | 'layout' | 'unsupported';

/** Types whose values a single cell cannot carry back (sub-form rows live on a second sheet; files are uploads). */
const NOT_FROM_A_CELL = new Set<string>(['subForm', 'image', 'attachment', 'signature']);

export function importColumnKind(field: FieldDefinition): ImportColumnKind {
  const definition = getFieldType(field.type);
  if (!definition) return 'unsupported';
  if (definition.layout) return 'layout';
  if (definition.derived) return 'derived';
  if (NOT_FROM_A_CELL.has(field.type)) return 'unsupported';
  return 'value';
}
