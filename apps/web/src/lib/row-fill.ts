/**
 * Which rows of a virtualised list render in full this frame (P11). A scroll that brings a whole new set
 * of rows into view (dragging the scrollbar, a fast wheel) would build all of them in one task: on a
 * loaded machine that is the 50-300 ms task users feel as a stutter. While the list scrolls, a frame
 * builds at most `budget` new rows, those in view first; the others show as the list's grey background
 * and are built in the next frames. Rows already built stay built; at rest every row is built at once.
 */
export type RowSlot<K = string | number> = { key: K; index: number };

export type FillPlan<K = string | number> = {
  /** Keys of the rows to render in full. */
  full: Set<K>;
  /** Some rows wait as placeholders: render again next frame. */
  pending: boolean;
};

export function planRowFill<K>(
  slots: readonly RowSlot<K>[],
  built: ReadonlySet<K>,
  view: { startIndex: number; endIndex: number },
  budget: number,
  /** A row that must be built now (the one keyboard focus is moving to). */
  mustFill?: number,
): FillPlan<K> {
  const full = new Set<K>();
  const waiting: RowSlot<K>[] = [];
  for (const slot of slots) {
    if (built.has(slot.key) || slot.index === mustFill) full.add(slot.key);
    else waiting.push(slot);
  }
  if (waiting.length <= budget) {
    waiting.forEach((slot) => full.add(slot.key));
    return { full, pending: false };
  }
  // In view first, top to bottom; then the overscan, nearest to the view first.
  const distance = (index: number) => (index < view.startIndex ? view.startIndex - index : index > view.endIndex ? index - view.endIndex : 0);
  const order = [...waiting].sort((a, b) => distance(a.index) - distance(b.index) || a.index - b.index);
  order.slice(0, budget).forEach((slot) => full.add(slot.key));
  return { full, pending: true };
}

/** Which row each slot of a list's row elements shows: slot -> row index. */
export type SlotRows = Map<number, number>;

/** A list's row elements: how many slots there are and what each showed at the last render. */
export type SlotState = { pool: number; held: SlotRows };

/**
 * The rows each slot shows this frame. A row's slot is its index modulo `pool` (at least the number of
 * rows shown at once, so the rows in view never share one). A row built this frame (`full`) takes its
 * slot; a slot whose new row still waits, or that no row in view needs, keeps the row it showed, now out
 * of view, as long as that is still a row of the list (`isRow`): its elements are there for the next row.
 */
export function assignSlots(shown: readonly number[], full: ReadonlySet<number>, held: ReadonlyMap<number, number>, pool: number, isRow: (index: number) => boolean): SlotRows {
  const next: SlotRows = new Map();
  for (const index of shown) if (full.has(index)) next.set(index % pool, index);
  for (const [slot, index] of held) if (!next.has(slot) && isRow(index)) next.set(slot, index);
  return next;
}
