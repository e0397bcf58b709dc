import type { FieldDefinition } from '@platform/schema';
import type { CoerceResult, FieldOptionIssue, FieldSpecifics, FieldTypeDefinition, FormatLookup } from '../field-type-definition';
import { arrayFromDb, arrayToDb, coerceArray } from '../values/coerce-array';
import { ok } from '../values/coerce-result';
import { joinList } from '../values/join-list';
import { readOption } from '../values/read-option';
import { keySchema, optionsObject } from '../options-schemas/option-schema-parts';
import { coerceId, UUID_PATTERN } from './define-id-types';
import { ARRAY_OPERATORS, ID_OPERATORS } from './operator-sets';

export type RelationDeletePolicy = 'block' | 'clear' | 'cascade';

/** A hard cap on the records one relation value may hold. */
const MAX_LINKS = 1000;

export const isMultipleRelation = (field: FieldDefinition) => readOption(field, 'multiple', 'boolean') === true;
export const relationTarget = (field: FieldDefinition) => readOption(field, 'targetForm', 'string');
export function relationDeletePolicy(field: FieldDefinition): RelationDeletePolicy {
  const policy = readOption(field, 'onDelete', 'string');
  return policy === 'clear' || policy === 'cascade' ? policy : 'block';
}

const titleOf = (field: FieldDefinition, id: string, lookup: FormatLookup | undefined) => {
  const target = relationTarget(field);
  return (target && lookup?.recordTitle?.(target, id)) || id;
};

const coerceOne = (value: unknown): CoerceResult => (value === null || value === undefined || value === '' ? ok(null) : coerceId(value));

const MANY: FieldSpecifics = {
  valueKind: 'idArray',
  operators: ARRAY_OPERATORS,
  sortable: false,
  conditionKind: 'uuidArray',
  coerce: (value, field) => coerceArray(value, { element: coerceId, maxCount: Math.min(readOption(field, 'maxCount', 'number') ?? MAX_LINKS, MAX_LINKS) }),
  fromDb: arrayFromDb,
  toDb: arrayToDb,
  format: (value, field, locale, lookup) => (Array.isArray(value) ? joinList(value.map((id) => titleOf(field, String(id), lookup)), locale) : ''),
};

/**
 * 关联记录: a link to records of another form of the same app: one (a uuid column) or many (a uuid[]
 * column with a GIN index). That the records exist and match the relation's `filter` is the api's
 * check; so is `onDelete` (block, clear or cascade) when a linked record is deleted.
 */
export const relationFieldType: FieldTypeDefinition = {
  type: 'relation',
  label: { 'zh-CN': '关联记录', 'en-US': 'Relation' },
  valueKind: 'id',
  optionsSchema: optionsObject(
    {
      targetForm: keySchema,
      multiple: { type: 'boolean' },
      maxCount: { type: 'integer', minimum: 1, maximum: MAX_LINKS },
      displayFields: { type: 'array', maxItems: 10, items: keySchema },
      filter: { type: 'object' },
      onDelete: { enum: ['block', 'clear', 'cascade'] },
      display: { enum: ['dropdown', 'card', 'table'] },
      default: { anyOf: [{ type: 'null' }, { type: 'string', pattern: UUID_PATTERN }, { type: 'array', items: { type: 'string', pattern: UUID_PATTERN } }] },
    },
    ['targetForm'],
  ),
  operators: ID_OPERATORS,
  sortable: true,
  filterable: true,
  column: (field) => (isMultipleRelation(field) ? { sqlType: 'uuid[]', index: 'gin' } : { sqlType: 'uuid', index: 'btree' }),
  conditionKind: 'uuid',
  forField: (field) => (isMultipleRelation(field) ? MANY : {}),
  coerce: coerceOne,
  fromDb: (value) => (value === undefined ? null : value),
  toDb: (value) => (value === undefined || value === '' ? null : value),
  format: (value, field, _locale, lookup) => (typeof value === 'string' ? titleOf(field, value, lookup) : ''),
  checkOptions(field) {
    const issues: FieldOptionIssue[] = [];
    if (!isMultipleRelation(field) && field.options?.maxCount !== undefined) {
      issues.push({ path: ['options', 'maxCount'], code: 'invalid_option', message: 'maxCount applies only to a relation to many records' });
    }
    return issues;
  },
};
