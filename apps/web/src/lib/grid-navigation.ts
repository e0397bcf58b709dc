/** Keys that move focus between the rows of the records table, as in a spreadsheet or a mail list. */
export const ROW_MOVE_KEYS = ['ArrowDown', 'ArrowUp', 'PageDown', 'PageUp', 'Home', 'End'] as const;
export type RowMoveKey = (typeof ROW_MOVE_KEYS)[number];

export const isRowMoveKey = (key: string): key is RowMoveKey => (ROW_MOVE_KEYS as readonly string[]).includes(key);

/**
 * The row focus moves to from row `index` (0-based, group headers counted) for `key`, or undefined when
 * it stays. `isRecord` says which indices are records (group headers are skipped: they take no focus);
 * `count` is the number of items loaded; `pageSize` the rows a page key jumps.
 */
export function rowMoveTarget(key: RowMoveKey, index: number, count: number, pageSize: number, isRecord: (index: number) => boolean): number | undefined {
  if (count <= 0) return undefined;
  const page = Math.max(1, pageSize);
  const wanted = {
    ArrowDown: index + 1,
    ArrowUp: index - 1,
    PageDown: index + page,
    PageUp: index - page,
    Home: 0,
    End: count - 1,
  }[key];
  const clamped = Math.min(count - 1, Math.max(0, wanted));
  // From the wanted row on in the direction of travel, then back towards where focus was: the first record.
  const forward = key === 'ArrowDown' || key === 'PageDown' || key === 'Home' ? 1 : -1;
  for (let at = clamped; at >= 0 && at < count; at += forward) if (isRecord(at)) return at === index ? undefined : at;
  for (let at = clamped - forward; at >= 0 && at < count; at -= forward) if (isRecord(at)) return at === index ? undefined : at;
  return undefined;
}
