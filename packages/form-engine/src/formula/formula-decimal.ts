import { Decimal } from 'decimal.js';

/**
 * The decimal type of formulas: an isolated decimal.js constructor (the global one is left alone),
 * 40 significant digits for quotients, half away from zero. Exponents are capped at ±1000 so that a
 * number's plain text stays short; beyond that a result overflows to Infinity and is refused.
 */
export const FormulaDecimal = Decimal.clone({
  precision: 40,
  rounding: Decimal.ROUND_HALF_UP,
  toExpNeg: -1_100,
  toExpPos: 1_100,
  minE: -1_000,
  maxE: 1_000,
  // MOD and % take the sign of the divisor, as spreadsheets do: MOD(-7, 3) = 2.
  modulo: Decimal.ROUND_FLOOR,
});

export type FormulaDecimal = Decimal;

export const ROUND_UP = Decimal.ROUND_UP;
export const ROUND_DOWN = Decimal.ROUND_DOWN;
export const ROUND_HALF_UP = Decimal.ROUND_HALF_UP;
