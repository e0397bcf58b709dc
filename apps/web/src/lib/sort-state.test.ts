import { describe, expect, it } from 'vitest';
import { sortDirectionOf, sortPositionOf, toggleSort } from './sort-state';

describe('toggleSort', () => {
  it('cycles a column through asc, desc and none', () => {
    let sort = toggleSort([], 'amount', false);
    expect(sort).toEqual([{ field: 'amount', dir: 'asc' }]);
    sort = toggleSort(sort, 'amount', false);
    expect(sort).toEqual([{ field: 'amount', dir: 'desc' }]);
    expect(toggleSort(sort, 'amount', false)).toEqual([]);
  });

  it('replaces other keys on a plain click', () => {
    expect(toggleSort([{ field: 'amount', dir: 'desc' }], 'name', false)).toEqual([{ field: 'name', dir: 'asc' }]);
  });

  it('adds, cycles in place and removes keys on a shift click', () => {
    let sort = toggleSort([{ field: 'stage', dir: 'asc' }], 'amount', true);
    expect(sort).toEqual([{ field: 'stage', dir: 'asc' }, { field: 'amount', dir: 'asc' }]);
    sort = toggleSort(sort, 'stage', true);
    expect(sort).toEqual([{ field: 'stage', dir: 'desc' }, { field: 'amount', dir: 'asc' }]);
    sort = toggleSort(sort, 'stage', true);
    expect(sort).toEqual([{ field: 'amount', dir: 'asc' }]);
    expect(sortDirectionOf(sort, 'amount')).toBe('asc');
    expect(sortPositionOf(sort, 'amount')).toBe(1);
    expect(sortPositionOf(sort, 'stage')).toBeUndefined();
  });
});
