import type { FieldDefinition, FormDefinition } from '@platform/schema';
import type { FieldColumn, FieldSpecifics, FieldTypeDefinition } from '../field-type-definition';
import { coerceFormulaResult } from '../formula/coerce-formula-result';
import { compileCached } from '../formula/compile-cached';
import { compileFormulaOption } from '../formula/formula-option-issues';
import { cycleFrom } from '../dependency-cycle';
import { evaluateFormula } from '../formula/evaluate-formula';
import { FORMULA_LIMITS } from '../formula/formula-limits';
import type { FormulaResultType } from '../formula/formula-types';
import { fail, ok } from '../values/coerce-result';
import { plainDecimal } from '../values/plain-decimal';
import { readOption } from '../values/read-option';
import { roundHalfUp } from '../values/round-half-up';
import { optionsObject } from '../options-schemas/option-schema-parts';
import { dateFieldType } from './date-field-type';
import { datetimeFieldType } from './datetime-field-type';
import { numericFromDb, numericToDb } from './define-numeric-type';
import { BOOLEAN_OPERATORS, ORDERED_OPERATORS, TEXT_OPERATORS } from './operator-sets';
import { switchFieldType } from './switch-field-type';

const RESULT_TYPES: readonly FormulaResultType[] = ['number', 'text', 'date', 'datetime', 'boolean'];

const resultTypeOf = (field: FieldDefinition): FormulaResultType => {
  const resultType = readOption(field, 'resultType', 'string') as FormulaResultType | undefined;
  return resultType !== undefined && RESULT_TYPES.includes(resultType) ? resultType : 'number';
};
const decimalsOf = (field: FieldDefinition) => readOption(field, 'decimals', 'number');
const expressionOf = (field: FieldDefinition) => readOption(field, 'expression', 'string');

const passThrough = (value: unknown) => (value === undefined ? null : value);
const emptyToNull = (value: unknown) => (value === undefined || value === '' ? null : value);

/** Column, condition kind, operators and pg conversions of each result type: those of the plain type. */
const BY_RESULT_TYPE: Record<FormulaResultType, FieldSpecifics & { column: FieldColumn }> = {
  number: { column: { sqlType: 'numeric', index: 'btree' }, valueKind: 'number', conditionKind: 'number', operators: ORDERED_OPERATORS, fromDb: numericFromDb, toDb: numericToDb },
  text: { column: { sqlType: 'text', index: null }, valueKind: 'string', conditionKind: 'text', operators: TEXT_OPERATORS, fromDb: passThrough, toDb: emptyToNull },
  date: { column: { sqlType: 'date', index: 'btree' }, valueKind: 'date', conditionKind: 'date', operators: ORDERED_OPERATORS, fromDb: dateFieldType.fromDb, toDb: emptyToNull },
  datetime: { column: { sqlType: 'timestamptz(3)', index: 'btree' }, valueKind: 'datetime', conditionKind: 'datetime', operators: ORDERED_OPERATORS, fromDb: datetimeFieldType.fromDb, toDb: emptyToNull },
  boolean: { column: { sqlType: 'boolean', index: null }, valueKind: 'boolean', conditionKind: 'boolean', operators: BOOLEAN_OPERATORS, fromDb: passThrough, toDb: emptyToNull },
};

function referencesOf(field: FieldDefinition): string[] {
  const expression = expressionOf(field);
  const result = expression === undefined ? null : compileCached(expression);
  // `lines.amount` reads the sub-form `lines`: the record value the formula depends on.
  return result?.ok ? [...new Set(result.references.map((reference) => reference.split('.')[0]))] : [];
}

/** A path of derived fields from `field` through its references back to it ('a -> b -> a'), or null. */
function cycleThrough(
  field: FieldDefinition,
  form: FormDefinition,
  fieldTypeOf: (type: string) => FieldTypeDefinition | undefined,
): string[] | null {
  const sourcesByKey = new Map<string, string[]>();
  for (const candidate of form.fields) {
    const definition = fieldTypeOf(candidate.type);
    if (definition?.dependsOn) sourcesByKey.set(candidate.key, definition.dependsOn(candidate));
  }
  return cycleFrom(field.key, sourcesByKey);
}

