import { FormulaDecimal } from './formula-decimal';
import { formulaError } from './formula-error';

/** A computed number, refused when it is not one or is out of range (beyond ±1e1000). */
export function checkNumber(value: FormulaDecimal, where: string): FormulaDecimal {
  if (value.isNaN()) formulaError(`${where}: the result is not a number`);
  if (!value.isFinite()) formulaError(`${where}: the result is too large a number`);
  return value;
}

export function divide(dividend: FormulaDecimal, divisor: FormulaDecimal, where: string): FormulaDecimal {
  if (divisor.isZero()) formulaError(`${where}: division by zero`);
  return checkNumber(dividend.div(divisor), where);
}

/** The remainder with the sign of the divisor, as spreadsheets give it: MOD(-7, 3) = 2. */
export function modulo(dividend: FormulaDecimal, divisor: FormulaDecimal, where: string): FormulaDecimal {
  if (divisor.isZero()) formulaError(`${where}: division by zero`);
  return checkNumber(dividend.mod(divisor), where);
}

export function power(base: FormulaDecimal, exponent: FormulaDecimal, where: string): FormulaDecimal {
  if (base.isZero() && exponent.isNegative() && !exponent.isZero()) formulaError(`${where}: division by zero`);
  if (base.isNegative() && !base.isZero() && !exponent.isInteger()) {
    formulaError(`${where}: a negative number has no fractional power`);
  }
  return checkNumber(base.pow(exponent), where);
}
