import type { FieldDefinition, FieldType } from '@platform/schema';
import type { DisplayLocale, FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { coerceDecimal } from '../values/coerce-decimal';
import { plainDecimal } from '../values/plain-decimal';
import { readOption } from '../values/read-option';
import { roundHalfUp } from '../values/round-half-up';
import { nullable, optionsObject, placeholderSchema } from '../options-schemas/option-schema-parts';
import { ORDERED_OPERATORS } from './operator-sets';

export type NumericTypeSpec = {
  type: FieldType;
  label: { 'zh-CN': string; 'en-US': string };
  defaultDecimals: number;
  maxDecimals: number;
  maxIntegerDigits: number;
  sqlType: string;
  indexed: boolean;
  extraOptions?: Record<string, object>;
  /** Display text from the value rounded to the field's decimals (plain text such as '-1234.50'). */
  display: (decimalText: string, field: FieldDefinition, locale: DisplayLocale) => string;
};

const decimalsOf = (field: FieldDefinition, fallback: number) => readOption(field, 'decimals', 'number') ?? fallback;

/** numeric columns arrive from pg as strings (exact); smallint and friends as numbers. */
export function numericFromDb(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return Number(value);
  return value;
}

/** Plain decimal text, never exponent notation, so numeric receives exactly the wire value. */
export function numericToDb(value: unknown): unknown {
  if (value === null || value === undefined || value === '') return null;
  return typeof value === 'number' ? plainDecimal(value) : value;
}

/** Builds the entry of a decimal type: number, money, percent. */
export function defineNumericType(spec: NumericTypeSpec): FieldTypeDefinition {
  return {
    type: spec.type,
    label: spec.label,
    valueKind: 'number',
    optionsSchema: optionsObject({
      decimals: { type: 'integer', minimum: 0, maximum: spec.maxDecimals, default: spec.defaultDecimals },
      min: { type: 'number' },
      max: { type: 'number' },
      default: nullable({ type: 'number' }),
      placeholder: placeholderSchema,
      ...spec.extraOptions,
    }),
    operators: ORDERED_OPERATORS,
    sortable: true,
    filterable: true,
    column: () => ({ sqlType: spec.sqlType, index: spec.indexed ? 'btree' : null }),
    conditionKind: 'number',
    coerce: (value, field) =>
      coerceDecimal(value, {
        decimals: decimalsOf(field, spec.defaultDecimals),
        maxIntegerDigits: spec.maxIntegerDigits,
        min: readOption(field, 'min', 'number'),
        max: readOption(field, 'max', 'number'),
      }),
    fromDb: numericFromDb,
    toDb: numericToDb,
    format(value, field, locale) {
      const rounded =
        typeof value === 'number' || typeof value === 'string' ? roundHalfUp(value, decimalsOf(field, spec.defaultDecimals)) : null;
      return rounded ? spec.display(rounded.text, field, locale) : '';
    },
    checkOptions(field) {
      const issues: FieldOptionIssue[] = [];
      const min = readOption(field, 'min', 'number');
      const max = readOption(field, 'max', 'number');
      if (min !== undefined && max !== undefined && min > max) {
        issues.push({ path: ['options', 'min'], code: 'invalid_range', message: 'min must not exceed max' });
      }
      return issues;
    },
  };
}
