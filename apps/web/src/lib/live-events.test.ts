import { afterEach, describe, expect, it, vi } from 'vitest';
import { QueryClient } from '@tanstack/react-query';
import { cacheKeysForRecordChange, createInvalidationBatcher, parseRecordChanged, subscribeLiveEvents, type EventSourceLike } from './live-events';

class FakeEventSource implements EventSourceLike {
  static created: FakeEventSource[] = [];
  listeners = new Map<string, ((event: { data?: unknown }) => void)[]>();
  closed = false;
  constructor(readonly url: string) {
    FakeEventSource.created.push(this);
  }
  addEventListener(type: string, listener: (event: { data?: unknown }) => void) {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: string) {
    for (const listener of this.listeners.get(type) ?? []) listener({ data });
  }
}

afterEach(() => {
  FakeEventSource.created = [];
  vi.useRealTimers();
});

describe('parseRecordChanged', () => {
  it('reads the event data and refuses anything else', () => {
    expect(parseRecordChanged('{"appKey":"crm","formKey":"quote","id":"r1","version":3}')).toEqual({ appKey: 'crm', formKey: 'quote', id: 'r1', version: 3 });
    expect(parseRecordChanged('{"appKey":"crm","formKey":"quote","id":"r1"}')).toEqual({ appKey: 'crm', formKey: 'quote', id: 'r1' });
    expect(parseRecordChanged('{"jobId":"j"}')).toBeNull();
    expect(parseRecordChanged('not json')).toBeNull();
    expect(parseRecordChanged(undefined)).toBeNull();
  });
});

describe('cacheKeysForRecordChange', () => {
  it('names the record, its lists, its flow, its history, its comments and the inbox, which is what the cache holds', () => {
    const client = new QueryClient();
    const seeded = [
      ['record', 'crm', 'quote', 'r1'],
      ['records', 'crm', 'quote', { filter: null, sort: [] }],
      ['record-flow', 'crm', 'quote', 'r1'],
      ['audit', { appKey: 'crm', formKey: 'quote', recordId: 'r1' }],
      ['record-comments', 'crm', 'quote', 'r1'],
      ['inbox', 'box', 'todo'],
      ['inbox', 'counts'],
      // Untouched: another record, another form's list, another record's comments.
      ['record', 'crm', 'quote', 'r2'],
      ['record-comments', 'crm', 'quote', 'r2'],
      ['records', 'crm', 'lead', { filter: null, sort: [] }],
    ];
    for (const key of seeded) client.setQueryData(key, { seeded: true });
    for (const key of cacheKeysForRecordChange({ appKey: 'crm', formKey: 'quote', id: 'r1' })) void client.invalidateQueries({ queryKey: [...key] });
    const stale = client.getQueryCache().getAll().filter((query) => query.state.isInvalidated).map((query) => query.queryKey);
    expect(stale).toEqual(seeded.slice(0, 7));
  });
});

describe('createInvalidationBatcher', () => {
  it('invalidates each distinct key once per burst', () => {
    vi.useFakeTimers();
    const invalidate = vi.fn();
    const batcher = createInvalidationBatcher(invalidate, 100);
    batcher.add([['inbox'], ['record', 'a']]);
    batcher.add([['inbox'], ['record', 'b']]);
    expect(invalidate).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(invalidate.mock.calls.map(([key]) => key)).toEqual([['inbox'], ['record', 'a'], ['record', 'b']]);
    batcher.add([['inbox']]);
    vi.advanceTimersByTime(100);
    expect(invalidate).toHaveBeenCalledTimes(4);
  });
});

describe('subscribeLiveEvents', () => {
  it('opens one stream for all subscribers, turns record.changed into invalidations, and closes after the last leaves', () => {
    vi.useFakeTimers();
    const invalidate = vi.fn();
    const createEventSource = (url: string) => new FakeEventSource(url);
    const first = subscribeLiveEvents({ invalidate, createEventSource, delayMs: 10 });
    const second = subscribeLiveEvents({ invalidate, createEventSource, delayMs: 10 });
    expect(FakeEventSource.created).toHaveLength(1);
    const source = FakeEventSource.created[0];
    expect(source.url).toBe('/api/events');

    source.emit('record.changed', '{"appKey":"crm","formKey":"quote","id":"r1","version":2}');
    source.emit('record.changed', 'garbage');
    vi.advanceTimersByTime(10);
    expect(invalidate.mock.calls.map(([key]) => key)).toEqual(cacheKeysForRecordChange({ appKey: 'crm', formKey: 'quote', id: 'r1' }));

    first();
    first(); // a second call of the same cleanup changes nothing
    second();
    // Leaving one page for another (a new header subscribes at once) keeps the stream.
    expect(source.closed).toBe(false);
    const third = subscribeLiveEvents({ invalidate, createEventSource, closeDelayMs: 50 });
    vi.advanceTimersByTime(2000);
    expect(source.closed).toBe(false);
    expect(FakeEventSource.created).toHaveLength(1);
    // The last subscriber gone for good: the stream closes after the delay; a later one opens a new stream.
    third();
    vi.advanceTimersByTime(49);
    expect(source.closed).toBe(false);
    vi.advanceTimersByTime(1);
    expect(source.closed).toBe(true);
    subscribeLiveEvents({ invalidate, createEventSource })();
    expect(FakeEventSource.created).toHaveLength(2);
    vi.advanceTimersByTime(1000);
    expect(FakeEventSource.created[1].closed).toBe(true);
  });
});
