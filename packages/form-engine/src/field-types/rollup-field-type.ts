import { compileCondition, parseCondition, type FieldResolver } from '@platform/condition';
import type { FieldDefinition, FormDefinition } from '@platform/schema';
import Decimal from 'decimal.js';
import type { FieldColumn, FieldOptionIssue, FieldSpecifics, FieldTypeDefinition } from '../field-type-definition';
import { fieldPathTarget, splitFieldPath } from '../field-path';
import { fieldTypeFor } from '../field-type-for';
import { fail, ok } from '../values/coerce-result';
import { isEmptyValue } from '../values/is-empty-value';
import { plainDecimal } from '../values/plain-decimal';
import { readOption } from '../values/read-option';
import { roundHalfUp } from '../values/round-half-up';
import { keySchema, optionsObject } from '../options-schemas/option-schema-parts';
import { dateFieldType } from './date-field-type';
import { datetimeFieldType } from './datetime-field-type';
import { numericFromDb, numericToDb } from './define-numeric-type';
import { ORDERED_OPERATORS } from './operator-sets';

export const ROLLUP_AGGREGATES = ['sum', 'avg', 'min', 'max', 'count', 'countDistinct', 'earliest', 'latest'] as const;
export type RollupAggregate = (typeof ROLLUP_AGGREGATES)[number];
export type RollupResultType = 'number' | 'date' | 'datetime';

const RESULT_TYPES: readonly RollupResultType[] = ['number', 'date', 'datetime'];

export const rollupAggregate = (field: FieldDefinition): RollupAggregate => {
  const aggregate = readOption(field, 'aggregate', 'string') as RollupAggregate | undefined;
  return aggregate && ROLLUP_AGGREGATES.includes(aggregate) ? aggregate : 'count';
};
export const rollupResultType = (field: FieldDefinition): RollupResultType => {
  const resultType = readOption(field, 'resultType', 'string') as RollupResultType | undefined;
  return resultType && RESULT_TYPES.includes(resultType) ? resultType : 'number';
};
/** Over no rows `count` and `sum` give 0 (VALUES.md); the others are empty. */
export const rollupOfNothing = (aggregate: RollupAggregate): number | null => (aggregate === 'count' || aggregate === 'sum' || aggregate === 'countDistinct' ? 0 : null);

const emptyToNull = (value: unknown) => (value === undefined || value === '' ? null : value);

const BY_RESULT_TYPE: Record<RollupResultType, FieldSpecifics & { column: FieldColumn }> = {
  number: { column: { sqlType: 'numeric', index: 'btree' }, valueKind: 'number', conditionKind: 'number', fromDb: numericFromDb, toDb: numericToDb },
  date: { column: { sqlType: 'date', index: 'btree' }, valueKind: 'date', conditionKind: 'date', fromDb: dateFieldType.fromDb, toDb: emptyToNull },
  datetime: { column: { sqlType: 'timestamptz(3)', index: 'btree' }, valueKind: 'datetime', conditionKind: 'datetime', fromDb: datetimeFieldType.fromDb, toDb: emptyToNull },
};

const subFormOf = (field: FieldDefinition, form: FormDefinition | undefined) => {
  const key = readOption(field, 'subFormField', 'string');
  return key === undefined ? undefined : form?.fields.find((candidate) => candidate.key === key && candidate.type === 'subForm');
};
const rowFieldsOf = (subForm: FieldDefinition | undefined): FieldDefinition[] =>
  Array.isArray(subForm?.options?.fields) ? (subForm.options.fields as FieldDefinition[]) : [];

function rowResolver(rowFields: FieldDefinition[]): FieldResolver {
  const byKey = new Map(rowFields.map((rowField) => [rowField.key, rowField]));
  return (path) => {
    const { fieldKey, partKey } = splitFieldPath(path);
    const rowField = byKey.get(fieldKey);
    const target = rowField ? fieldPathTarget(fieldTypeFor(rowField), { fieldKey, partKey }) : undefined;
    if (!target || 'refused' in target) return target;
    return { kind: target.kind, sql: `"${path}"`, operators: target.part?.operators };
  };
}

