import { arityProblem } from './formula-function';
import { FORMULA_FUNCTIONS } from './formula-functions';
import type { CompileFormulaOptions, CompileFormulaResult, FormulaIssue, FormulaNode } from './formula-types';
import { parseFormula } from './parse-formula';

function childrenOf(node: FormulaNode): FormulaNode[] {
  switch (node.kind) {
    case 'unary':
      return [node.operand];
    case 'binary':
      return [node.left, node.right];
    case 'call':
      return node.args;
    default:
      return [];
  }
}

/**
 * Parses and checks an expression: syntax, known functions and their argument counts, and (given
 * `fieldKeys`) the fields it references. Never throws; issues carry a code, a message and a position.
 */
export function compileFormula(expression: string, options: CompileFormulaOptions = {}): CompileFormulaResult {
  if (typeof expression !== 'string' || expression.trim() === '') {
    return { ok: false, issues: [{ code: 'formula_syntax', message: 'the formula is empty', position: 0 }] };
  }
  const parsed = parseFormula(expression);
  if (!parsed.ok) return { ok: false, issues: [parsed.issue] };

  const knownKeys = options.fieldKeys ? new Set(options.fieldKeys) : null;
  const issues: FormulaIssue[] = [];
  const references: string[] = [];
  const columnReferences: string[] = [];
  const reference = (list: string[], key: string): void => {
    if (!list.includes(key)) list.push(key);
  };
  const hasColumnList = (key: string): boolean => options.fieldKeys?.some((path) => path.startsWith(`${key}.`)) ?? false;

  // Depth-first in source order, with an explicit stack: the tree may be a long chain.
  const stack: FormulaNode[] = [parsed.ast];
  while (stack.length > 0) {
    const node = stack.pop() as FormulaNode;
    if (node.kind === 'field' || node.kind === 'column') {
      reference(references, node.key);
      const path = node.kind === 'column' ? `${node.key}.${node.column}` : node.key;
      if (node.kind === 'column') reference(columnReferences, path);
      if (knownKeys) {
        const unknown = !knownKeys.has(node.key) ? node.key : node.kind === 'column' && hasColumnList(node.key) && !knownKeys.has(path) ? path : null;
        if (unknown !== null) {
          issues.push({ code: 'formula_unknown_field', message: `unknown field "${unknown}"`, position: node.position, params: { key: unknown } });
        }
      }
    } else if (node.kind === 'call') {
      const fn = FORMULA_FUNCTIONS.get(node.name);
      if (fn === undefined) {
        issues.push({ code: 'formula_unknown_function', message: `unknown function ${node.name}`, position: node.position, params: { name: node.name } });
      } else {
        const problem = arityProblem(fn, node.args.length);
        if (problem !== null) {
          issues.push({ code: 'formula_arity', message: problem, position: node.position, params: { name: fn.name, count: node.args.length } });
        }
      }
    }
    stack.push(...[...childrenOf(node)].reverse());
  }

  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => a.position - b.position) };
  const formula = { expression, ast: parsed.ast, references: [...references], columnReferences };
  return { ok: true, formula, references };
}
