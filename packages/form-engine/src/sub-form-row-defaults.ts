import type { FieldDefinition } from '@platform/schema';
import { defaultValues, type DefaultValueContext } from './default-values';
import { fieldTypeFor } from './field-type-for';
import { subFormFields, type SubFormRow } from './field-types/sub-form-field-type';
import type { RecordIssue } from './record-issue';
import { isEmptyValue } from './values/is-empty-value';

const columnName = (column: FieldDefinition) => (typeof column.label === 'object' && column.label['en-US'] ? column.label['en-US'] : typeof column.label === 'string' ? column.label : column.key);

/**
 * Sub-form rows with the columns each row leaves out filled: a column's default (literal, formula over
 * the row, another column of the row, `$user`; docs/defaults.md), else empty. Coercion fills literal
 * defaults already and leaves out columns with a computed one, which need the clock: they are filled
 * here, and a required one still empty is an issue (path `[subForm, row, column]`).
 */
export function subFormRowDefaults(field: FieldDefinition, rows: readonly SubFormRow[], context: DefaultValueContext): { rows: SubFormRow[]; issues: RecordIssue[] } {
  const columns = subFormFields(field).filter((column) => {
    const definition = fieldTypeFor(column);
    return definition !== undefined && !definition.layout && !definition.derived;
  });
  const rowForm = { key: field.key, name: field.key, fields: columns };
  const issues: RecordIssue[] = [];
  const filled = rows.map((row, index) => {
    if (columns.every((column) => Object.hasOwn(row, column.key))) return row;
    const defaults = defaultValues(rowForm, row, context);
    const out: SubFormRow = { ...row };
    for (const column of columns) {
      if (Object.hasOwn(out, column.key)) continue;
      out[column.key] = defaults[column.key] ?? null;
      if (column.required && isEmptyValue(out[column.key])) {
        issues.push({ path: [field.key, index, column.key], code: 'required', message: `row ${index + 1}: ${columnName(column)} is required` });
      }
    }
    return out;
  });
  return { rows: filled, issues };
}
