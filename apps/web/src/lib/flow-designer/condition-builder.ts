import type { Condition, FieldDefinition } from '@platform/schema';
import { valueFields } from '../field-kinds';
import { conditionToLogic, isConditionComplete, operatorsFor, withAddressParts, type FilterCondition, type FilterOperator } from '../filter-conditions';

/**
 * A branch condition as the designer shows it: rows of "field, operator, value" (the records filter's
 * rows and value rules) joined by AND or OR. It is stored as the platform's json-logic condition,
 * always as {"and": [...]} or {"or": [...]}, e.g. {"and": [{"<": [{"var": "discount"}, 90]}]}.
 */
export type Combinator = 'and' | 'or';
export type ConditionBuilder = { combinator: Combinator; rows: FilterCondition[] };

const OPERATORS: ReadonlySet<string> = new Set<FilterOperator>([
  '==', '!=', '>', '>=', '<', '<=', 'between', 'in', 'contains', 'startsWith', 'endsWith', 'containsAny', 'containsAll', 'isEmpty', 'isNotEmpty',
]);

/**
 * The form fields a branch condition can test, with the parts of an address after it (province, city,
 * district, street address: `{"var": "addr.city"}`, as the records filter offers them and the API's
 * branch conditions read them).
 */
export function conditionFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return withAddressParts(valueFields(fields)).filter((field) => operatorsFor(field).length > 0);
}

/** The json-logic condition of the builder; rows still missing their value are left out. */
export function builderToLogic(builder: ConditionBuilder, fields: readonly FieldDefinition[]): Condition {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const clauses = builder.rows
    .map((row) => conditionToLogic(row, byKey.get(row.field)))
    .filter((clause): clause is Condition => clause !== null);
  return { [builder.combinator]: clauses };
}

/** The rows of the builder that do not count yet (no value, or a field the form no longer has). */
export function incompleteRows(builder: ConditionBuilder, fields: readonly FieldDefinition[]): FilterCondition[] {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  return builder.rows.filter((row) => !isConditionComplete(row, byKey.get(row.field)));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** One clause as a row, when a row can say exactly the same. */
function clauseToRow(clause: unknown, byKey: ReadonlyMap<string, FieldDefinition>, id: string): FilterCondition | null {
  if (!isObject(clause)) return null;
  const keys = Object.keys(clause);
  if (keys.length !== 1 || !OPERATORS.has(keys[0])) return null;
  const operator = keys[0] as FilterOperator;
  const args = clause[operator];
  if (!Array.isArray(args) || args.length === 0) return null;
  const variable = args[0];
  if (!isObject(variable) || Object.keys(variable).length !== 1 || typeof variable.var !== 'string') return null;
  const field = byKey.get(variable.var);
  if (!field || !operatorsFor(field).includes(operator)) return null;
  let value: unknown;
  if (operator === 'isEmpty' || operator === 'isNotEmpty') {
    if (args.length !== 1) return null;
  } else if (operator === 'between') {
    if (args.length !== 3) return null;
    value = [args[1], args[2]];
  } else {
    if (args.length !== 2) return null;
    value = args[1];
  }
  const row: FilterCondition = value === undefined ? { id, field: field.key, operator } : { id, field: field.key, operator, value };
  // Only when writing the row back gives the very same clause (values of the right type, ...).
  return sameJson(conditionToLogic(row, field), clause) ? row : null;
}

/**
 * The builder for a stored condition, or null when the builder cannot show it (nesting, `!`, $-variables,
 * fields the form does not have): the designer then offers the JSON itself.
 */
export function logicToBuilder(
  condition: Condition | null | undefined,
  fields: readonly FieldDefinition[],
  makeId: (index: number) => string = (index) => `r${index}`,
): ConditionBuilder | null {
  if (condition === null || condition === undefined) return { combinator: 'and', rows: [] };
  const byKey = new Map(conditionFields(fields).map((field) => [field.key, field]));
  const keys = Object.keys(condition);
  if (keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or')) {
    const clauses = condition[keys[0]];
    if (!Array.isArray(clauses)) return null;
    const rows: FilterCondition[] = [];
    for (const [index, clause] of clauses.entries()) {
      const row = clauseToRow(clause, byKey, makeId(index));
      if (!row) return null;
      rows.push(row);
    }
    return { combinator: keys[0], rows };
  }
  const row = clauseToRow(condition, byKey, makeId(0));
  return row ? { combinator: 'and', rows: [row] } : null;
}

/** Whether a stored condition says anything (an empty and/or holds always: a branch needs a real test). */
export function isEmptyCondition(condition: Condition | null | undefined): boolean {
  if (condition === null || condition === undefined) return true;
  const keys = Object.keys(condition);
  if (keys.length === 0) return true;
  return keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or') && Array.isArray(condition[keys[0]]) && (condition[keys[0]] as unknown[]).length === 0;
}

/** Same meaning for the builder (used to tell an outside change, such as undo, from the builder's own). */
export function sameCondition(a: Condition | null | undefined, b: Condition | null | undefined): boolean {
  return sameJson(a ?? null, b ?? null);
}
