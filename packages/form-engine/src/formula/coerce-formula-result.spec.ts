import { coerceFormulaResult } from './coerce-formula-result';
import type { FormulaResultType } from './formula-types';

describe('coerceFormulaResult', () => {
  it.each<[unknown, FormulaResultType, number | undefined, unknown]>([
    [59.97, 'number', 2, 59.97],
    [1.005, 'number', 2, 1.01],
    [-2.5, 'number', 0, -3],
    [8.345, 'number', 2, 8.35],
    [0.1 + 0.2, 'number', 2, 0.3],
    [12.3456, 'number', undefined, 12.3456],
    ['12.5', 'number', 0, 13],
    [true, 'number', 0, 1],
    ['abc', 'number', 2, null],
    [null, 'number', 2, null],
    [Infinity, 'number', 2, null],
    [3.5, 'text', 2, '3.50'],
    [3.5, 'text', undefined, '3.5'],
    [1e21, 'text', undefined, '1000000000000000000000'],
    ['', 'text', undefined, null],
    ['abc', 'text', undefined, 'abc'],
    [false, 'text', undefined, 'false'],
    [['a', null, 'b'], 'text', undefined, 'a, b'],
    ['2024-02-29', 'date', undefined, '2024-02-29'],
    ['2024-02-29T16:30:00Z', 'date', undefined, '2024-02-29'],
    ['2023-02-29', 'date', undefined, null],
    [20240229, 'date', undefined, null],
    ['2024-02-29T16:30:00+08:00', 'datetime', undefined, '2024-02-29T08:30:00.000Z'],
    ['2024-02-29', 'datetime', undefined, '2024-02-29T00:00:00.000Z'],
    ['soon', 'datetime', undefined, null],
    [true, 'boolean', undefined, true],
    [0, 'boolean', undefined, false],
    ['TRUE', 'boolean', undefined, true],
    ['yes', 'boolean', undefined, null],
    [null, 'boolean', undefined, null],
  ])('%p as %s (decimals %p) -> %p', (value, resultType, decimals, expected) => {
    expect(coerceFormulaResult(value, resultType, decimals)).toEqual(expected);
  });

  it('reads calendar days in the time zone it is given', () => {
    expect(coerceFormulaResult('2024-02-29T16:30:00Z', 'date', undefined, 'Asia/Shanghai')).toBe('2024-03-01');
    expect(coerceFormulaResult('2024-03-01', 'datetime', undefined, 'Asia/Shanghai')).toBe('2024-02-29T16:00:00.000Z');
  });
});
