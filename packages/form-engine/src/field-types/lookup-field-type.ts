import type { FieldDefinition } from '@platform/schema';
import type { FieldColumn, FieldSpecifics, FieldTypeDefinition } from '../field-type-definition';
import { fieldTypeFor } from '../field-type-for';
import { ok } from '../values/coerce-result';
import { isPlainObject } from '../values/is-plain-object';
import { jsonToDb } from '../values/json-column';
import { joinList } from '../values/join-list';
import { keySchema, optionsObject } from '../options-schemas/option-schema-parts';
import { EMPTINESS_OPERATORS } from './operator-sets';

/**
 * The target field as the server resolved it when the form was saved (`options.valueField`, a copy of
 * the target form's field definition) and whether the relation holds many records (`options.many`).
 * Both are written by the server, never by a designer: they make the lookup's column and operators
 * those of the field it shows.
 */
export function lookupValueField(field: FieldDefinition): FieldDefinition | undefined {
  const valueField = field.options?.valueField;
  return isPlainObject(valueField) && typeof valueField.type === 'string' && typeof valueField.key === 'string' ? (valueField as FieldDefinition) : undefined;
}
const isMany = (field: FieldDefinition) => field.options?.many === true;

const JSON_COLUMN: FieldColumn = { sqlType: 'jsonb', index: null };

/** A lookup through a relation to many: the target values of the linked records, in link order (jsonb array). */
const MANY: FieldSpecifics = {
  valueKind: 'object',
  operators: EMPTINESS_OPERATORS,
  sortable: false,
  conditionKind: 'json',
  fromDb: (value) => (Array.isArray(value) ? value : []),
  toDb: (value) => jsonToDb(Array.isArray(value) ? value : []),
  coerce: (value) => ok(Array.isArray(value) ? value : []),
};

function specificsOf(field: FieldDefinition): FieldSpecifics {
  const target = lookupValueField(field);
  const targetType = target && fieldTypeFor(target);
  if (!target || !targetType || targetType.layout) return MANY;
  if (isMany(field)) {
    return {
      ...MANY,
      format: (value, _field, locale, lookup) =>
        Array.isArray(value) ? joinList(value.map((item) => targetType.format(item, target, locale, lookup)).filter(Boolean), locale) : '',
    };
  }
  return {
    valueKind: targetType.valueKind,
    operators: targetType.operators,
    sortable: targetType.sortable,
    conditionKind: targetType.conditionKind,
    fromDb: targetType.fromDb,
    toDb: targetType.toDb,
    coerce: (value) => (value === undefined ? ok(null) : ok(value)),
    format: (value, _field, locale, lookup) => targetType.format(value, target, locale, lookup),
  };
}

/**
 * 他表字段: a field of the record a relation points to, shown (and stored, so that it filters and sorts)
 * on this form. Read-only; the server copies it on every write of either side, in the same transaction.
 * Through a relation to one it has the target field's column and operators; through a relation to many
 * it is a jsonb array of the linked records' values.
 */
export const lookupFieldType: FieldTypeDefinition = {
  type: 'lookup',
  label: { 'zh-CN': '他表字段', 'en-US': 'Lookup' },
  valueKind: 'object',
  optionsSchema: optionsObject(
    {
      relationField: keySchema,
      targetField: keySchema,
      // Written by the server when the form is saved.
      valueField: { type: 'object' },
      many: { type: 'boolean' },
    },
    ['relationField', 'targetField'],
  ),
  operators: EMPTINESS_OPERATORS,
  sortable: false,
  filterable: true,
  derived: true,
  column(field) {
    const target = lookupValueField(field);
    if (!target || isMany(field)) return JSON_COLUMN;
    return fieldTypeFor(target)?.column(target) ?? JSON_COLUMN;
  },
  conditionKind: 'json',
  forField: specificsOf,
  coerce: (value) => ok(value === undefined ? null : value),
  fromDb: (value) => (value === undefined ? null : value),
  toDb: jsonToDb,
  format: (value) => (value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value)),
  checkOptions(field, form) {
    const relationKey = field.options?.relationField;
    const relation = form.fields.find((candidate) => candidate.key === relationKey);
    if (!relation || relation.type !== 'relation') {
      return [{ path: ['options', 'relationField'], code: 'unknown_field', message: `"${String(relationKey)}" is not a relation field of this form`, params: { field: String(relationKey) } }];
    }
    return [];
  },
};
