import type { FlowHistoryEntry, FlowHistoryEvent } from './flow-instance';

/** The history entries after the last entry with one of `events` (all of them when there is none). */
export function historySince(history: readonly FlowHistoryEntry[], events: readonly FlowHistoryEvent[]): FlowHistoryEntry[] {
  for (let i = history.length - 1; i >= 0; i--) {
    if (events.includes(history[i].event)) return history.slice(i + 1);
  }
  return history.slice();
}
