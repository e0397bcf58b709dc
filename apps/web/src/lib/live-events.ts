/**
 * Live refresh: one EventSource on GET /api/events per tab, shared by whoever subscribes (reference
 * counted), turning `record.changed` into cache invalidations. Plain TS: the query client and the
 * EventSource are passed in, so tests drive it without a browser.
 */

export type RecordChanged = { appKey: string; formKey: string; id: string; version?: number };

export type QueryKeyPrefix = readonly unknown[];

/** The `data:` of a record.changed event, or null when it is not one we understand. */
export function parseRecordChanged(data: unknown): RecordChanged | null {
  if (typeof data !== 'string') return null;
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const { appKey, formKey, id, version } = value as Record<string, unknown>;
  if (typeof appKey !== 'string' || typeof formKey !== 'string' || typeof id !== 'string') return null;
  return typeof version === 'number' ? { appKey, formKey, id, version } : { appKey, formKey, id };
}

/**
 * The caches a changed record makes stale (prefixes, as TanStack Query matches them): the record itself,
 * the lists of its form, its flow, its audit trail, its comments (a comment is published as a change of
 * its record), and the inbox (a flow step changes the record's flowStatus or fields and the inbox with it).
 */
export function cacheKeysForRecordChange(event: RecordChanged): QueryKeyPrefix[] {
  return [
    ['record', event.appKey, event.formKey, event.id],
    ['records', event.appKey, event.formKey],
    ['record-flow', event.appKey, event.formKey, event.id],
    ['audit', { appKey: event.appKey, formKey: event.formKey, recordId: event.id }],
    ['record-comments', event.appKey, event.formKey, event.id],
    ['inbox'],
  ];
}

/**
 * Gathers the keys of events arriving close together (an import, a batch approval) and invalidates each
 * distinct key once after `delayMs`.
 */
export function createInvalidationBatcher(invalidate: (key: QueryKeyPrefix) => void, delayMs = 250) {
  const pending = new Map<string, QueryKeyPrefix>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const flush = () => {
    timer = undefined;
    const keys = [...pending.values()];
    pending.clear();
    for (const key of keys) invalidate(key);
  };
  return {
    add(keys: readonly QueryKeyPrefix[]) {
      for (const key of keys) pending.set(JSON.stringify(key), key);
      if (timer === undefined) timer = setTimeout(flush, delayMs);
    },
    flush() {
      if (timer !== undefined) clearTimeout(timer);
      flush();
    },
    cancel() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
      pending.clear();
    },
  };
}

/** What the module needs of an EventSource (the DOM's fits). */
export type EventSourceLike = {
  addEventListener(type: string, listener: (event: { data?: unknown }) => void): void;
  close(): void;
};

export type LiveEventsOptions = {
  invalidate: (key: QueryKeyPrefix) => void;
  createEventSource?: (url: string) => EventSourceLike;
  url?: string;
  delayMs?: number;
  /** How long the stream stays open after the last subscriber left: moving between pages (each with its
   * own header) keeps the one stream instead of reconnecting. */
  closeDelayMs?: number;
};

type Connection = {
  source: EventSourceLike;
  batcher: ReturnType<typeof createInvalidationBatcher>;
  users: number;
  closeTimer?: ReturnType<typeof setTimeout>;
};
let connection: Connection | null = null;

/**
 * Subscribes to the live events; the first subscriber opens the stream, and it closes shortly after the
 * last one's cleanup. Without EventSource (old browsers, tests) nothing happens.
 */
export function subscribeLiveEvents(options: LiveEventsOptions): () => void {
  if (!connection) {
    const create = options.createEventSource ?? (typeof EventSource === 'undefined' ? undefined : (url: string) => new EventSource(url, { withCredentials: true }));
    if (!create) return () => undefined;
    const batcher = createInvalidationBatcher(options.invalidate, options.delayMs);
    const source = create(options.url ?? '/api/events');
    source.addEventListener('record.changed', (event) => {
      const change = parseRecordChanged(event.data);
      if (change) batcher.add(cacheKeysForRecordChange(change));
    });
    connection = { source, batcher, users: 0 };
  }
  const current = connection;
  if (current.closeTimer !== undefined) clearTimeout(current.closeTimer);
  current.closeTimer = undefined;
  current.users += 1;
  let released = false;
  return () => {
    if (released) return;
    released = true;
    current.users -= 1;
    if (current.users > 0) return;
    current.closeTimer = setTimeout(() => {
      if (current.users > 0 || connection !== current) return;
      current.source.close();
      current.batcher.cancel();
      connection = null;
    }, options.closeDelayMs ?? 1000);
  };
}
