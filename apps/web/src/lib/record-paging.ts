import type { Condition, SortSpec } from '@platform/schema';
import type { RecordItem, RecordPage, RecordQuery } from '../api/types';

export const PAGE_SIZE = 100;

/** Start loading the next page when the last visible row is this close to the end of what is loaded. */
export const PREFETCH_ROWS = 30;

export type RecordListParams = { filter?: Condition; sort?: SortSpec[] };

export function recordsQueryKey(appKey: string, formKey: string, params: RecordListParams) {
  return ['records', appKey, formKey, { filter: params.filter ?? null, sort: params.sort ?? [] }] as const;
}

/** The body of POST .../records/query for one page (keyset: `after` is the previous page's cursor). */
export function buildRecordQuery(params: RecordListParams, after: string | null, limit = PAGE_SIZE): RecordQuery {
  const body: RecordQuery = { limit };
  if (params.filter) body.filter = params.filter;
  if (params.sort && params.sort.length > 0) body.sort = params.sort;
  if (after) body.after = after;
  return body;
}

/** useInfiniteQuery's getNextPageParam: the cursor, or undefined when the last page was the end. */
export function nextPageParam(lastPage: RecordPage): string | undefined {
  return lastPage.nextCursor ?? undefined;
}

export type RecordListSummary = { rows: RecordItem[]; total: number; totalIsEstimate: boolean };

/**
 * The loaded rows of all pages in order (a record met twice, because it changed between page loads,
 * is shown once) and the total from the first page (the count for the current filter).
 */
export function summarisePages(pages: readonly RecordPage[] | undefined): RecordListSummary {
  if (!pages || pages.length === 0) return { rows: [], total: 0, totalIsEstimate: false };
  const seen = new Set<string>();
  const rows: RecordItem[] = [];
  for (const page of pages) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      rows.push(item);
    }
  }
  const first = pages[0];
  // The server counts exactly up to its threshold; never show fewer than we actually hold.
  const total = Math.max(first.total, rows.length);
  return { rows, total, totalIsEstimate: first.totalIsEstimate };
}

export function shouldLoadMore(args: {
  lastVisibleIndex: number | undefined;
  loadedCount: number;
  hasNextPage: boolean;
  isFetching: boolean;
  threshold?: number;
}): boolean {
  const { lastVisibleIndex, loadedCount, hasNextPage, isFetching, threshold = PREFETCH_ROWS } = args;
  if (!hasNextPage || isFetching || lastVisibleIndex === undefined) return false;
  return lastVisibleIndex >= loadedCount - 1 - threshold;
}
