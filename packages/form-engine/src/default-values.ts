import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { defaultSourceKeys, defaultSourceOf, compileDefaultFormula, type DefaultSource } from './default-source';
import type { FieldTypeDefinition, ValueKind } from './field-type-definition';
import { fieldTypeFor } from './field-type-for';
import { relationTarget } from './field-types/relation-field-type';
import { coerceFormulaResult } from './formula/coerce-formula-result';
import { evaluateFormula } from './formula/evaluate-formula';
import type { FormulaResultType } from './formula/formula-types';
import { isEmptyValue } from './values/is-empty-value';

/** What defaults may read besides the record: the clock and time zone of formulas, and who creates it. */
export type DefaultValueContext = {
  now: Date;
  timeZone: string;
  user?: { id: string; departmentId: string | null };
};

/**
 * Values read from the records relations point at, keyed `relationField.targetField` (what the caller
 * could read: the engine reads no database). A key present with null means "nothing to copy".
 */
export type CopiedValues = Readonly<Record<string, unknown>>;

/** A value of another form's record a `relation.targetField` default needs (see defaultCopyRequests). */
export type DefaultCopyRequest = {
  /** `relationField.targetField`: the key of the value in CopiedValues. */
  key: string;
  relationField: string;
  targetField: string;
  targetForm: string;
  recordId: string;
};

type Entry = { field: FieldDefinition; definition: FieldTypeDefinition; source: DefaultSource };

/** How a formula result or a copied value is read before the field's own coercion, by value kind. */
const RESULT_TYPE_BY_KIND: Partial<Record<ValueKind, FormulaResultType>> = {
  number: 'number',
  string: 'text',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
};

/**
 * The values of the fields a create leaves out (absent from `data`) that have a default
 * (docs/defaults.md): a literal `default`, a `defaultFormula` evaluated over the record's other values
 * (those sent, coerced, and the defaults it reads, computed first), or a `defaultFrom` copied from
 * another field, from the record a one-relation points at (`copied`) or from the user. Each value is
 * coerced to the field's type; one that is empty or does not fit is left out (a required field then
 * stays required). Derived and layout fields have no default. Pure.
 */
export function defaultValues(
  form: FormDefinition,
  data: Readonly<Record<string, unknown>>,
  context: DefaultValueContext,
  copied: CopiedValues = {},
  /** The values of `data` already coerced by their types, when the caller has them (validateRecordData): not coerced again. */
  sent?: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const entries = defaultEntries(form, data);
  if (entries.size === 0) return {};
  const record: Record<string, unknown> = sent ? { ...sent } : sentValues(form, data);
  const result: Record<string, unknown> = {};
  const state = new Map<string, 'computing' | 'done'>();
  const visit = (key: string): void => {
    const entry = entries.get(key);
    if (!entry || state.has(key)) return; // a cycle (refused by validateFormDefinition) reads what is there
    state.set(key, 'computing');
    for (const source of defaultSourceKeys(entry.source)) visit(source);
    const value = computeDefault(entry, record, context, copied);
    state.set(key, 'done');
    if (value !== null) {
      record[key] = value;
      result[key] = value;
    }
  };
  for (const key of entries.keys()) visit(key);
  return result;
}

/**
 * The target values `relation.targetField` defaults of absent fields need and `copied` lacks: one per
 * key, for relations sent or defaulted to a record. The caller reads them (with the user's rights) and
 * calls again with them until nothing is asked (a relation may itself default from a copy).
 */
