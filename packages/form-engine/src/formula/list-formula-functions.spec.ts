import { listFormulaFunctions } from './list-formula-functions';

describe('listFormulaFunctions', () => {
  const functions = listFormulaFunctions();

  it('offers more than 60 functions, each once, in every category', () => {
    expect(functions.length).toBeGreaterThan(60);
    expect(new Set(functions.map((fn) => fn.name)).size).toBe(functions.length);
    expect(new Set(functions.map((fn) => fn.category))).toEqual(new Set(['math', 'text', 'date', 'logic', 'aggregate', 'money']));
  });

  it('describes each function in both languages, with a syntax that names it', () => {
    for (const fn of functions) {
      expect(fn.description['zh-CN']).not.toBe('');
      expect(fn.description['en-US']).not.toBe('');
      expect(fn.syntax.startsWith(`${fn.name}(`)).toBe(true);
      expect(fn.maxArgs === null || fn.maxArgs >= fn.minArgs).toBe(true);
    }
  });

  it('gives plain data the picker can send as JSON', () => {
    expect(JSON.parse(JSON.stringify(functions))).toEqual(functions);
    expect(functions.find((fn) => fn.name === 'ROUND')).toEqual({
      name: 'ROUND',
      category: 'math',
      minArgs: 1,
      maxArgs: 2,
      syntax: 'ROUND(number, [digits])',
      description: {
        'zh-CN': '四舍五入到指定小数位（负数位数舍到十位、百位…）',
        'en-US': 'Rounds half away from zero to digits (negative digits: tens, hundreds...)',
      },
    });
  });
});
