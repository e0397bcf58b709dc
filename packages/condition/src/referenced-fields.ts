import type { ParsedCondition } from './condition-types';

/** The field paths a condition reads, each once, in order of appearance ($ variables excluded). */
export function referencedFields(condition: ParsedCondition): string[] {
  const paths = new Set<string>();
  const visit = (node: ParsedCondition): void => {
    if ('conditions' in node) node.conditions.forEach(visit);
    else if ('condition' in node) visit(node.condition);
    else paths.add(node.field.path);
  };
  visit(condition);
  return [...paths];
}
