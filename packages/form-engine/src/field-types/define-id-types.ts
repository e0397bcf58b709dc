import type { FieldType } from '@platform/schema';
import type { CoerceResult, FieldTypeDefinition, FormatLookup } from '../field-type-definition';
import { arrayFromDb, arrayToDb, coerceArray } from '../values/coerce-array';
import { fail, ok } from '../values/coerce-result';
import { isUuid } from '../values/is-uuid';
import { joinList } from '../values/join-list';
import { readOption } from '../values/read-option';
import { nullable, optionsObject } from '../options-schemas/option-schema-parts';
import { ARRAY_OPERATORS, ID_OPERATORS } from './operator-sets';

/** Ids are canonical lower-case UUIDs; whether the user or department exists is the api's check. */
export function coerceId(value: unknown): CoerceResult {
  if (typeof value !== 'string') return fail('invalid_type', 'must be an id (a string)', { expected: 'string' });
  if (!isUuid(value)) return fail('invalid_format', 'must be a UUID', { format: 'uuid' });
  return ok(value.toLowerCase());
}

export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';
const uuidSchema = { type: 'string', pattern: UUID_PATTERN };
/** A hard cap for people pickers whatever the options say: one row must stay a reasonable size. */
const MAX_IDS = 1000;

type IdTypeSpec = {
  type: FieldType;
  label: { 'zh-CN': string; 'en-US': string };
  /** Which lookup names the ids. */
  names: 'user' | 'department';
  extraOptions?: Record<string, object>;
};

function nameOf(spec: IdTypeSpec, id: string, lookup: FormatLookup | undefined): string {
  const name = spec.names === 'user' ? lookup?.userName?.(id) : lookup?.departmentName?.(id);
  return name ?? id;
}

/** Builds the entry of a one-id type: member, department. */
export function defineIdType(spec: IdTypeSpec): FieldTypeDefinition {
  return {
    type: spec.type,
    label: spec.label,
    valueKind: 'id',
    optionsSchema: optionsObject({ default: nullable(uuidSchema), ...spec.extraOptions }),
    operators: ID_OPERATORS,
    sortable: true,
    filterable: true,
    column: () => ({ sqlType: 'uuid', index: 'btree' }),
    conditionKind: 'uuid',
    coerce: (value) => (value === null || value === undefined || value === '' ? ok(null) : coerceId(value)),
    fromDb: (value) => (value === undefined ? null : value),
    toDb: (value) => (value === undefined || value === '' ? null : value),
    format: (value, _field, _locale, lookup) => (typeof value === 'string' ? nameOf(spec, value, lookup) : ''),
  };
}

/** Builds the entry of a many-ids type: members, departments. */
export function defineIdArrayType(spec: IdTypeSpec): FieldTypeDefinition {
  return {
    type: spec.type,
    label: spec.label,
    valueKind: 'idArray',
    optionsSchema: optionsObject({
      default: nullable({ type: 'array', maxItems: MAX_IDS, items: uuidSchema }),
      maxCount: { type: 'integer', minimum: 1, maximum: MAX_IDS },
      ...spec.extraOptions,
    }),
    operators: ARRAY_OPERATORS,
    sortable: false,
    filterable: true,
    column: () => ({ sqlType: 'uuid[]', index: 'gin' }),
    conditionKind: 'uuidArray',
    coerce: (value, field) =>
      coerceArray(value, { element: coerceId, maxCount: Math.min(readOption(field, 'maxCount', 'number') ?? MAX_IDS, MAX_IDS) }),
    fromDb: arrayFromDb,
    toDb: arrayToDb,
    format: (value, _field, locale, lookup) =>
      Array.isArray(value) ? joinList(value.map((id) => nameOf(spec, String(id), lookup)), locale) : '',
  };
}
