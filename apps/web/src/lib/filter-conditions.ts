import { ADDRESS_PARTS, type AddressPartKey } from '@platform/form-engine';
import type { Condition, FieldDefinition, FieldType } from '@platform/schema';
import { MULTI_CHOICE_TYPES, NUMBER_TYPES, SINGLE_CHOICE_TYPES, TEXT_TYPES, isFilterableField } from './field-kinds';
import { labelText } from './label-text';

/** Operators of the condition dialect (VALUES.md "Conditions") that the filter bar offers. */
export type FilterOperator =
  | '==' | '!=' | '>' | '>=' | '<' | '<=' | 'between' | 'in'
  | 'contains' | 'startsWith' | 'endsWith' | 'containsAny' | 'containsAll' | 'isEmpty' | 'isNotEmpty';

/** What kind of value editor an operator needs for a field. */
export type ValueInputKind =
  | 'none' | 'text' | 'number' | 'numberRange' | 'date' | 'dateRange' | 'datetime' | 'datetimeRange'
  | 'time' | 'timeRange' | 'options' | 'boolean' | 'users' | 'departments'
  /** A region name of an address part (province, city or district), one or several. */
  | 'region' | 'regions'
  /** Several free texts (`in` on a street address). */
  | 'texts';

/** One row of the filter bar. Values are plain JSON (strings, numbers, booleans, arrays), never Dayjs. */
export type FilterCondition = { id: string; field: string; operator: FilterOperator; value?: unknown };

const EMPTINESS: FilterOperator[] = ['isEmpty', 'isNotEmpty'];
const TEXT_OPERATORS: FilterOperator[] = ['contains', '==', '!=', 'startsWith', 'endsWith', ...EMPTINESS];
const NUMBER_OPERATORS: FilterOperator[] = ['==', '!=', '>', '>=', '<', '<=', 'between', ...EMPTINESS];
const DATE_OPERATORS: FilterOperator[] = ['between', '==', '>', '<', ...EMPTINESS];
const DATETIME_OPERATORS: FilterOperator[] = ['between', '>', '<', ...EMPTINESS];
const TIME_OPERATORS: FilterOperator[] = ['between', '>', '<', ...EMPTINESS];
const SINGLE_CHOICE_OPERATORS: FilterOperator[] = ['in', ...EMPTINESS];
const MULTI_CHOICE_OPERATORS: FilterOperator[] = ['containsAny', 'containsAll', ...EMPTINESS];

/** A filter target for one part of an address field; its `key` is the var path (`addr.city`). */
export type AddressPartField = FieldDefinition & { addressPart: { parent: FieldDefinition; part: AddressPartKey } };

export function addressPartOf(field: FieldDefinition): AddressPartField['addressPart'] | undefined {
  return 'addressPart' in field ? (field as AddressPartField).addressPart : undefined;
}

/** The parts as the engine declares them (GET /api/field-types lists the same), in the order offered. */
const PART_OPERATOR_ORDER: Record<AddressPartKey, FilterOperator[]> = {
  province: ['==', 'in', '!=', 'contains', 'startsWith', 'endsWith', ...EMPTINESS],
  city: ['==', 'in', '!=', 'contains', 'startsWith', 'endsWith', ...EMPTINESS],
  district: ['==', 'in', '!=', 'contains', 'startsWith', 'endsWith', ...EMPTINESS],
  detail: ['contains', '==', '!=', 'in', 'startsWith', 'endsWith', ...EMPTINESS],
};

function addressPartOperators(part: AddressPartKey): FilterOperator[] {
  const allowed = ADDRESS_PARTS.find((candidate) => candidate.key === part)?.operators ?? [];
  return PART_OPERATOR_ORDER[part].filter((operator) => allowed.includes(operator));
}

/**
 * A filter target's name in a field list: its label, and for an address part "地址 · 城市" /
 * "Address · City" (`t` gives the words).
 */
