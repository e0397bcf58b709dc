import type { FormulaNode } from './formula-types';
import { parseFormula } from './parse-formula';

/** The tree as an S-expression: (op left right), (neg x), (FN args...), fields by key. */
function show(node: FormulaNode): string {
  switch (node.kind) {
    case 'number':
      return node.text;
    case 'string':
      return JSON.stringify(node.value);
    case 'boolean':
      return String(node.value);
    case 'null':
      return 'null';
    case 'field':
      return node.key;
    case 'column':
      return `${node.key}.${node.column}`;
    case 'unary':
      return `(${node.operator === '-' ? 'neg' : node.operator === '+' ? 'pos' : 'not'} ${show(node.operand)})`;
    case 'binary':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
    case 'call':
      return `(${[node.name, ...node.args.map(show)].join(' ')})`;
  }
}

function tree(expression: string): string {
  const parsed = parseFormula(expression);
  if (!parsed.ok) throw new Error(`${expression}: ${parsed.issue.message}`);
  return show(parsed.ast);
}

describe('parseFormula', () => {
  it.each([
    ['1 + 2 * 3 ^ 2', '(+ 1 (* 2 (^ 3 2)))'],
    ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
    ['1 - 2 - 3', '(- (- 1 2) 3)'],
    ['8 / 4 / 2', '(/ (/ 8 4) 2)'],
    ['2 ^ 3 ^ 2', '(^ 2 (^ 3 2))'],
    ['-2 ^ 2', '(neg (^ 2 2))'],
    ['2 ^ -1', '(^ 2 (neg 1))'],
    ['2 * -3', '(* 2 (neg 3))'],
    ['--3', '(neg (neg 3))'],
    ['+qty', '(pos qty)'],
    ['-qty * 2', '(* (neg qty) 2)'],
    ['7 % 3 * 2', '(* (% 7 3) 2)'],
    ['"a" & 1 + 2', '(& "a" (+ 1 2))'],
    ['a & b = c', '(= (& a b) c)'],
    ['a = 1 & 2', '(= a (& 1 2))'],
    ['a == b', '(= a b)'],
    ['a != b', '(!= a b)'],
    ['a <> b', '(!= a b)'],
    ['a < b and c >= d or e', '(or (and (< a b) (>= c d)) e)'],
    ['a || b && c', '(or a (and b c))'],
    ['a OR b AND c', '(or a (and b c))'],
    ['not a = b', '(not (= a b))'],
    ['!a && b', '(and (not a) b)'],
    ['not a or b', '(or (not a) b)'],
    ['NOT(a) and b', '(and (NOT a) b)'],
    ['sum(lines.amount, 2)', '(SUM lines.amount 2)'],
    ['Round(qty * unit_price, 2)', '(ROUND (* qty unit_price) 2)'],
    ['TODAY()', '(TODAY)'],
    ['true', 'true'],
    ['TRUE()', '(TRUE)'],
    ['False', 'false'],
    ['null', 'null'],
    ['{and} + {lines}.qty + {lines.price}', '(+ (+ and lines.qty) lines.price)'],
    ['{ not }', 'not'],
    ['1e3 + 0.5', '(+ 1e3 0.5)'],
    ['"say ""hi"""', '"say \\"hi\\""'],
    ["'it''s' & 'a\\'b'", `(& "it's" "a'b")`],
    ['"tab\\there"', '"tab\\there"'],
    ['IF(a > 1, "x", IF(b, "y", "z"))', '(IF (> a 1) "x" (IF b "y" "z"))'],
  ])('%s -> %s', (expression, expected) => {
    expect(tree(expression)).toBe(expected);
  });

  it.each<[string, number, string]>([
    ['1 +', 3, 'the formula ends where a value is expected'],
    ['(1 + 2', 6, 'expected ")" to close the "(" at 0, found the end of the formula'],
    ['1 + 2)', 5, 'unexpected ")": no "(" to close'],
    ['qty price', 4, 'unexpected "price": an operator or a comma may be missing before it'],
    ['"abc', 0, 'the text starting here has no closing "'],
    ['SUM(1,)', 6, 'unexpected ")" where a value is expected'],
    ['SUM(1 2)', 6, 'expected "," or ")" in the call of SUM, found "2"'],
    ['1 # 2', 2, 'unexpected character "#"'],
    ['SUM（1）', 3, 'full-width "（": type "(" instead'],
    ['a，b', 1, 'full-width "，": type "," instead'],
    ['a.b.c', 3, 'a reference reaches one level down only (subForm.column)'],
    ['lines.', 6, 'expected a column key after "lines.", found the end of the formula'],
    ['2x', 1, 'unexpected "x" after the number 2'],
    ['1 + 1e2000', 4, 'the number 1e2000 is too large'],
    ['{}', 0, 'empty field name {}'],
    ['{qty', 0, 'the field name starting here has no closing }'],
    ['and', 0, 'unexpected "and" where a value is expected (a field with this key is written {and})'],
    ['* 2', 0, 'unexpected "*" where a value is expected'],
    ['', 0, 'the formula ends where a value is expected'],
  ])('refuses %p at %p: %s', (expression, position, message) => {
    expect(parseFormula(expression)).toEqual({ ok: false, issue: { code: 'formula_syntax', message, position } });
  });

  it('refuses nesting deeper than 64 levels, and takes 64', () => {
    expect(parseFormula(`${'('.repeat(64)}1${')'.repeat(64)}`).ok).toBe(true);
    expect(parseFormula(`${'('.repeat(65)}1${')'.repeat(65)}`)).toEqual({
      ok: false,
      issue: { code: 'formula_too_complex', message: 'the formula nests more than 64 levels deep', position: 64 },
    });
    expect(parseFormula(`${'-'.repeat(100)}1`)).toMatchObject({ ok: false, issue: { code: 'formula_too_complex' } });
    expect(parseFormula(`${'ABS('.repeat(70)}1${')'.repeat(70)}`)).toMatchObject({ ok: false, issue: { code: 'formula_too_complex' } });
    expect(parseFormula(`2${' ^ 2'.repeat(70)}`)).toMatchObject({ ok: false, issue: { code: 'formula_too_complex' } });
  });

  it('takes a long flat chain but refuses more than 2,000 nodes', () => {
    expect(parseFormula(Array.from({ length: 1000 }, () => 'a').join(' + '))).toMatchObject({ ok: true, nodeCount: 1999 });
    expect(parseFormula(Array.from({ length: 1001 }, () => 'a').join('+'))).toEqual({
      ok: false,
      issue: { code: 'formula_too_complex', message: 'the formula has more than 2000 parts', position: 1999 },
    });
  });

  it('refuses more than 4,000 characters before reading them', () => {
    expect(parseFormula(`"${'x'.repeat(3998)}"`).ok).toBe(true);
    expect(parseFormula(`"${'x'.repeat(3999)}"`)).toEqual({
      ok: false,
      issue: { code: 'formula_too_long', message: 'the formula is longer than 4000 characters', position: 4000 },
    });
  });

  it('records where each node starts', () => {
    const parsed = parseFormula('qty * SUM(lines.amount)');
    expect(parsed).toMatchObject({
      ok: true,
      ast: {
        kind: 'binary',
        position: 4,
        left: { kind: 'field', key: 'qty', position: 0 },
        right: { kind: 'call', name: 'SUM', position: 6, args: [{ kind: 'column', key: 'lines', column: 'amount', position: 10 }] },
      },
    });
  });
});
