import type { RecordColumn } from '../record-columns';

/** Narrowest and widest a column may be dragged or saved (the API refuses others). */
export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 1200;
/** The most leading columns a table may freeze. */
export const MAX_FROZEN_COLUMNS = 5;

export function clampWidth(width: number): number {
  if (!Number.isFinite(width)) return MIN_COLUMN_WIDTH;
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, Math.round(width)));
}

/**
 * The columns a view shows, in its order and widths. Keys the user cannot see (or that no longer exist)
 * are skipped; without a list, every column shows in the form's order.
 */
export function applyViewColumns(all: readonly RecordColumn[], keys: readonly string[] | undefined, widths: Readonly<Record<string, number>> | undefined): RecordColumn[] {
  const byKey = new Map(all.map((column) => [column.key, column]));
  const chosen = keys && keys.length > 0 ? keys.flatMap((key) => byKey.get(key) ?? []) : [...all];
  return chosen.map((column) => (widths?.[column.key] ? { ...column, width: clampWidth(widths[column.key]) } : column));
}

/** The keys shown, as an explicit list (the view's own, or every column). */
export function shownKeys(all: readonly RecordColumn[], keys: readonly string[] | undefined): string[] {
  return applyViewColumns(all, keys, undefined).map((column) => column.key);
}

/** Shows or hides a column; a shown one goes last. At least one column always stays. */
export function toggleColumn(keys: readonly string[], key: string, show: boolean): string[] {
  if (show) return keys.includes(key) ? [...keys] : [...keys, key];
  const next = keys.filter((candidate) => candidate !== key);
  return next.length > 0 ? next : [...keys];
}

/** Moves a shown column one place earlier (-1) or later (+1); at an end nothing changes. */
export function moveColumn(keys: readonly string[], key: string, delta: -1 | 1): string[] {
  const from = keys.indexOf(key);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= keys.length) return [...keys];
  const next = [...keys];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}

/**
 * Where each frozen column sticks, measured from the left edge after `lead` pixels (the selection
 * column); undefined for the columns that scroll. Never more than the columns there are.
 */
export function frozenOffsets(columns: readonly RecordColumn[], frozen: number, lead = 0): (number | undefined)[] {
  const count = Math.max(0, Math.min(frozen, MAX_FROZEN_COLUMNS, columns.length));
  let left = lead;
  return columns.map((column, index) => {
    if (index >= count) return undefined;
    const at = left;
    left += column.width;
    return at;
  });
}

/** Widths that differ from the column defaults, for saving with a view. */
export function changedWidths(all: readonly RecordColumn[], widths: Readonly<Record<string, number>>): Record<string, number> {
  const defaults = new Map(all.map((column) => [column.key, column.width]));
  return Object.fromEntries(Object.entries(widths).filter(([key, width]) => defaults.has(key) && defaults.get(key) !== width).map(([key, width]) => [key, clampWidth(width)]));
}