export function filterFieldLabel(field: FieldDefinition, locale: string, t: (key: string, values?: Record<string, string>) => string): string {
  const address = addressPartOf(field);
  const label = labelText(field.label, locale);
  return address ? t('filter.addressPart', { field: label, part: t(`filter.addressParts.${address.part}`) }) : label;
}

/**
 * The fields with, after each filterable address field, one filter target per part (province, city,
 * district, street address): conditions reach into the value with `{"var":"addr.city"}` (VALUES.md).
 */
export function withAddressParts(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.flatMap((field) => {
    if (field.type !== 'address' || !isFilterableField(field)) return [field];
    const parts = ADDRESS_PARTS.map((part): AddressPartField => ({
      key: `${field.key}.${part.key}`,
      type: 'address',
      label: field.label,
      addressPart: { parent: field, part: part.key as AddressPartKey },
    }));
    return [field, ...parts];
  });
}

/** The type a formula or rollup compares as, so it gets the right operators. */
function effectiveType(field: FieldDefinition): FieldType | 'boolean' | 'unknown' {
  if (field.type === 'formula') {
    switch (field.options?.resultType) {
      case 'number': return 'number';
      case 'date': return 'date';
      case 'datetime': return 'datetime';
      case 'boolean': return 'switch';
      case 'text': return 'text';
      default: return 'unknown';
    }
  }
  if (field.type === 'rollup') {
    const aggregate = field.options?.aggregate;
    return aggregate === 'earliest' || aggregate === 'latest' ? 'date' : 'number';
  }
  if (field.type === 'moneyInWords' || field.type === 'richText') return 'text';
  return field.type;
}

export function operatorsFor(field: FieldDefinition): FilterOperator[] {
  const address = addressPartOf(field);
  if (address) return addressPartOperators(address.part);
  if (!isFilterableField(field)) return [];
  const type = effectiveType(field);
  if (type === 'unknown') return EMPTINESS;
  if (TEXT_TYPES.has(type as FieldType) || type === 'text') return TEXT_OPERATORS;
  if (NUMBER_TYPES.has(type as FieldType)) return NUMBER_OPERATORS;
  if (SINGLE_CHOICE_TYPES.has(type as FieldType)) return SINGLE_CHOICE_OPERATORS;
  if (MULTI_CHOICE_TYPES.has(type as FieldType)) return MULTI_CHOICE_OPERATORS;
  switch (type) {
    case 'date': return DATE_OPERATORS;
    case 'datetime': return DATETIME_OPERATORS;
    case 'time': return TIME_OPERATORS;
    case 'switch': return ['==', ...EMPTINESS];
    case 'member':
    case 'department': return ['in', ...EMPTINESS];
    case 'members':
    case 'departments': return ['containsAny', 'containsAll', ...EMPTINESS];
    default: return EMPTINESS;
  }
}

function addressPartInput(part: AddressPartKey, operator: FilterOperator): ValueInputKind {
  const list = operator === 'in';
  if (part === 'detail' || (operator !== '==' && operator !== '!=' && !list)) return list ? 'texts' : 'text';
  return list ? 'regions' : 'region';
}

