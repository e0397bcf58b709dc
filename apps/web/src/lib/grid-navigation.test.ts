import { describe, expect, it } from 'vitest';
import { isRowMoveKey, rowMoveTarget } from './grid-navigation';

const all = () => true;

describe('rowMoveTarget', () => {
  it('arrows move one row, page keys a page, Home and End to the ends; nothing past the ends', () => {
    expect(rowMoveTarget('ArrowDown', 3, 10, 5, all)).toBe(4);
    expect(rowMoveTarget('ArrowUp', 3, 10, 5, all)).toBe(2);
    expect(rowMoveTarget('PageDown', 3, 10, 5, all)).toBe(8);
    expect(rowMoveTarget('PageDown', 7, 10, 5, all)).toBe(9);
    expect(rowMoveTarget('PageUp', 3, 10, 5, all)).toBe(0);
    expect(rowMoveTarget('Home', 6, 10, 5, all)).toBe(0);
    expect(rowMoveTarget('End', 6, 10, 5, all)).toBe(9);
    expect(rowMoveTarget('ArrowUp', 0, 10, 5, all)).toBeUndefined();
    expect(rowMoveTarget('ArrowDown', 9, 10, 5, all)).toBeUndefined();
    expect(rowMoveTarget('ArrowDown', 0, 0, 5, all)).toBeUndefined();
  });

  it('group headers are skipped in the direction of travel', () => {
    // 0 header, 1-3 rows, 4 header, 5-6 rows.
    const isRecord = (index: number) => index !== 0 && index !== 4;
    expect(rowMoveTarget('ArrowDown', 3, 7, 5, isRecord)).toBe(5);
    expect(rowMoveTarget('ArrowUp', 5, 7, 5, isRecord)).toBe(3);
    expect(rowMoveTarget('ArrowUp', 1, 7, 5, isRecord)).toBeUndefined();
    expect(rowMoveTarget('Home', 6, 7, 5, isRecord)).toBe(1);
    expect(rowMoveTarget('PageDown', 1, 7, 3, isRecord)).toBe(5);
  });

  it('knows its keys', () => {
    expect(isRowMoveKey('PageDown')).toBe(true);
    expect(isRowMoveKey('Enter')).toBe(false);
  });
});
