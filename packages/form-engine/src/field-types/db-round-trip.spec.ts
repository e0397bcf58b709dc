import type { FieldType } from '@platform/schema';
import { getFieldType } from '../get-field-type';

const U1 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f';

/** Wire values (already coerced) that must survive toDb then fromDb unchanged. */
const samples: [FieldType, unknown[]][] = [
  ['text', ['Acme', "O'Brien; DROP TABLE x", '<b>x</b>', null]],
  ['textarea', ['line 1\nline 2', null]],
  ['email', ['li@example.com', null]],
  ['phone', ['13800138000', null]],
  ['url', ['https://example.com/a?b=1', null]],
  ['number', [0, 42, -7, 0.0000001, 123456789012345, null]],
  ['money', [1234.5, 0.01, -99.99, 9999999999999.99, null]],
  ['percent', [85, 12.5, null]],
  ['rating', [0, 5, null]],
  ['date', ['2024-02-29', '0001-01-01', null]],
  ['datetime', ['2024-05-01T00:30:00.000Z', '1970-01-01T00:00:00.001Z', null]],
  ['time', ['09:05:00', null]],
  ['select', ['a', null]],
  ['radio', ['b', null]],
  ['multiSelect', [['a', 'b'], []]],
  ['checkbox', [['b'], []]],
  ['switch', [true, false, null]],
  ['member', [U1, null]],
  ['members', [[U1], []]],
  ['department', [U1, null]],
  ['departments', [[U1], []]],
  ['moneyInWords', ['壹万贰仟元整', null]],
];

describe('toDb then fromDb', () => {
  it.each(samples.flatMap(([type, values]) => values.map((value) => [type, value] as const)))('%s %p', (type, value) => {
    const definition = getFieldType(type)!;
    expect(definition.fromDb(definition.toDb(value))).toEqual(value);
  });

  it('covers every value type in the registry', () => {
    const covered = new Set(samples.map(([type]) => type));
    for (const type of ['text', 'textarea', 'number', 'money', 'moneyInWords', 'percent', 'date', 'datetime', 'time', 'radio', 'checkbox', 'select', 'multiSelect', 'switch', 'rating', 'member', 'members', 'department', 'departments', 'phone', 'email', 'url'] as const) {
      expect(covered.has(type)).toBe(true);
    }
  });
});

describe('toDb', () => {
  it('sends numbers as plain decimal text, never exponent notation', () => {
    expect(getFieldType('number')!.toDb(0.0000001)).toBe('0.0000001');
    expect(getFieldType('number')!.toDb(123456789012345)).toBe('123456789012345');
    expect(getFieldType('money')!.toDb(1234.5)).toBe('1234.5');
  });

  it('sends empty arrays, never NULL, for array types', () => {
    expect(getFieldType('multiSelect')!.toDb(null)).toEqual([]);
    expect(getFieldType('members')!.toDb([])).toEqual([]);
  });

  it('sends null for empty scalars', () => {
    for (const type of ['text', 'number', 'date', 'datetime', 'switch', 'member'] as const) expect(getFieldType(type)!.toDb(null)).toBeNull();
  });
});

describe('fromDb, as the pg driver delivers', () => {
  it.each<[FieldType, unknown, unknown]>([
    ['number', '42', 42],
    ['number', '-0.0000001', -0.0000001],
    ['money', '1234.50', 1234.5],
    ['money', '0.00', 0],
    ['percent', '85', 85],
    ['rating', 4, 4],
    ['date', '2024-05-01', '2024-05-01'],
    ['date', new Date(2024, 4, 1), '2024-05-01'], // default pg parser: local midnight
    ['datetime', new Date('2024-05-01T00:30:00.000Z'), '2024-05-01T00:30:00.000Z'],
    ['datetime', '2024-05-01 08:30:00.123+08', '2024-05-01T00:30:00.123Z'],
    ['time', '09:05:00', '09:05:00'],
    ['switch', false, false],
    ['multiSelect', null, []],
    ['members', null, []],
    ['members', [U1], [U1]],
    ['text', null, null],
    ['number', null, null],
    ['datetime', null, null],
  ])('%s %p -> %p', (type, dbValue, wire) => {
    expect(getFieldType(type)!.fromDb(dbValue)).toEqual(wire);
  });
});
