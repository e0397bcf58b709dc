import type { Condition, FieldDefinition, FieldType } from '@platform/schema';

/**
 * A relation's `options.filter` (the records that may be picked), as the designer edits it: the rows of
 * the condition builder (field, operator, literal value) and, joined to them with AND, tests against the
 * person picking: a member field that is them, a department field holding one of their departments.
 * The condition language reads `$user.id` and `$user.departmentIds`; comparing with a field of the
 * record being filled is not part of it.
 */

/** The types a "current user" test applies to, and what the test says. */
export const USER_TEST_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['member', 'members', 'department', 'departments']);

/** The clause of the current-user test for a field of the target form. */
export function userClause(field: FieldDefinition): Condition | null {
  const variable = { var: field.key };
  switch (field.type) {
    case 'member': return { '==': [variable, { var: '$user.id' }] };
    case 'members': return { containsAny: [variable, [{ var: '$user.id' }]] };
    case 'department': return { in: [variable, { var: '$user.departmentIds' }] };
    case 'departments': return { containsAny: [variable, { var: '$user.departmentIds' }] };
    default: return null;
  }
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The field a clause is the current-user test of, or undefined. */
function userTestField(clause: unknown, fields: readonly FieldDefinition[]): FieldDefinition | undefined {
  return fields.find((field) => USER_TEST_TYPES.has(field.type) && same(userClause(field), clause));
}

export type RelationFilterParts = {
  /** What the condition builder shows (null: no rows). */
  rows: Condition | null;
  /** Fields of the target form that must name the current user (or their department). */
  userFields: string[];
};

const andOf = (condition: Condition): unknown[] | null => {
  const keys = Object.keys(condition);
  return keys.length === 1 && keys[0] === 'and' && Array.isArray(condition.and) ? (condition.and as unknown[]) : null;
};

/**
 * Splits a stored filter into the builder's part and the current-user tests: a top-level AND's clauses
 * that are such tests come out; what is left is the builder's (an OR kept whole when it is all that is
 * left). A filter of another shape goes to the builder as it is (which offers it as JSON).
 */
export function splitRelationFilter(filter: unknown, fields: readonly FieldDefinition[]): RelationFilterParts {
  if (!filter || typeof filter !== 'object' || Array.isArray(filter)) return { rows: null, userFields: [] };
  const condition = filter as Condition;
  const single = userTestField(condition, fields);
  if (single) return { rows: null, userFields: [single.key] };
  const clauses = andOf(condition);
  if (!clauses) return { rows: condition, userFields: [] };
  const userFields: string[] = [];
  const rest: unknown[] = [];
  for (const clause of clauses) {
    const field = userTestField(clause, fields);
    if (field && !userFields.includes(field.key)) userFields.push(field.key);
    else rest.push(clause);
  }
  if (userFields.length === 0) return { rows: condition, userFields: [] };
  const onlyOr = rest.length === 1 && rest[0] && typeof rest[0] === 'object' && Object.keys(rest[0]).length === 1 && 'or' in (rest[0] as object);
  return { rows: onlyOr ? (rest[0] as Condition) : rest.length > 0 ? { and: rest } : null, userFields };
}

/** Whether a builder condition tests nothing (no rows, or an empty AND/OR). */
function isEmpty(condition: Condition | null): boolean {
  if (!condition) return true;
  const keys = Object.keys(condition);
  if (keys.length === 0) return true;
  return keys.length === 1 && (keys[0] === 'and' || keys[0] === 'or') && Array.isArray(condition[keys[0]]) && (condition[keys[0]] as unknown[]).length === 0;
}

/**
 * The filter to store from the builder's condition and the current-user tests; undefined when it tests
 * nothing (the option goes). The builder's AND clauses and the tests make one AND; an OR stays one clause.
 */
export function joinRelationFilter(parts: RelationFilterParts, fields: readonly FieldDefinition[]): Condition | undefined {
  const byKey = new Map(fields.map((field) => [field.key, field]));
  const tests = parts.userFields
    .map((key) => byKey.get(key))
    .map((field) => (field ? userClause(field) : null))
    .filter((clause): clause is Condition => clause !== null);
  const rows = isEmpty(parts.rows) ? null : parts.rows;
  if (tests.length === 0) return rows ?? undefined;
  const rowClauses = !rows ? [] : andOf(rows) ?? [rows];
  return { and: [...rowClauses, ...tests] };
}
