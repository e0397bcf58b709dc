import { compileFormula } from './compile-formula';
import type { CompileFormulaResult } from './formula-types';

// Compiled expressions are plain data: cached by text, so that a record write does not parse them again.
const compiled = new Map<string, CompileFormulaResult>();
const COMPILED_CACHE_SIZE = 1_000;

/** compileFormula with a bounded cache (formula fields and default formulas share it). */
export function compileCached(expression: string): CompileFormulaResult {
  let result = compiled.get(expression);
  if (!result) {
    if (compiled.size >= COMPILED_CACHE_SIZE) compiled.clear();
    result = compileFormula(expression);
    compiled.set(expression, result);
  }
  return result;
}
