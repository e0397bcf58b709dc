import type { ConditionOperator, FieldKind } from './condition-types';

const ORDERED: readonly ConditionOperator[] = ['==', '!=', '>', '>=', '<', '<=', 'between', 'in', 'isEmpty', 'isNotEmpty'];
const ARRAY: readonly ConditionOperator[] = ['containsAny', 'containsAll', 'isEmpty', 'isNotEmpty'];

/** The operators each field kind accepts (a resolved field may narrow them further). Array fields take
 * containsAny/containsAll, never `==`; booleans, uuids and json only equality. */
export const OPERATORS_BY_KIND: Readonly<Record<FieldKind, readonly ConditionOperator[]>> = {
  text: [...ORDERED, 'contains', 'startsWith', 'endsWith'],
  number: ORDERED,
  date: ORDERED,
  datetime: ORDERED,
  time: ORDERED,
  boolean: ['==', '!=', 'isEmpty', 'isNotEmpty'],
  uuid: ['==', '!=', 'in', 'isEmpty', 'isNotEmpty'],
  json: ['==', '!=', 'in', 'isEmpty', 'isNotEmpty'],
  textArray: ARRAY,
  uuidArray: ARRAY,
};
