import type { FieldDefinition, LocalizedText } from '@platform/schema';
import type { DisplayLocale } from '../field-type-definition';
import { nodesOf, treeOf, type CascaderNode } from '../field-types/cascader-tree';

/** Between levels: what exports write (' / ') and what people type ('/', '>', full-width forms). */
const LEVEL_SEPARATOR = /^\s*[/／>＞]\s*/;

function names(label: LocalizedText, key: string, locale: DisplayLocale): string[] {
  const labels = typeof label === 'string' ? [label] : [label[locale], ...Object.values(label)].filter((text): text is string => text !== undefined);
  // Longest first, so that a label that starts like another one ('杭州市' / '杭州') is tried first.
  return [...new Set([...labels, key])].sort((a, b) => b.length - a.length);
}

function walk(nodes: CascaderNode[], rest: string, locale: DisplayLocale): string[] | null {
  for (const node of nodes) {
    for (const name of names(node.label, node.key, locale)) {
      if (rest === name) return [node.key];
      if (!rest.startsWith(name)) continue;
      const separator = LEVEL_SEPARATOR.exec(rest.slice(name.length));
      if (!separator) continue;
      const below = walk(nodesOf(node.children), rest.slice(name.length + separator[0].length), locale);
      if (below) return [node.key, ...below];
    }
  }
  return null;
}

/** A cascader path written as labels (any language) or keys from the root, as the keys; null when not a path of the tree. */
export function cascaderNames(field: FieldDefinition, text: string, locale: DisplayLocale): string[] | null {
  return walk(treeOf(field), text.trim(), locale);
}
