import { useCallback, useEffect, useRef, useState } from 'react';

/**
 * The value once it has stopped changing for `delayMs` (compared by JSON, so a fresh but equal object
 * does not restart the wait), plus a function that settles it at once (Enter in a search box).
 */
export function useSettledValue<T>(value: T, delayMs: number): [T, () => void] {
  const [settled, setSettled] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  const serialised = JSON.stringify(value) ?? '';
  useEffect(() => {
    const timer = window.setTimeout(() => setSettled(latest.current), delayMs);
    return () => window.clearTimeout(timer);
  }, [serialised, delayMs]);
  const settleNow = useCallback(() => setSettled(latest.current), []);
  return [settled, settleNow];
}
