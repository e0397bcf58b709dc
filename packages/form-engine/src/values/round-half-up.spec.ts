import { plainDecimal } from './plain-decimal';
import { roundHalfUp } from './round-half-up';

describe('plainDecimal', () => {
  it.each([
    [0, '0'],
    [-0, '0'],
    [12, '12'],
    [-1234.5, '-1234.5'],
    [1e-7, '0.0000001'],
    [-1.5e-7, '-0.00000015'],
    [1.5e21, '1500000000000000000000'],
    [1.23e21, '1230000000000000000000'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('%p -> %p', (input, expected) => {
    expect(plainDecimal(input)).toBe(expected);
  });
});

describe('roundHalfUp', () => {
  it.each<[number | string, number, string]>([
    [1.005, 2, '1.01'], // binary 1.00499999999999989...: a float round would give 1.00
    [1.255, 2, '1.26'],
    [0.615, 2, '0.62'],
    [8.345, 2, '8.35'],
    [2.5, 0, '3'],
    [-2.5, 0, '-3'], // away from zero, like PostgreSQL numeric
    [-1.005, 2, '-1.01'],
    [9.995, 2, '10.00'],
    [99.5, 0, '100'],
    [-0.001, 2, '0.00'], // no negative zero
    [0.1 + 0.2, 2, '0.30'],
    [1e-7, 2, '0.00'],
    [123.456, 0, '123'],
    [12, 2, '12.00'],
    ['12.345', 2, '12.35'],
    ['-0.5', 0, '-1'],
    ['007.50', 1, '7.5'],
    ['+3', 0, '3'],
  ])('%p at %p places -> %p', (input, decimals, expected) => {
    expect(roundHalfUp(input, decimals)?.text).toBe(expected);
    expect(roundHalfUp(input, decimals)?.value).toBe(Number(expected));
  });

  it.each([NaN, Infinity, -Infinity, '1e3', '', ' 1', '1.', '.5', 'abc', '0x10'])('refuses %p', (input) => {
    expect(roundHalfUp(input, 2)).toBeNull();
  });
});