/**
 * 公式: a value computed from the record's other fields by an expression of the formula language
 * (src/formula/README.md) and stored in a column of its `resultType` (number: numeric, text, date,
 * datetime: timestamptz(3), boolean). Read-only. An expression that cannot be evaluated for a record
 * (division by zero...) stores null. Condition kind, operators and pg conversions depend on
 * `resultType`: use `fieldTypeFor(field)`; the entry itself is that of a number formula, except that it
 * converts pg values without assuming the result type and names no condition kind.
 */
export const formulaFieldType: FieldTypeDefinition = {
  type: 'formula',
  label: { 'zh-CN': '公式', 'en-US': 'Formula' },
  valueKind: 'number',
  optionsSchema: optionsObject(
    {
      expression: { type: 'string', minLength: 1, maxLength: FORMULA_LIMITS.maxLength },
      resultType: { enum: RESULT_TYPES, default: 'number' },
      /** Number results are rounded half away from zero to this many places; text results of numbers too. */
      decimals: { type: 'integer', minimum: 0, maximum: 10 },
    },
    ['expression'],
  ),
  operators: ORDERED_OPERATORS,
  sortable: true,
  filterable: true,
  derived: true,
  column: (field) => BY_RESULT_TYPE[resultTypeOf(field)].column,
  conditionKind: null,
  forField(field) {
    const { column: _column, ...specifics } = BY_RESULT_TYPE[resultTypeOf(field)];
    return specifics;
  },
  // Only derive() produces the value; coerce accepts what derive() gives, for re-validation.
  coerce(value, field) {
    if (value === null || value === undefined || value === '') return ok(null);
    const resultType = resultTypeOf(field);
    const coerced = coerceFormulaResult(value, resultType, decimalsOf(field));
    return coerced === null ? fail('invalid_type', `must be a ${resultType} value`, { expected: resultType }) : ok(coerced);
  },
  // Without the field the result type is unknown: values are kept as the driver gives them.
  fromDb: (value) => (value instanceof Date ? (Number.isNaN(value.getTime()) ? null : value.toISOString()) : passThrough(value)),
  toDb: (value) => (typeof value === 'number' ? numericToDb(value) : emptyToNull(value)),
  format(value, field, locale, lookup) {
    switch (resultTypeOf(field)) {
      case 'number': {
        const decimals = decimalsOf(field);
        if (typeof value !== 'number' && typeof value !== 'string') return '';
        if (decimals !== undefined) return roundHalfUp(value, decimals)?.text ?? String(value);
        return typeof value === 'number' ? plainDecimal(value) : value;
      }
      case 'datetime':
        return datetimeFieldType.format(value, field, locale, lookup);
      case 'boolean':
        return switchFieldType.format(value, field, locale, lookup);
      default:
        return typeof value === 'string' ? value : '';
    }
  },
  dependsOn: referencesOf,
  derive(field, values, context) {
    const expression = expressionOf(field);
    const result = expression === undefined ? null : compileCached(expression);
    if (!result?.ok) return null;
    const evaluation = evaluateFormula(result.formula, values, context);
    return evaluation.ok ? coerceFormulaResult(evaluation.value, resultTypeOf(field), decimalsOf(field), context.timeZone) : null;
  },
  checkOptions(field, form, fieldTypeOf) {
    const expression = expressionOf(field);
    if (expression === undefined) return [];
    const at = ['options', 'expression'];
    const { result, issues } = compileFormulaOption(expression, form, fieldTypeOf, at);
    if (!result.ok) return issues;
    if (result.references.includes(field.key)) {
      return [{ path: at, code: 'formula_cycle', message: `the formula refers to its own field "${field.key}"`, params: { cycle: field.key } }];
    }
    const cycle = cycleThrough(field, form, fieldTypeOf);
    return cycle ? [{ path: at, code: 'formula_cycle', message: `the formula is part of a reference cycle: ${cycle.join(' -> ')}`, params: { cycle: cycle.join(' -> ') } }] : [];
  },
};