type Row = Record<string, unknown>;

/** The aggregate of `values` (the target column of the rows the filter kept), as VALUES.md defines it. */
export function aggregateValues(aggregate: RollupAggregate, values: unknown[], rowCount: number): number | string | null {
  const present = values.filter((value) => !isEmptyValue(value));
  switch (aggregate) {
    case 'count':
      return rowCount;
    case 'countDistinct':
      return new Set(present.map((value) => JSON.stringify(value))).size;
    case 'sum':
    case 'avg': {
      const numbers = present.flatMap((value) => (typeof value === 'number' && Number.isFinite(value) ? [new Decimal(value)] : typeof value === 'string' && value !== '' && !Number.isNaN(Number(value)) ? [new Decimal(value)] : []));
      if (aggregate === 'sum') return numbers.reduce((total, value) => total.plus(value), new Decimal(0)).toNumber();
      return numbers.length ? numbers.reduce((total, value) => total.plus(value), new Decimal(0)).dividedBy(numbers.length).toNumber() : null;
    }
    default: {
      if (!present.length) return null;
      const smallest = aggregate === 'min' || aggregate === 'earliest';
      return present.reduce((best, value) => {
        const order = typeof best === 'number' && typeof value === 'number' ? best - value : String(best) < String(value) ? -1 : String(best) > String(value) ? 1 : 0;
        return (smallest ? order > 0 : order < 0) ? value : best;
      }) as number | string;
    }
  }
}

const filterCache = new WeakMap<object, ((row: Row) => boolean) | null>();

function rowFilter(field: FieldDefinition, rowFields: FieldDefinition[], timeZone: string, now: Date): (row: Row) => boolean {
  const filter = field.options?.filter;
  if (!filter || typeof filter !== 'object') return () => true;
  let test = filterCache.get(filter);
  if (test === undefined) {
    const parsed = parseCondition(filter, rowResolver(rowFields));
    const compiled = parsed.ok ? compileCondition(parsed.condition) : null;
    test = compiled ? (row) => compiled(row, { now, timeZone, user: { id: '', departmentIds: [] } }) : null;
    filterCache.set(filter, test);
  }
  return test ?? (() => false);
}

/**
 * 汇总: an aggregate (sum, avg, min, max, count, countDistinct, earliest, latest) of a column over a
 * sub-form's rows (`subFormField`, computed here with the record) or over linked records
 * (`relationField`: a relation to many of this form, or `form.field` for the records of another form
 * whose relation points at this one; computed by the server in SQL). An optional `filter` keeps some
 * rows. Stored in a column of its `resultType` (number, date, datetime), so it filters and sorts.
 */