export function defaultCopyRequests(
  form: FormDefinition,
  data: Readonly<Record<string, unknown>>,
  context: DefaultValueContext,
  copied: CopiedValues = {},
): DefaultCopyRequest[] {
  const copies = [...defaultEntries(form, data).values()].flatMap(({ source }) => (source.kind === 'relation' ? [source] : []));
  if (copies.length === 0) return [];
  const values = { ...sentValues(form, data), ...defaultValues(form, data, context, copied) };
  const byKey = new Map(form.fields.map((field) => [field.key, field]));
  const requests = new Map<string, DefaultCopyRequest>();
  for (const source of copies) {
    const key = `${source.relationField}.${source.targetField}`;
    const relation = byKey.get(source.relationField);
    const recordId = values[source.relationField];
    const targetForm = relation?.type === 'relation' ? relationTarget(relation) : undefined;
    if (Object.hasOwn(copied, key) || requests.has(key) || typeof recordId !== 'string' || !targetForm) continue;
    requests.set(key, { key, relationField: source.relationField, targetField: source.targetField, targetForm, recordId });
  }
  return [...requests.values()];
}

/** Absent input fields with a default source, by key, in form order. */
function defaultEntries(form: FormDefinition, data: Readonly<Record<string, unknown>>): Map<string, Entry> {
  const entries = new Map<string, Entry>();
  for (const field of form.fields) {
    const definition = fieldTypeFor(field);
    if (!definition || definition.layout || definition.derived || Object.hasOwn(data, field.key)) continue;
    const source = defaultSourceOf(field);
    if (source && source.kind !== 'invalid') entries.set(field.key, { field, definition, source });
  }
  return entries;
}

/** The values sent for input fields, coerced by their types (a value that does not fit is left out). */
function sentValues(form: FormDefinition, data: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of form.fields) {
    if (!Object.hasOwn(data, field.key)) continue;
    const definition = fieldTypeFor(field);
    if (!definition || definition.layout || definition.derived) continue;
    const coerced = definition.coerce(data[field.key], field);
    if (coerced.ok) values[field.key] = coerced.value;
  }
  return values;
}

/** One default, coerced to the field's type; null when there is none or it does not fit. */
function computeDefault(entry: Entry, record: Readonly<Record<string, unknown>>, context: DefaultValueContext, copied: CopiedValues): unknown {
  const { field, definition, source } = entry;
  switch (source.kind) {
    case 'literal': {
      const coerced = definition.coerce(source.value, field);
      return coerced.ok && !isEmptyValue(coerced.value) ? coerced.value : null;
    }
    case 'formula': {
      const compiled = compileDefaultFormula(source.expression);
      if (!compiled.ok) return null;
      const evaluation = evaluateFormula(compiled.formula, record, { now: context.now, timeZone: context.timeZone });
      return evaluation.ok ? toFieldValue(evaluation.value, entry, context.timeZone) : null;
    }
    case 'field':
      return toFieldValue(record[source.fieldKey], entry, context.timeZone);
    case 'relation': {
      const key = `${source.relationField}.${source.targetField}`;
      // Only while the relation points at a record (a copy given for another create is ignored).
      const linked = typeof record[source.relationField] === 'string';
      return linked && Object.hasOwn(copied, key) ? toFieldValue(copied[key], entry, context.timeZone) : null;
    }
    case 'user':
      return context.user ? toFieldValue(context.user[source.property], entry, context.timeZone) : null;
    default:
      return null;
  }
}

/**
 * A computed or copied value as the field holds it: numbers, text, dates, datetimes and booleans read
 * as a formula of that result type would give them (a datetime's day in the time zone for a date, a
 * number as text for a text field, a list joined by ", "), one value put in a list for list types;
 * then the type's coercion.
 */
function toFieldValue(value: unknown, entry: Entry, timeZone: string): unknown {
  if (isEmptyValue(value)) return null;
  const { field, definition } = entry;
  const resultType = RESULT_TYPE_BY_KIND[definition.valueKind];
  let input = value;
  if (resultType) input = coerceFormulaResult(value, resultType, undefined, timeZone);
  else if ((definition.valueKind === 'idArray' || definition.valueKind === 'stringArray') && !Array.isArray(value)) input = [value];
  if (isEmptyValue(input)) return null;
  const coerced = definition.coerce(input, field);
  return coerced.ok && !isEmptyValue(coerced.value) ? coerced.value : null;
}
