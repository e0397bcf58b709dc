import type { DisplayLocale } from '../field-type-definition';
import type { FormulaCategory } from './formula-types';
import type { Charge, FormulaValue } from './formula-value';

/** What a function's implementation may use besides its arguments. */
export type FormulaCallContext = {
  /** The function's name, to start messages with. */
  readonly name: string;
  readonly now: Date;
  readonly timeZone: string;
  readonly charge: Charge;
};

/** An argument of a lazy function: evaluated on first call, at most once. */
export type LazyArgument = () => FormulaValue;

type FormulaFunctionBase = {
  /** Upper case; calls are case-insensitive. */
  name: string;
  category: FormulaCategory;
  minArgs: number;
  /** null: any number of arguments. */
  maxArgs: number | null;
  /** The arguments come in pairs (IFS). */
  evenArgs?: boolean;
  syntax: string;
  description: Record<DisplayLocale, string>;
};

/** One entry of the function registry: a small object, as field types are. */
export type FormulaFunction =
  | (FormulaFunctionBase & { lazy?: false; call: (args: FormulaValue[], context: FormulaCallContext) => FormulaValue })
  /** Lazy functions (IF, AND, IFERROR...) evaluate only the arguments they need. */
  | (FormulaFunctionBase & { lazy: true; call: (args: LazyArgument[], context: FormulaCallContext) => FormulaValue });

/** Why a number of arguments does not suit a function, or null when it does. */
export function arityProblem(fn: FormulaFunction, count: number): string | null {
  const { name, minArgs, maxArgs } = fn;
  const plural = (n: number): string => `${n} argument${n === 1 ? '' : 's'}`;
  const expected =
    maxArgs === null ? `at least ${plural(minArgs)}`
    : minArgs === maxArgs ? plural(minArgs)
    : `${minArgs} to ${plural(maxArgs)}`;
  if (count < minArgs || (maxArgs !== null && count > maxArgs)) return `${name} takes ${expected}, not ${count}`;
  if (fn.evenArgs && count % 2 !== 0) return `${name} takes its arguments in pairs, not ${count}`;
  return null;
}
