import type { FormulaIssue } from './formula-types';

export type FormulaTokenType =
  | 'number'
  | 'string'
  /** A name: a field key, a function name or a keyword (true, false, null, and, or, not). */
  | 'name'
  /** `{key}`: always a field key, even one spelled like a keyword. */
  | 'bracedName'
  | 'operator'
  | '('
  | ')'
  | ','
  | '.'
  | 'end';

/** `text` is the source text; `value` the meaning (a string literal unescaped, a braced key trimmed). */
export type FormulaToken = { type: FormulaTokenType; text: string; value: string; position: number };

export type TokenizeResult = { ok: true; tokens: FormulaToken[] } | { ok: false; issue: FormulaIssue };

const OPERATORS = ['==', '!=', '<>', '<=', '>=', '&&', '||', '+', '-', '*', '/', '%', '^', '&', '=', '<', '>', '!'];
const NUMBER = /\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const NAME = /[A-Za-z_][A-Za-z0-9_]*/y;
const NAME_CHAR = /[A-Za-z0-9_]/;
const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', '"': '"', "'": "'" };
/** Full-width punctuation typed with a Chinese input method, and what was meant. */
const FULL_WIDTH: Record<string, string> = {
  '（': '(', '）': ')', '，': ',', '“': '"', '”': '"', '‘': "'", '’': "'", '＋': '+', '－': '-',
  '×': '*', '÷': '/', '＊': '*', '／': '/', '＝': '=', '＜': '<', '＞': '>', '；': ',', '。': '.',
};

function syntaxIssue(message: string, position: number): TokenizeResult {
  return { ok: false, issue: { code: 'formula_syntax', message, position } };
}

/** Splits an expression into tokens; the first character that starts no token is reported with its position. */
export function tokenizeFormula(expression: string): TokenizeResult {
  const tokens: FormulaToken[] = [];
  let index = 0;
  while (index < expression.length) {
    const char = expression[index];
    if (/\s/.test(char)) {
      index++;
      continue;
    }
    const start = index;
    if (char >= '0' && char <= '9') {
      NUMBER.lastIndex = index;
      const text = NUMBER.exec(expression)?.[0] ?? char;
      index += text.length;
      if (index < expression.length && NAME_CHAR.test(expression[index])) {
        return syntaxIssue(`unexpected ${JSON.stringify(expression[index])} after the number ${text}`, index);
      }
      tokens.push({ type: 'number', text, value: text, position: start });
      continue;
    }
    if (char === '"' || char === "'") {
      let value = '';
      index++;
      let closed = false;
      while (index < expression.length) {
        const current = expression[index];
        if (current === '\\' && index + 1 < expression.length) {
          const escaped = expression[index + 1];
          value += ESCAPES[escaped] ?? escaped;
          index += 2;
        } else if (current === char) {
          if (expression[index + 1] === char) {
            // A doubled quote stands for itself, as in spreadsheets: "say ""hi""".
            value += char;
            index += 2;
          } else {
            index++;
            closed = true;
            break;
          }
        } else {
          value += current;
          index++;
        }
      }
      if (!closed) return syntaxIssue(`the text starting here has no closing ${char}`, start);
      tokens.push({ type: 'string', text: expression.slice(start, index), value, position: start });
      continue;
    }
    if (char === '{') {
      const close = expression.indexOf('}', index);
      if (close < 0) return syntaxIssue('the field name starting here has no closing }', start);
      const key = expression.slice(index + 1, close).trim();
      if (key === '') return syntaxIssue('empty field name {}', start);
      index = close + 1;
      tokens.push({ type: 'bracedName', text: expression.slice(start, index), value: key, position: start });
      continue;
    }
    NAME.lastIndex = index;
    const name = NAME.exec(expression)?.[0];
    if (name !== undefined) {
      index += name.length;
      tokens.push({ type: 'name', text: name, value: name, position: start });
      continue;
    }
    if (char === '(' || char === ')' || char === ',' || char === '.') {
      index++;
      tokens.push({ type: char, text: char, value: char, position: start });
      continue;
    }
    const operator = OPERATORS.find((candidate) => expression.startsWith(candidate, index));
    if (operator !== undefined) {
      index += operator.length;
      tokens.push({ type: 'operator', text: operator, value: operator, position: start });
      continue;
    }
    const codePoint = String.fromCodePoint(expression.codePointAt(index) ?? 0);
    const meant = FULL_WIDTH[codePoint];
    return syntaxIssue(
      meant === undefined
        ? `unexpected character ${JSON.stringify(codePoint)}`
        : `full-width ${JSON.stringify(codePoint)}: type ${JSON.stringify(meant)} instead`,
      start,
    );
  }
  tokens.push({ type: 'end', text: '', value: '', position: expression.length });
  return { ok: true, tokens };
}
