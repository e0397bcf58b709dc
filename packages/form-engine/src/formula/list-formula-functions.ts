import { FORMULA_FUNCTION_LIST } from './formula-functions';
import type { FormulaFunctionInfo } from './formula-types';

/** The functions for the designer's picker, grouped by category. */
export function listFormulaFunctions(): FormulaFunctionInfo[] {
  return FORMULA_FUNCTION_LIST.map((fn) => ({
    name: fn.name,
    category: fn.category,
    minArgs: fn.minArgs,
    maxArgs: fn.maxArgs,
    syntax: fn.syntax,
    description: { ...fn.description },
  }));
}
