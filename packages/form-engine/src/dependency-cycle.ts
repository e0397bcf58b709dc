/**
 * A path from `start` through `edges` (key -> the keys it reads) back to `start` ('a -> b -> a'), or
 * null when there is none. Used for derived fields and for defaults.
 */
export function cycleFrom(start: string, edges: ReadonlyMap<string, readonly string[]>): string[] | null {
  const visited = new Set<string>();
  const search = (key: string, path: string[]): string[] | null => {
    if (key === start) return [...path, key];
    const next = edges.get(key);
    if (!next || visited.has(key)) return null;
    visited.add(key);
    for (const reads of next) {
      const found = search(reads, [...path, key]);
      if (found) return found;
    }
    return null;
  };
  for (const reads of edges.get(start) ?? []) {
    const found = search(reads, [start]);
    if (found) return found;
  }
  return null;
}
