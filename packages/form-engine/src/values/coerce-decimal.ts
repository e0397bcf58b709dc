import type { CoerceResult } from '../field-type-definition';
import { fail, ok } from './coerce-result';
import { roundHalfUp } from './round-half-up';

export type DecimalRules = {
  decimals: number;
  /** Digits allowed before the point: the column's capacity, or what a double holds exactly. */
  maxIntegerDigits: number;
  min?: number;
  max?: number;
  /** A fraction is refused instead of rounded (rating). */
  integerOnly?: boolean;
};

const DECIMAL_TEXT = /^[+-]?\d+(?:\.\d+)?$/;
const WHOLE_TEXT = /^[+-]?\d+(?:\.0+)?$/;

/**
 * A JSON number, or a plain decimal string such as "12.5" (what HTML inputs and imported sheets hold),
 * rounded half-up at `decimals` and checked against the limits. Empty string gives null.
 */
export function coerceDecimal(value: unknown, rules: DecimalRules): CoerceResult {
  if (value === null || value === undefined || value === '') return ok(null);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('invalid_type', 'must be a finite number', { expected: 'number' });
  } else if (typeof value !== 'string' || !DECIMAL_TEXT.test(value)) {
    return fail('invalid_type', 'must be a number', { expected: 'number' });
  }
  if (rules.integerOnly && !(typeof value === 'number' ? Number.isInteger(value) : WHOLE_TEXT.test(value))) {
    return fail('invalid_type', 'must be a whole number', { expected: 'integer' });
  }
  const rounded = roundHalfUp(value, rules.decimals);
  if (!rounded) return fail('invalid_type', 'must be a number', { expected: 'number' });
  // Checked on the JSON number, not the decimal text: '9999999999999999' becomes 1e16 as a double,
  // which a numeric(18,2) column would refuse.
  if (Math.abs(rounded.value) >= 10 ** rules.maxIntegerDigits) {
    const limit = `${'9'.repeat(rules.maxIntegerDigits)}${rules.decimals > 0 ? `.${'9'.repeat(rules.decimals)}` : ''}`;
    return rounded.value < 0
      ? fail('too_small', `must be at least -${limit}`, { min: `-${limit}` })
      : fail('too_big', `must be at most ${limit}`, { max: limit });
  }
  if (rules.min !== undefined && rounded.value < rules.min) return fail('too_small', `must be at least ${rules.min}`, { min: rules.min });
  if (rules.max !== undefined && rounded.value > rules.max) return fail('too_big', `must be at most ${rules.max}`, { max: rules.max });
  return ok(rounded.value);
}
