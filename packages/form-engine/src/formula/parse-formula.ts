import { FormulaDecimal } from './formula-decimal';
import { FORMULA_LIMITS } from './formula-limits';
import type { FormulaBinaryOperator, FormulaIssue, FormulaIssueCode, FormulaNode } from './formula-types';
import { tokenizeFormula, type FormulaToken } from './tokenize-formula';

export type ParseFormulaResult = { ok: true; ast: FormulaNode; nodeCount: number } | { ok: false; issue: FormulaIssue };

/**
 * Binding powers, loosest first: or, and, not, comparisons, & (text), + -, * / %, unary - +, ^ (right
 * associative, so 2^3^2 = 2^9 and -2^2 = -4 as in mathematics; spreadsheets give 4).
 */
const INFIX = new Map<string, { power: number; operator: FormulaBinaryOperator }>(Object.entries({
  or: { power: 10, operator: 'or' },
  '||': { power: 10, operator: 'or' },
  and: { power: 20, operator: 'and' },
  '&&': { power: 20, operator: 'and' },
  '=': { power: 30, operator: '=' },
  '==': { power: 30, operator: '=' },
  '!=': { power: 30, operator: '!=' },
  '<>': { power: 30, operator: '!=' },
  '<': { power: 30, operator: '<' },
  '<=': { power: 30, operator: '<=' },
  '>': { power: 30, operator: '>' },
  '>=': { power: 30, operator: '>=' },
  '&': { power: 40, operator: '&' },
  '+': { power: 50, operator: '+' },
  '-': { power: 50, operator: '-' },
  '*': { power: 60, operator: '*' },
  '/': { power: 60, operator: '/' },
  '%': { power: 60, operator: '%' },
  '^': { power: 80, operator: '^' },
} as const));
const NOT_POWER = 25;
const UNARY_POWER = 70;
const KEYWORDS = new Set(['true', 'false', 'null', 'and', 'or', 'not']);

class ParseFailure {
  constructor(
    readonly code: FormulaIssueCode,
    readonly message: string,
    readonly position: number,
  ) {}
}

function describeToken(token: FormulaToken): string {
  return token.type === 'end' ? 'the end of the formula' : JSON.stringify(token.text);
}

class Parser {
  private index = 0;
  private nesting = 0;
  nodeCount = 0;

  constructor(private readonly tokens: FormulaToken[]) {}

  parse(): FormulaNode {
    const ast = this.expression(0);
    const next = this.peek();
    if (next.type !== 'end') {
      const hint = next.type === ')' ? ': no "(" to close' : ': an operator or a comma may be missing before it';
      throw new ParseFailure('formula_syntax', `unexpected ${describeToken(next)}${hint}`, next.position);
    }
    return ast;
  }

