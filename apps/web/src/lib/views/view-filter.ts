import type { Condition, FieldDefinition } from '@platform/schema';
import { combineAnd, isConditionComplete, operatorsFor, withAddressParts, type FilterCondition, type FilterOperator } from '../filter-conditions';

const ROW_OPERATORS: ReadonlySet<string> = new Set<FilterOperator>([
  '==', '!=', '>', '>=', '<', '<=', 'between', 'in', 'contains', 'startsWith', 'endsWith', 'containsAny', 'containsAll', 'isEmpty', 'isNotEmpty',
]);

type Part = { operator: string; field: string; args: unknown[] };

function partOf(condition: Condition): Part | null {
  if (!condition || typeof condition !== 'object' || Array.isArray(condition)) return null;
  const entries = Object.entries(condition as Record<string, unknown>);
  if (entries.length !== 1) return null;
  const [operator, operands] = entries[0];
  if (!Array.isArray(operands) || operands.length === 0) return null;
  const [variable, ...args] = operands;
  if (!variable || typeof variable !== 'object' || typeof (variable as { var?: unknown }).var !== 'string') return null;
  return { operator, field: (variable as { var: string }).var, args };
}

/** One part of a saved filter as a filter-bar row, or null when the bar cannot show it. */
function rowOf(part: Part, field: FieldDefinition, id: string): FilterCondition | null {
  const offered = operatorsFor(field);
  let operator = part.operator as FilterOperator;
  let value: unknown;
  if (operator === 'between') value = part.args.slice(0, 2);
  else if (operator !== 'isEmpty' && operator !== 'isNotEmpty') value = part.args[0];
  // `==` on a choice field reads as "is one of [that option]" in the bar.
  if (operator === '==' && !offered.includes('==') && offered.includes('in') && typeof value === 'string') {
    operator = 'in';
    value = [value];
  }
  if (!offered.includes(operator)) return null;
  const row: FilterCondition = value === undefined ? { id, field: field.key, operator } : { id, field: field.key, operator, value };
  return isConditionComplete(row, field) ? row : null;
}

/**
 * A saved filter as filter-bar rows (an AND of simple conditions), and whatever the bar cannot show
 * (OR groups, unknown operators, fields the user does not see) as a condition kept beside them.
 */
export function filterRowsOf(
  filter: Condition | null | undefined,
  fields: readonly FieldDefinition[],
  makeId: (index: number) => string,
): { rows: FilterCondition[]; rest: Condition | undefined } {
  if (!filter) return { rows: [], rest: undefined };
  const byKey = new Map(withAddressParts(fields).map((field) => [field.key, field]));
  const and = (filter as { and?: unknown }).and;
  const parts: Condition[] = Object.keys(filter).length === 1 && Array.isArray(and) ? (and as Condition[]) : [filter];
  const rows: FilterCondition[] = [];
  const rest: Condition[] = [];
  parts.forEach((condition) => {
    const part = partOf(condition);
    const field = part && ROW_OPERATORS.has(part.operator) ? byKey.get(part.field) : undefined;
    const row = part && field ? rowOf(part, field, makeId(rows.length)) : null;
    if (row) rows.push(row);
    else rest.push(condition);
  });
  return { rows, rest: combineAnd(rest) };
}
