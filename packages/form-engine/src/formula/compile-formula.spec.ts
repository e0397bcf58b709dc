import { compileFormula } from './compile-formula';

describe('compileFormula', () => {
  it('gives the formula and the fields it reads, each once, in order of appearance', () => {
    const compiled = compileFormula('qty * unit_price + SUM(lines.amount) - qty + {lines}.tax', {
      fieldKeys: ['qty', 'unit_price', 'lines', 'lines.amount', 'lines.tax'],
    });
    expect(compiled).toMatchObject({
      ok: true,
      references: ['qty', 'unit_price', 'lines'],
      formula: {
        expression: 'qty * unit_price + SUM(lines.amount) - qty + {lines}.tax',
        references: ['qty', 'unit_price', 'lines'],
        columnReferences: ['lines.amount', 'lines.tax'],
      },
    });
  });

  it('checks nothing about fields without fieldKeys', () => {
    expect(compileFormula('anything + at.all')).toMatchObject({ ok: true, references: ['anything', 'at'] });
  });

  it('reports unknown fields, unknown functions and wrong arity together, in order', () => {
    expect(compileFormula('SUMM(qty) + ROUND(1, 2, 3) + IFS(true) + prise + lines.qtty', { fieldKeys: ['qty', 'lines', 'lines.qty'] })).toEqual({
      ok: false,
      issues: [
        { code: 'formula_unknown_function', message: 'unknown function SUMM', position: 0, params: { name: 'SUMM' } },
        { code: 'formula_arity', message: 'ROUND takes 1 to 2 arguments, not 3', position: 12, params: { name: 'ROUND', count: 3 } },
        { code: 'formula_arity', message: 'IFS takes at least 2 arguments, not 1', position: 29, params: { name: 'IFS', count: 1 } },
        { code: 'formula_unknown_field', message: 'unknown field "prise"', position: 41, params: { key: 'prise' } },
        { code: 'formula_unknown_field', message: 'unknown field "lines.qtty"', position: 49, params: { key: 'lines.qtty' } },
      ],
    });
  });

  it.each<[string, string]>([
    ['TODAY(1)', 'TODAY takes 0 arguments, not 1'],
    ['ABS()', 'ABS takes 1 argument, not 0'],
    ['IFS(a, 1, b)', 'IFS takes its arguments in pairs, not 3'],
    ['SWITCH(a, 1)', 'SWITCH takes at least 3 arguments, not 2'],
  ])('%s: %s', (expression, message) => {
    expect(compileFormula(expression)).toEqual({
      ok: false,
      issues: [expect.objectContaining({ code: 'formula_arity', message })],
    });
  });

  it('checks a sub-form column only when fieldKeys lists columns of that sub-form', () => {
    expect(compileFormula('SUM(lines.anything)', { fieldKeys: ['lines'] }).ok).toBe(true);
    expect(compileFormula('SUM(rows.amount)', { fieldKeys: ['lines'] })).toMatchObject({
      ok: false,
      issues: [{ code: 'formula_unknown_field', message: 'unknown field "rows"' }],
    });
  });

  it('names functions case-insensitively and fields exactly', () => {
    expect(compileFormula('round(Qty, 2)', { fieldKeys: ['qty'] })).toMatchObject({
      ok: false,
      issues: [{ code: 'formula_unknown_field', message: 'unknown field "Qty"' }],
    });
  });

  it.each<[string, string]>([
    ['', 'formula_syntax'],
    ['   ', 'formula_syntax'],
    ['1 +', 'formula_syntax'],
    ['x'.repeat(4001), 'formula_too_long'],
    [`${'('.repeat(65)}1${')'.repeat(65)}`, 'formula_too_complex'],
    [Array.from({ length: 1001 }, () => '1').join('+'), 'formula_too_complex'],
  ])('refuses %#: %s', (expression, code) => {
    const compiled = compileFormula(expression);
    expect(compiled).toMatchObject({ ok: false, issues: [{ code }] });
  });

  it('does not throw on input that is not text', () => {
    expect(compileFormula(42 as unknown as string)).toMatchObject({ ok: false, issues: [{ code: 'formula_syntax' }] });
  });
});
