import type { FieldDefinition } from '@platform/schema';

/**
 * Sub-form rows in a spreadsheet, as exports write them and imports read them: a sub-form's row fields
 * are columns of their own, headed `<sub-form>.<row field>` (mapped to the key `lines.item`), and a
 * record with several rows takes several lines. Its first line holds the record's own cells and its
 * first row; each following line leaves every record cell empty (the ID column too) and holds one
 * more row. Two sub-forms of one record share lines: line k holds row k of each.
 */

/** The sub-form and row field a mapped column key names (`lines.item`), or null for a field of the record. */
export function subFormColumn(key: string | null): { subForm: string; field: string } | null {
  if (key === null) return null;
  const dot = key.indexOf('.');
  return dot > 0 ? { subForm: key.slice(0, dot), field: key.slice(dot + 1) } : null;
}

/** The row fields of a sub-form field (what its options list). */
export function rowFieldsOf(field: FieldDefinition): FieldDefinition[] {
  const fields = field.options?.fields;
  return Array.isArray(fields) ? (fields as FieldDefinition[]) : [];
}

const blank = (cell: unknown) => cell === null || cell === undefined || (typeof cell === 'string' && cell.trim() === '');

/**
 * The records of a sheet as runs of lines, [start, end) each. Without sub-form columns, each line is a
 * record. A line whose record cells are all empty but that holds a sub-form cell continues the record
 * above it (a continuation as the first line starts a record of its own).
 */
export function recordLines(rows: readonly (readonly unknown[])[], mapping: readonly (string | null)[]): { start: number; end: number }[] {
  const rowColumns = mapping.flatMap((key, column) => (subFormColumn(key) ? [column] : []));
  const recordColumns = mapping.flatMap((key, column) => (key !== null && !subFormColumn(key) ? [column] : []));
  const runs: { start: number; end: number }[] = [];
  rows.forEach((row, index) => {
    const continues = rowColumns.length > 0 && runs.length > 0
      && recordColumns.every((column) => blank(row[column]))
      && rowColumns.some((column) => !blank(row[column]));
    if (continues) runs[runs.length - 1].end = index + 1;
    else runs.push({ start: index, end: index + 1 });
  });
  return runs;
}

/** Whether every cell of these columns is empty on a line (a sub-form with no row on that line). */
export function allBlank(row: readonly unknown[], columns: readonly number[]): boolean {
  return columns.every((column) => blank(row[column]));
}
