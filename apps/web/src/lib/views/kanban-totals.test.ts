import { describe, expect, it } from 'vitest';
import { laneCondition, laneCount, laneTotalKey, laneTotalQuery } from './kanban-totals';
import { recordsQueryKey } from '../record-paging';

describe('kanban lane totals', () => {
  it('counts a lane under the list’s filter, the empty lane by emptiness', () => {
    expect(laneCondition('stage', { value: 'won' })).toEqual({ in: [{ var: 'stage' }, ['won']] });
    expect(laneCondition('stage', { value: null })).toEqual({ isEmpty: [{ var: 'stage' }] });
    expect(laneTotalQuery(undefined, 'stage', { value: 'won' })).toEqual({ filter: { in: [{ var: 'stage' }, ['won']] }, limit: 1, fields: ['stage'] });
    expect(laneTotalQuery({ '==': [{ var: 'owner' }, 'u1'] }, 'stage', { value: null }).filter).toEqual({ and: [{ '==': [{ var: 'owner' }, 'u1'] }, { isEmpty: [{ var: 'stage' }] }] });
  });

  it('caches under the form’s records, apart from the list itself', () => {
    const key = laneTotalKey('crm', 'deal', 'stage', 'won', undefined);
    const list = recordsQueryKey('crm', 'deal', {});
    expect(key.slice(0, 3)).toEqual(list.slice(0, 3));
    expect(key).not.toEqual(list);
  });

  it('shows the total once known, never fewer than the cards shown', () => {
    expect(laneCount(undefined, 3)).toEqual({ count: 3, estimate: false });
    expect(laneCount({ total: 40, totalIsEstimate: false }, 3)).toEqual({ count: 40, estimate: false });
    expect(laneCount({ total: 2, totalIsEstimate: false }, 3)).toEqual({ count: 3, estimate: false });
    expect(laneCount({ total: 12000, totalIsEstimate: true }, 20)).toEqual({ count: 12000, estimate: true });
  });
});
