import type { FieldDefinition } from '@platform/schema';
import { getFieldType } from '../get-field-type';

/**
 * What an import does with a column mapped to a field:
 * - `value`: read the cell into the field;
 * - `derived`: computed by the platform (formula, moneyInWords, serialNumber, lookup, rollup): ignored;
 * - `layout`: divider, description, tabs hold no value: ignored;
 * - `files`: image, attachment, signature: the cell names files by id (see fileCellText); the caller
 *   copies the files the importing user may read and writes the copies;
 * - `unsupported`: a type the registry does not know yet, or a sub-form as a whole (its rows come in
 *   columns of their own, one per row field, on lines of their own): the column is skipped with a warning.
 */
export type ImportColumnKind = 'value' | 'files' | 'derived' | 'layout' | 'unsupported';

const FILE_TYPES = new Set<string>(['image', 'attachment', 'signature']);

export function importColumnKind(field: FieldDefinition): ImportColumnKind {
  const definition = getFieldType(field.type);
  if (!definition) return 'unsupported';
  if (definition.layout) return 'layout';
  if (definition.derived) return 'derived';
  if (FILE_TYPES.has(field.type)) return 'files';
  if (field.type === 'subForm') return 'unsupported';
  return 'value';
}
