import { labelText, type FieldDefinition, type LocalizedText } from '@platform/schema';
import type { DisplayLocale } from '../field-type-definition';

export type CascaderNode = { key: string; label: LocalizedText; children?: CascaderNode[] };

/** Levels a tree may have and nodes it may hold in all (what a picker and a form document carry well). */
export const CASCADER_LIMITS = { maxDepth: 10, maxChildren: 1_000, maxNodes: 10_000 } as const;

const isNode = (item: unknown): item is CascaderNode =>
  typeof item === 'object' && item !== null && typeof (item as { key?: unknown }).key === 'string';

/** The children of a node (or the roots of a tree), ignoring malformed entries. */
export function nodesOf(list: unknown): CascaderNode[] {
  return Array.isArray(list) ? list.filter(isNode) : [];
}

/** The roots of a cascader field's `options.tree`. */
export const treeOf = (field: FieldDefinition): CascaderNode[] => nodesOf(field.options?.tree);

/** The labels along a path of keys; from the first key no longer in the tree, the keys themselves. */
export function pathLabels(field: FieldDefinition, path: readonly string[], locale: DisplayLocale): string[] {
  let level: CascaderNode[] | null = treeOf(field);
  return path.map((key) => {
    const node: CascaderNode | undefined = level?.find((candidate) => candidate.key === key);
    level = node ? nodesOf(node.children) : null;
    return node ? labelText(node.label, locale) : key;
  });
}
