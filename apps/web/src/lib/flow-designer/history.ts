/**
 * Undo/redo for the designer: a stack of whole states (definitions are small and immutable, so each
 * step is one reference). Edits pushed with the same `tag` one after another (typing a name) merge
 * into one step.
 */
export type History<T> = {
  past: T[];
  present: T;
  future: T[];
  /** The tag of the last push, so the next push with that tag merges into it. */
  lastTag: string | null;
};

export const HISTORY_LIMIT = 100;

export function createHistory<T>(present: T): History<T> {
  return { past: [], present, future: [], lastTag: null };
}

/** Records `next` as the new present. Redo steps are dropped; at most `limit` undo steps are kept. */
export function pushHistory<T>(history: History<T>, next: T, tag: string | null = null, limit = HISTORY_LIMIT): History<T> {
  if (Object.is(next, history.present)) return history;
  if (tag !== null && tag === history.lastTag && history.past.length > 0) {
    return { past: history.past, present: next, future: [], lastTag: tag };
  }
  const past = [...history.past, history.present];
  return { past: past.length > limit ? past.slice(past.length - limit) : past, present: next, future: [], lastTag: tag };
}

export const canUndo = <T>(history: History<T>): boolean => history.past.length > 0;
export const canRedo = <T>(history: History<T>): boolean => history.future.length > 0;

export function undo<T>(history: History<T>): History<T> {
  if (!canUndo(history)) return history;
  const previous = history.past[history.past.length - 1];
  return { past: history.past.slice(0, -1), present: previous, future: [history.present, ...history.future], lastTag: null };
}

export function redo<T>(history: History<T>): History<T> {
  if (!canRedo(history)) return history;
  const [next, ...future] = history.future;
  return { past: [...history.past, history.present], present: next, future, lastTag: null };
}