export function valueInputFor(field: FieldDefinition, operator: FilterOperator): ValueInputKind {
  if (operator === 'isEmpty' || operator === 'isNotEmpty') return 'none';
  const address = addressPartOf(field);
  if (address) return addressPartInput(address.part, operator);
  const type = effectiveType(field);
  if (NUMBER_TYPES.has(type as FieldType)) return operator === 'between' ? 'numberRange' : 'number';
  switch (type) {
    case 'date': return operator === 'between' ? 'dateRange' : 'date';
    case 'datetime': return operator === 'between' ? 'datetimeRange' : 'datetime';
    case 'time': return operator === 'between' ? 'timeRange' : 'time';
    case 'select': case 'radio': case 'multiSelect': case 'checkbox': return 'options';
    case 'switch': return 'boolean';
    case 'member': case 'members': return 'users';
    case 'department': case 'departments': return 'departments';
    default: return 'text';
  }
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isText = (value: unknown): value is string => typeof value === 'string' && value !== '';

function isPair(value: unknown, check: (item: unknown) => boolean): value is [unknown, unknown] {
  return Array.isArray(value) && value.length === 2 && check(value[0]) && check(value[1]);
}

/** A condition row takes part in the filter only once its value is filled in. */
export function isConditionComplete(condition: FilterCondition, field: FieldDefinition | undefined): boolean {
  if (!field || !operatorsFor(field).includes(condition.operator)) return false;
  const { value } = condition;
  switch (valueInputFor(field, condition.operator)) {
    case 'none': return true;
    case 'number': return isNumber(value);
    case 'numberRange': return isPair(value, isNumber);
    case 'dateRange': case 'datetimeRange': case 'timeRange': return isPair(value, isText);
    case 'options': case 'users': case 'departments': return Array.isArray(value) && value.length > 0;
    case 'regions': case 'texts': return Array.isArray(value) && value.length > 0 && value.every(isText);
    case 'boolean': return typeof value === 'boolean';
    default: return isText(value);
  }
}

/** One filter-bar row as a json-logic condition, or null while it is incomplete. */
export function conditionToLogic(condition: FilterCondition, field: FieldDefinition | undefined): Condition | null {
  if (!field || !isConditionComplete(condition, field)) return null;
  const variable = { var: field.key };
  const { operator, value } = condition;
  switch (operator) {
    case 'isEmpty':
    case 'isNotEmpty':
      return { [operator]: [variable] };
    case 'between': {
      const [low, high] = value as [unknown, unknown];
      return { between: [variable, low, high] };
    }
    default:
      return { [operator]: [variable, value] };
  }
}

/** ORs a case-sensitive `contains` over the text fields; null for an empty search. */
export function quickSearchCondition(fields: readonly FieldDefinition[], search: string): Condition | null {
  const needle = search.trim();
  if (!needle) return null;
  const textFields = fields.filter((field) => TEXT_TYPES.has(field.type));
  if (textFields.length === 0) return null;
  const parts = textFields.map((field) => ({ contains: [{ var: field.key }, needle] }));
  return parts.length === 1 ? parts[0] : { or: parts };
}

/** AND of the given conditions, skipping nulls; undefined when nothing is left. */
export function combineAnd(conditions: readonly (Condition | null | undefined)[]): Condition | undefined {
  const parts = conditions.filter((condition): condition is Condition => !!condition);
  if (parts.length === 0) return undefined;
  return parts.length === 1 ? parts[0] : { and: parts };
}

/** The query filter from the filter bar rows and the quick search box. */
export function buildFilter(
  fields: readonly FieldDefinition[],
  conditions: readonly FilterCondition[],
  search: string,
): Condition | undefined {
  const byKey = new Map(withAddressParts(fields).map((field) => [field.key, field]));
  return combineAnd([
    ...conditions.map((condition) => conditionToLogic(condition, byKey.get(condition.field))),
    quickSearchCondition(fields, search),
  ]);
}

/** How many rows take part in the filter (the fields as the filter bar gets them, before address parts). */
export function countCompleteConditions(fields: readonly FieldDefinition[], conditions: readonly FilterCondition[]): number {
  const byKey = new Map(withAddressParts(fields).map((field) => [field.key, field]));
  return conditions.filter((condition) => isConditionComplete(condition, byKey.get(condition.field))).length;
}

/** A new row for a field, with its first operator and no value. */
export function newCondition(field: FieldDefinition, id: string): FilterCondition {
  return { id, field: field.key, operator: operatorsFor(field)[0] ?? 'isNotEmpty' };
}

/** Changing the operator keeps the value only when the value editor stays the same. */
export function changeOperator(condition: FilterCondition, field: FieldDefinition, operator: FilterOperator): FilterCondition {
  const sameInput = valueInputFor(field, condition.operator) === valueInputFor(field, operator);
  return sameInput ? { ...condition, operator } : { id: condition.id, field: condition.field, operator };
}
