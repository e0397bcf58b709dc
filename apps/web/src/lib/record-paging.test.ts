import { describe, expect, it } from 'vitest';
import type { RecordItem, RecordPage } from '../api/types';
import { buildRecordQuery, nextPageParam, PAGE_SIZE, recordsQueryKey, shouldLoadMore, summariseMorePages, summarisePages } from './record-paging';

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

  it('continues a summary with the next page: the rows before are kept as they are, repeats dropped', () => {
    const first = page(['a', 'b'], 'c1', 500);
    const second = page(['b', 'c'], 'c2', 400);
    const one = summariseMorePages(undefined, [first]);
    const two = summariseMorePages(one, [first, second]);
    expect(two.rows.map((row) => row.id)).toEqual(['a', 'b', 'c']);
    expect(two.rows[0]).toBe(one.rows[0]);
    expect(two.rows).not.toBe(one.rows);
    expect(one.rows.map((row) => row.id)).toEqual(['a', 'b']);
    expect(two.total).toBe(500);
    // The same pages again: the same summary.
    expect(summariseMorePages(two, [first, second])).toBe(two);
    const three = summariseMorePages(two, [first, second, page(['c', 'd', 'a'], null)]);
    expect(three.rows.map((row) => row.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('starts again when the pages are not the previous ones with more after them (a refetch)', () => {
    const one = summariseMorePages(undefined, [page(['a', 'b'], 'c1'), page(['c'], null)]);
    const refetched = summariseMorePages(one, [page(['x', 'a'], null)]);
    expect(refetched.rows.map((row) => row.id)).toEqual(['x', 'a']);
    expect(summariseMorePages(refetched, undefined).rows).toEqual([]);
  });

  it('a summary that was thrown away hides no row from the one that is kept', () => {
    const first = page(['a'], 'c1');
    const one = summariseMorePages(undefined, [first]);
    summariseMorePages(one, [first, page(['b', 'c'], 'c2')]); // computed, then discarded
    const kept = summariseMorePages(one, [first, page(['c'], 'c2')]);
    const next = summariseMorePages(kept, [...kept.pages, page(['b', 'a'], null)]);
    expect(next.rows.map((row) => row.id)).toEqual(['a', 'c', 'b']);
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
