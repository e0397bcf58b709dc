import { aggregateFunctions } from './aggregate-functions';
import { dateFunctions } from './date-functions';
import type { FormulaFunction } from './formula-function';
import { logicFunctions } from './logic-functions';
import { mathFunctions } from './math-functions';
import { moneyFunctions } from './money-functions';
import { textFunctions } from './text-functions';

/** Every formula function, by category. Adding one is adding an entry to one of these lists. */
export const FORMULA_FUNCTION_LIST: readonly FormulaFunction[] = [
  ...mathFunctions,
  ...textFunctions,
  ...dateFunctions,
  ...logicFunctions,
  ...aggregateFunctions,
  ...moneyFunctions,
];

/** The registry by upper-case name (a Map: no inherited names). */
export const FORMULA_FUNCTIONS: ReadonlyMap<string, FormulaFunction> = new Map(FORMULA_FUNCTION_LIST.map((fn) => [fn.name, fn]));
