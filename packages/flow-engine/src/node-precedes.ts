import type { DefinitionIndex } from './index-definition';

/** True when the flow passes node `earlier` before it reaches node `later` on the same path: both sit
 * on one chain with `earlier` first, possibly inside (branches of) earlier nodes of that chain. Nodes
 * in different branches of one condition or parallel node never precede each other. */
export function nodePrecedes(index: DefinitionIndex, earlier: string, later: string): boolean {
  const a = index.get(earlier)?.path;
  const b = index.get(later)?.path;
  if (a === undefined || b === undefined) return false;
  for (let level = 0; level < a.length && level < b.length; level++) {
    const [x, y] = [a[level], b[level]];
    if (x.chainId !== y.chainId) return false;
    if (x.position !== y.position) return x.position < y.position;
    if (x.branchKey === null || x.branchKey !== y.branchKey) return false;
  }
  return false;
}
