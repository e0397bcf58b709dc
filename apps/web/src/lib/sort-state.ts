import type { SortSpec } from '@platform/schema';

export type SortDirection = SortSpec['dir'];

export function sortDirectionOf(sort: readonly SortSpec[], field: string): SortDirection | undefined {
  return sort.find((spec) => spec.field === field)?.dir;
}

/** The 1-based position of a field among several sort keys (shown when more than one). */
export function sortPositionOf(sort: readonly SortSpec[], field: string): number | undefined {
  const index = sort.findIndex((spec) => spec.field === field);
  return index < 0 ? undefined : index + 1;
}

function nextDirection(current: SortDirection | undefined): SortDirection | undefined {
  if (current === undefined) return 'asc';
  if (current === 'asc') return 'desc';
  return undefined;
}

/**
 * A header click: none -> asc -> desc -> none. A plain click sorts by that column alone; a
 * multi (shift) click adds the column as a further key or cycles it in place.
 */
export function toggleSort(sort: readonly SortSpec[], field: string, multi: boolean): SortSpec[] {
  const next = nextDirection(sortDirectionOf(sort, field));
  if (!multi) return next ? [{ field, dir: next }] : [];
  const present = sort.some((spec) => spec.field === field);
  if (!present) return [...sort, { field, dir: 'asc' }];
  if (!next) return sort.filter((spec) => spec.field !== field);
  return sort.map((spec) => (spec.field === field ? { field, dir: next } : spec));
}