export const rollupFieldType: FieldTypeDefinition = {
  type: 'rollup',
  label: { 'zh-CN': '汇总', 'en-US': 'Rollup' },
  valueKind: 'number',
  optionsSchema: optionsObject(
    {
      relationField: { type: 'string', pattern: '^[a-z][a-z0-9_]{0,62}(\\.[a-z][a-z0-9_]{0,62})?$' },
      subFormField: keySchema,
      targetField: keySchema,
      aggregate: { enum: ROLLUP_AGGREGATES },
      filter: { type: 'object' },
      decimals: { type: 'integer', minimum: 0, maximum: 10 },
      // Written by the server when the form is saved, from the target field's type.
      resultType: { enum: RESULT_TYPES },
    },
    ['aggregate'],
  ),
  operators: ORDERED_OPERATORS,
  sortable: true,
  filterable: true,
  derived: true,
  column: (field) => BY_RESULT_TYPE[rollupResultType(field)].column,
  conditionKind: 'number',
  forField(field) {
    const { column: _column, ...specifics } = BY_RESULT_TYPE[rollupResultType(field)];
    if (readOption(field, 'subFormField', 'string') === undefined) return specifics;
    return {
      ...specifics,
      dependsOn: (rollup) => [readOption(rollup, 'subFormField', 'string') ?? ''],
      derive(rollup, values, context) {
        const rowFields = rowFieldsOf(subFormOf(rollup, context.form));
        const held = values[readOption(rollup, 'subFormField', 'string') ?? ''];
        const rows = (Array.isArray(held) ? held : []) as Row[];
        const keep = rowFilter(rollup, rowFields, context.timeZone, context.now);
        const kept = rows.filter((row) => keep(row));
        const target = readOption(rollup, 'targetField', 'string');
        const aggregate = rollupAggregate(rollup);
        const value = aggregateValues(aggregate, target ? kept.map((row) => row[target]) : kept, kept.length);
        const decimals = readOption(rollup, 'decimals', 'number');
        return typeof value === 'number' && decimals !== undefined ? (roundHalfUp(value, decimals)?.value ?? value) : value;
      },
    };
  },
  coerce(value, field) {
    if (value === null || value === undefined || value === '') return ok(null);
    const resultType = rollupResultType(field);
    if (resultType === 'number') return typeof value === 'number' && Number.isFinite(value) ? ok(value) : fail('invalid_type', 'must be a number', { expected: 'number' });
    return typeof value === 'string' ? ok(value) : fail('invalid_type', `must be a ${resultType}`, { expected: resultType });
  },
  fromDb: (value) => (value instanceof Date ? value.toISOString() : (value ?? null)),
  toDb: (value) => (typeof value === 'number' ? numericToDb(value) : emptyToNull(value)),
  format(value, field, locale, lookup) {
    const resultType = rollupResultType(field);
    if (resultType === 'datetime') return datetimeFieldType.format(value, field, locale, lookup);
    if (resultType === 'date') return typeof value === 'string' ? value : '';
    if (typeof value !== 'number' && typeof value !== 'string') return '';
    const decimals = readOption(field, 'decimals', 'number');
    if (decimals !== undefined) return roundHalfUp(value, decimals)?.text ?? String(value);
    return typeof value === 'number' ? plainDecimal(value) : value;
  },
  checkOptions(field, form) {
    const issues: FieldOptionIssue[] = [];
    const relationKey = readOption(field, 'relationField', 'string');
    const subFormKey = readOption(field, 'subFormField', 'string');
    if ((relationKey === undefined) === (subFormKey === undefined)) {
      issues.push({ path: ['options'], code: 'invalid_option', message: 'a rollup needs either relationField or subFormField' });
      return issues;
    }
    const aggregate = rollupAggregate(field);
    const target = readOption(field, 'targetField', 'string');
    if (aggregate !== 'count' && target === undefined) {
      issues.push({ path: ['options', 'targetField'], code: 'required', message: `the ${aggregate} of a rollup needs a targetField` });
    }
    if (subFormKey !== undefined) {
      const subForm = subFormOf(field, form);
      if (!subForm) {
        issues.push({ path: ['options', 'subFormField'], code: 'unknown_field', message: `"${subFormKey}" is not a sub-form of this form`, params: { field: subFormKey } });
      } else if (target !== undefined && !rowFieldsOf(subForm).some((rowField) => rowField.key === target)) {
        issues.push({ path: ['options', 'targetField'], code: 'unknown_field', message: `"${target}" is not a column of the sub-form "${subFormKey}"`, params: { field: target } });
      }
    } else if (relationKey !== undefined && !relationKey.includes('.')) {
      const relation = form.fields.find((candidate) => candidate.key === relationKey);
      if (!relation || relation.type !== 'relation' || relation.options?.multiple !== true) {
        issues.push({ path: ['options', 'relationField'], code: 'unknown_field', message: `"${relationKey}" is not a relation to many records of this form`, params: { field: relationKey } });
      }
    }
    return issues;
  },
};
