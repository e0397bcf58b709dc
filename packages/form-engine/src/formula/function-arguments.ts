import type { FormulaDecimal } from './formula-decimal';
import type { FormulaCallContext } from './formula-function';
import {
  flattenValues,
  isBlank,
  isList,
  toInteger,
  toNumber,
  toText,
  type FormulaValue,
} from './formula-value';

/** The numbers among the arguments, lists spread out and empty values skipped (as SUM reads them). */
export function numbersOf(args: readonly FormulaValue[], context: FormulaCallContext): FormulaDecimal[] {
  return flattenValues(args, context.charge)
    .filter((value) => !isBlank(value))
    .map((value) => toNumber(value, context.name));
}

/** A value as a list: a list spread out, a single value as one item. */
export function listOf(value: FormulaValue, context: FormulaCallContext): FormulaValue[] {
  return isList(value) ? flattenValues([value], context.charge) : [value];
}

export function numberArg(value: FormulaValue, context: FormulaCallContext): FormulaDecimal {
  return toNumber(value, context.name);
}

export function textArg(value: FormulaValue, context: FormulaCallContext): string {
  return toText(value, context.name);
}

/** An optional whole-number argument; `fallback` when absent. */
export function integerArg(
  value: FormulaValue | undefined,
  context: FormulaCallContext,
  what: string,
  fallback?: number,
): number {
  if (value === undefined && fallback !== undefined) return fallback;
  return toInteger(value ?? null, context.name, what);
}

/** Text as Unicode characters (an emoji counts once). */
export function characters(text: string): string[] {
  return Array.from(text);
}
