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
  const { rows, total, totalIsEstimate } = summariseMorePages(undefined, pages);
  return { rows, total, totalIsEstimate };
}

/** A summary of some pages, kept so that the next one can be added to it (summariseMorePages). */
export type PagedRows = RecordListSummary & {
  pages: readonly RecordPage[];
  /** Each row's id and the page it first came in. */
  firstSeen: Map<string, RecordPage>;
};

/**
 * summarisePages, continued from `previous` when `pages` are its pages with more after them (the next
 * page loaded): only the new pages are read, and the rows are the previous ones with the new ones added,
 * so that loading page 1,000 does not go over the 99,900 rows before it again (P11). Any other change
 * (a refetch makes new page objects) starts again from the first page.
 */
export function summariseMorePages(previous: PagedRows | undefined, pages: readonly RecordPage[] | undefined): PagedRows {
  if (!pages || pages.length === 0) return { rows: [], total: 0, totalIsEstimate: false, pages: [], firstSeen: new Map() };
  const continues = !!previous && previous.pages.length > 0 && previous.pages.length <= pages.length && previous.pages.every((page, at) => page === pages[at]);
  if (continues && previous.pages.length === pages.length) return previous;
  const from = continues ? previous.pages.length : 0;
  // Shared with `previous` (a summary is only ever continued forwards). An entry counts only when its page
  // is one of these pages, before the one being read: an entry left by a summary that was thrown away
  // (say, a render React discarded) cannot hide a row.
  const firstSeen = continues ? previous.firstSeen : new Map<string, RecordPage>();
  const pageIndex = new Map(pages.map((page, at) => [page, at]));
  const added: RecordItem[] = [];
  for (let at = from; at < pages.length; at++) {
    const page = pages[at];
    for (const item of page.items) {
      const seenIn = firstSeen.get(item.id);
      const seenAt = seenIn === undefined ? undefined : pageIndex.get(seenIn);
      if (seenAt !== undefined && seenAt < at) continue;
      firstSeen.set(item.id, page);
      added.push(item);
    }
  }
  const rows = continues ? previous.rows.concat(added) : added;
  const first = pages[0];
  // The server counts exactly up to its threshold; never show fewer than we actually hold.
  return { rows, total: Math.max(first.total, rows.length), totalIsEstimate: first.totalIsEstimate, pages, firstSeen };
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