  private peek(offset = 0): FormulaToken {
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)];
  }

  private next(): FormulaToken {
    const token = this.peek();
    if (token.type !== 'end') this.index++;
    return token;
  }

  private node<T extends FormulaNode>(node: T): T {
    this.nodeCount++;
    if (this.nodeCount > FORMULA_LIMITS.maxNodes) {
      throw new ParseFailure('formula_too_complex', `the formula has more than ${FORMULA_LIMITS.maxNodes} parts`, node.position);
    }
    return node;
  }

  private nested<T>(position: number, parse: () => T): T {
    this.nesting++;
    if (this.nesting > FORMULA_LIMITS.maxNesting) {
      throw new ParseFailure('formula_too_complex', `the formula nests more than ${FORMULA_LIMITS.maxNesting} levels deep`, position);
    }
    const result = parse();
    this.nesting--;
    return result;
  }

  private expression(minPower: number): FormulaNode {
    let left = this.prefix();
    for (;;) {
      const token = this.peek();
      const key = token.type === 'operator' ? token.text : token.type === 'name' ? token.text.toLowerCase() : null;
      const infix = key === null ? undefined : INFIX.get(key);
      if (infix === undefined || (token.type === 'name' && key !== 'and' && key !== 'or')) break;
      if (infix.power <= minPower) break;
      this.next();
      const right =
        infix.operator === '^'
          ? this.nested(token.position, () => this.expression(infix.power - 1))
          : this.expression(infix.power);
      left = this.node({ kind: 'binary', operator: infix.operator, left, right, position: token.position });
    }
    return left;
  }

  private prefix(): FormulaNode {
    const token = this.next();
    switch (token.type) {
      case 'number':
        if (!new FormulaDecimal(token.text).isFinite()) {
          throw new ParseFailure('formula_syntax', `the number ${token.text} is too large`, token.position);
        }
        return this.node({ kind: 'number', text: token.text, position: token.position });
      case 'string':
        return this.node({ kind: 'string', value: token.value, position: token.position });
      case 'bracedName': {
        const dot = token.value.indexOf('.');
        if (dot > 0) {
          const key = token.value.slice(0, dot).trim();
          const column = token.value.slice(dot + 1).trim();
          return this.node({ kind: 'column', key, column, position: token.position });
        }
        return this.reference(token.value, token.position);
      }
      case 'name':
        return this.name(token);
      case '(': {
        const inner = this.nested(token.position, () => this.expression(0));
        const close = this.next();
        if (close.type !== ')') {
          throw new ParseFailure('formula_syntax', `expected ")" to close the "(" at ${token.position}, found ${describeToken(close)}`, close.position);
        }
        return inner;
      }
      case 'operator':
        if (token.text === '-' || token.text === '+') {
          const operand = this.nested(token.position, () => this.expression(UNARY_POWER));
          return this.node({ kind: 'unary', operator: token.text, operand, position: token.position });
        }
        if (token.text === '!') return this.not(token.position);
        break;
      default:
        break;
    }
    const message =
      token.type === 'end' ? 'the formula ends where a value is expected' : `unexpected ${describeToken(token)} where a value is expected`;
    throw new ParseFailure('formula_syntax', message, token.position);
  }

  private not(position: number): FormulaNode {
    const operand = this.nested(position, () => this.expression(NOT_POWER));
    return this.node({ kind: 'unary', operator: 'not', operand, position });
  }

  private name(token: FormulaToken): FormulaNode {
    const lower = token.text.toLowerCase();
    if (this.peek().type === '(') return this.call(token);
    if (KEYWORDS.has(lower)) {
      if (lower === 'true' || lower === 'false') return this.node({ kind: 'boolean', value: lower === 'true', position: token.position });
      if (lower === 'null') return this.node({ kind: 'null', position: token.position });
      if (lower === 'not') return this.not(token.position);
      throw new ParseFailure(
        'formula_syntax',
        `unexpected "${token.text}" where a value is expected (a field with this key is written {${token.text}})`,
        token.position,
      );
    }
    return this.reference(token.text, token.position);
  }

  private reference(key: string, position: number): FormulaNode {
    if (this.peek().type !== '.') return this.node({ kind: 'field', key, position });
    this.next();
    const column = this.next();
    if (column.type !== 'name' && column.type !== 'bracedName') {
      throw new ParseFailure('formula_syntax', `expected a column key after "${key}.", found ${describeToken(column)}`, column.position);
    }
    if (this.peek().type === '.') {
      throw new ParseFailure('formula_syntax', 'a reference reaches one level down only (subForm.column)', this.peek().position);
    }
    return this.node({ kind: 'column', key, column: column.value, position });
  }

  private call(nameToken: FormulaToken): FormulaNode {
    const open = this.next();
    const args = this.nested(open.position, () => {
      const parsed: FormulaNode[] = [];
      if (this.peek().type === ')') {
        this.next();
        return parsed;
      }
      for (;;) {
        parsed.push(this.expression(0));
        const separator = this.next();
        if (separator.type === ')') return parsed;
        if (separator.type !== ',') {
          throw new ParseFailure(
            'formula_syntax',
            `expected "," or ")" in the call of ${nameToken.text.toUpperCase()}, found ${describeToken(separator)}`,
            separator.position,
          );
        }
      }
    });
    return this.node({ kind: 'call', name: nameToken.text.toUpperCase(), args, position: nameToken.position });
  }
}

/** Parses an expression into its syntax tree, or gives the first syntax problem with its position. */
export function parseFormula(expression: string): ParseFormulaResult {
  if (expression.length > FORMULA_LIMITS.maxLength) {
    return {
      ok: false,
      issue: {
        code: 'formula_too_long',
        message: `the formula is longer than ${FORMULA_LIMITS.maxLength} characters`,
        position: FORMULA_LIMITS.maxLength,
      },
    };
  }
  const tokenized = tokenizeFormula(expression);
  if (!tokenized.ok) return tokenized;
  const parser = new Parser(tokenized.tokens);
  try {
    const ast = parser.parse();
    return { ok: true, ast, nodeCount: parser.nodeCount };
  } catch (error) {
    if (error instanceof ParseFailure) {
      return { ok: false, issue: { code: error.code, message: error.message, position: error.position } };
    }
    // Only a stack overflow could get here; the nesting limit is far below any real stack.
    return { ok: false, issue: { code: 'formula_too_complex', message: 'the formula is too complex', position: 0 } };
  }
}
