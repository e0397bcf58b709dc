import { plainDecimal } from '../values/plain-decimal';
import { roundHalfUp } from '../values/round-half-up';
import { DAY_MS, formatDay, formatInstant, instantOfWallClock, momentDay, parseStrictMoment } from './formula-dates';
import { FormulaError } from './formula-error';
import type { FormulaResultType } from './formula-types';

const NUMERIC_TEXT = /^[+-]?\d+(?:\.\d+)?$/;

function decimalText(value: unknown): string | null {
  if (typeof value === 'number') return Number.isFinite(value) ? plainDecimal(value) : null;
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'string' && NUMERIC_TEXT.test(value.trim())) return value.trim().replace(/^\+/, '');
  return null;
}

function textOf(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? plainDecimal(value) : null;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) {
    const parts = value.map(textOf).filter((part): part is string => part !== null);
    return parts.length === 0 ? null : parts.join(', ');
  }
  return null;
}

function wholeDecimals(decimals: number | undefined): number | undefined {
  return decimals !== undefined && Number.isInteger(decimals) && decimals >= 0 && decimals <= 20 ? decimals : undefined;
}

/**
 * An evaluated value as a formula field stores it, per `resultType` (VALUES.md): number rounded half
 * away from zero at `decimals` from decimal text; text ('' is empty, numbers in plain decimals, with
 * `decimals` fraction digits when given); date 'YYYY-MM-DD' (a datetime's day in `timeZone`); datetime
 * ISO in UTC (a date's midnight in `timeZone`); boolean. A value that has no such reading gives null.
 */
export function coerceFormulaResult(
  value: unknown,
  resultType: FormulaResultType,
  decimals?: number,
  timeZone = 'UTC',
): number | string | boolean | null {
  const places = wholeDecimals(decimals);
  switch (resultType) {
    case 'number': {
      const text = decimalText(value);
      if (text === null) return null;
      const rounded = roundHalfUp(text, places ?? Math.max(text.split('.')[1]?.length ?? 0, 0));
      return rounded && Number.isFinite(rounded.value) ? rounded.value : null;
    }
    case 'text': {
      if (places !== undefined && typeof value === 'number') return roundHalfUp(value, places)?.text ?? null;
      return textOf(value);
    }
    case 'boolean': {
      if (typeof value === 'boolean') return value;
      if (typeof value === 'number') return Number.isFinite(value) ? value !== 0 : null;
      const lower = typeof value === 'string' ? value.trim().toLowerCase() : '';
      return lower === 'true' ? true : lower === 'false' ? false : null;
    }
    case 'date':
    case 'datetime': {
      const moment = typeof value === 'string' ? parseStrictMoment(value.trim()) : null;
      if (moment === null) return null;
      try {
        if (resultType === 'date') return formatDay(momentDay(moment, timeZone));
        const instant = moment.kind === 'date' ? instantOfWallClock(moment.day * DAY_MS, timeZone) : moment.instant;
        return formatInstant(instant, 'datetime');
      } catch (error) {
        if (error instanceof FormulaError) return null;
        throw error;
      }
    }
    default:
      return null;
  }
}
