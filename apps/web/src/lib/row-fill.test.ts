import { describe, expect, it } from 'vitest';
import { assignSlots, planRowFill, type RowSlot } from './row-fill';

const slots = (from: number, to: number): RowSlot[] => Array.from({ length: to - from + 1 }, (_v, i) => ({ key: `r${from + i}`, index: from + i }));

describe('planRowFill', () => {
  it('builds every row when the new ones fit the budget', () => {
    const plan = planRowFill(slots(10, 15), new Set(['r10', 'r11']), { startIndex: 11, endIndex: 14 }, 4);
    expect([...plan.full].sort()).toEqual(['r10', 'r11', 'r12', 'r13', 'r14', 'r15']);
    expect(plan.pending).toBe(false);
  });

  it('over the budget: rows already built stay, then the new rows in view top down, then the overscan nearest first', () => {
    // Rows 100-125, in view 104-121; nothing built (a jump).
    const plan = planRowFill(slots(100, 125), new Set(), { startIndex: 104, endIndex: 121 }, 6);
    expect([...plan.full]).toEqual(['r104', 'r105', 'r106', 'r107', 'r108', 'r109']);
    expect(plan.pending).toBe(true);
    // The next frame: those six are built, six more in view follow.
    const next = planRowFill(slots(100, 125), plan.full, { startIndex: 104, endIndex: 121 }, 6);
    expect(next.full.size).toBe(12);
    expect(next.full.has('r115')).toBe(true);
    expect(next.full.has('r116')).toBe(false);
    // Once the view is built, the overscan: the rows next to the view before those further off.
    const viewBuilt = new Set(slots(104, 121).map((slot) => slot.key));
    const overscan = planRowFill(slots(100, 125), viewBuilt, { startIndex: 104, endIndex: 121 }, 2);
    expect([...overscan.full].filter((key) => !viewBuilt.has(key)).sort()).toEqual(['r103', 'r122']);
  });

  it('a row keyboard focus moves to is built whatever the budget', () => {
    const plan = planRowFill(slots(0, 30), new Set(), { startIndex: 0, endIndex: 20 }, 2, 25);
    expect(plan.full.has('r25')).toBe(true);
    expect(plan.full.has('r0')).toBe(true);
    expect(plan.full.has('r2')).toBe(false);
  });

  it('a budget of Infinity (the list at rest) builds everything', () => {
    const plan = planRowFill(slots(0, 40), new Set(), { startIndex: 0, endIndex: 20 }, Number.POSITIVE_INFINITY);
    expect(plan.full.size).toBe(41);
    expect(plan.pending).toBe(false);
  });
});

describe('assignSlots', () => {
  const isRow = (index: number) => index < 1000;
  it('a built row takes the slot of its index modulo the pool; the others keep what they showed', () => {
    // Pool of 8; rows 0-7 were shown. After a jump to rows 20-27, rows 20-22 are built this frame.
    const held = new Map(Array.from({ length: 8 }, (_v, i) => [i, i] as [number, number]));
    const next = assignSlots([20, 21, 22, 23, 24, 25, 26, 27], new Set([20, 21, 22]), held, 8, isRow);
    expect(next.get(4)).toBe(20);
    expect(next.get(5)).toBe(21);
    expect(next.get(6)).toBe(22);
    // The slots of the rows still waiting keep rows 0-3 and 7, out of view.
    expect([0, 1, 2, 3, 7].map((slot) => next.get(slot))).toEqual([0, 1, 2, 3, 7]);
  });

  it('drops what a slot showed once it is no longer a row of the list', () => {
    const next = assignSlots([0, 1], new Set([0, 1]), new Map([[0, 0], [1, 1], [2, 1002], [3, 3]]), 8, isRow);
    expect([...next].sort((a, b) => a[0] - b[0])).toEqual([[0, 0], [1, 1], [3, 3]]);
  });

  it('gives rows in view distinct slots as long as the pool is at least their number', () => {
    const shown = Array.from({ length: 30 }, (_v, i) => 12_345 + i);
    const next = assignSlots(shown, new Set(shown), new Map(), 30, isRow);
    expect(new Set(next.values()).size).toBe(30);
  });
});
