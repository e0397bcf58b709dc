import { momentInstant, parseStrictMoment, type Moment } from './formula-dates';
import { compareText, isBlank, isList, isNumber, parseNumericText, type FormulaValue } from './formula-value';

function compareMoments(a: Moment, b: Moment, timeZone: string): number {
  if (a.kind === 'date' && b.kind === 'date') return Math.sign(a.day - b.day);
  return Math.sign(momentInstant(a, timeZone) - momentInstant(b, timeZone));
}

/**
 * The order of two non-empty values: negative, 0 or positive; null when they cannot be ordered (text
 * with a number, a list...). Numbers order by value (numeric text too), dates and datetimes in time
 * (a date stands for the start of its day in the time zone), other text by code point, false < true.
 */
export function orderValues(a: FormulaValue, b: FormulaValue, timeZone: string): number | null {
  if (isNumber(a)) {
    if (isNumber(b)) return a.comparedTo(b);
    if (typeof b === 'string') {
      const number = parseNumericText(b);
      return number ? a.comparedTo(number) : null;
    }
    return null;
  }
  if (typeof a === 'string') {
    if (isNumber(b)) {
      const number = parseNumericText(a);
      return number ? number.comparedTo(b) : null;
    }
    if (typeof b !== 'string') return null;
    const momentA = parseStrictMoment(a);
    const momentB = momentA ? parseStrictMoment(b) : null;
    if (momentA && momentB) return compareMoments(momentA, momentB, timeZone);
    return Math.sign(compareText(a, b));
  }
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return null;
}

/** `=`: two empty values are equal, an empty and a non-empty one never; lists equal item by item. */
export function valuesEqual(a: FormulaValue, b: FormulaValue, timeZone: string): boolean {
  const aBlank = isBlank(a);
  const bBlank = isBlank(b);
  if (aBlank || bBlank) return aBlank && bBlank;
  if (isList(a) || isList(b)) {
    if (!isList(a) || !isList(b) || a.length !== b.length) return false;
    return a.every((item, index) => valuesEqual(item, b[index], timeZone));
  }
  return orderValues(a, b, timeZone) === 0;
}
