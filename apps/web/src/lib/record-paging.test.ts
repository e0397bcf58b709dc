import { describe, expect, it } from 'vitest';
import type { RecordItem, RecordPage } from '../api/types';
import { buildRecordQuery, nextPageParam, PAGE_SIZE, recordsQueryKey, shouldLoadMore, summarisePages } from './record-paging';

const item = (id: string): RecordItem => ({
  id, data: {}, version: 1, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-01T00:00:00Z', createdBy: 'u1', ownerId: 'u1',
});
const page = (ids: string[], nextCursor: string | null, total = 250, totalIsEstimate = false): RecordPage => ({
  items: ids.map(item), nextCursor, total, totalIsEstimate,
});

describe('record paging', () => {
  it('builds a keyset query body: limit 100, the cursor as `after`, no empty parts', () => {
    expect(buildRecordQuery({}, null)).toEqual({ limit: PAGE_SIZE });
    expect(PAGE_SIZE).toBe(100);
    const filter = { '>': [{ var: 'amount' }, 10000] };
    expect(buildRecordQuery({ filter, sort: [{ field: 'amount', dir: 'desc' }] }, 'CURSOR')).toEqual({
      filter, sort: [{ field: 'amount', dir: 'desc' }], limit: 100, after: 'CURSOR',
    });
    expect(buildRecordQuery({ sort: [] }, null)).toEqual({ limit: 100 });
  });

  it('asks for another page only while the server gives a cursor', () => {
    expect(nextPageParam(page(['a'], 'next'))).toBe('next');
    expect(nextPageParam(page(['a'], null))).toBeUndefined();
  });

  it('flattens pages in order, drops repeats, and takes the total from the first page', () => {
    const summary = summarisePages([page(['a', 'b'], 'c1', 123456, true), page(['b', 'c'], null, 123000, true)]);
    expect(summary.rows.map((row) => row.id)).toEqual(['a', 'b', 'c']);
    expect(summary.total).toBe(123456);
    expect(summary.totalIsEstimate).toBe(true);
    expect(summarisePages(undefined)).toEqual({ rows: [], total: 0, totalIsEstimate: false });
  });

  it('keys the cache by filter and sort so a change starts from the first page', () => {
    const a = recordsQueryKey('crm', 'lead', {});
    const b = recordsQueryKey('crm', 'lead', { sort: [{ field: 'amount', dir: 'asc' }] });
    expect(a).not.toEqual(b);
    expect(a.slice(0, 3)).toEqual(['records', 'crm', 'lead']);
  });

  it('loads more when the last visible row nears the end of what is loaded', () => {
    const base = { loadedCount: 100, hasNextPage: true, isFetching: false, threshold: 30 };
    expect(shouldLoadMore({ ...base, lastVisibleIndex: 40 })).toBe(false);
    expect(shouldLoadMore({ ...base, lastVisibleIndex: 69 })).toBe(true);
    expect(shouldLoadMore({ ...base, lastVisibleIndex: 99, isFetching: true })).toBe(false);
    expect(shouldLoadMore({ ...base, lastVisibleIndex: 99, hasNextPage: false })).toBe(false);
    expect(shouldLoadMore({ ...base, lastVisibleIndex: undefined })).toBe(false);
  });
});
