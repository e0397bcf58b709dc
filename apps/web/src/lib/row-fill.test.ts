import { describe, expect, it } from 'vitest';
import { planRowFill, type RowSlot } from './row-fill';

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
