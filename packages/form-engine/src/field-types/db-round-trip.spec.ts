import type { FieldDefinition, FieldType } from '@platform/schema';
import { fieldTypeFor } from '../field-type-for';
import { getFieldType } from '../get-field-type';
import { listFieldTypes } from '../list-field-types';

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
  ['idNumber', ['11010519491231002X', 'E12345678', null]],
  ['richText', ['<p>Hi <b>x</b> &amp; <a href="https://example.com" rel="noopener noreferrer" target="_blank">y</a></p>', null]],
  ['dateRange', [{ start: '2024-05-01', end: '2024-05-03' }, null]],
  ['location', [{ lng: 116.397428, lat: 39.90923, address: '北京市东城区' }, { lng: -0.5, lat: 0, address: null }, null]],
  ['cascader', [['zj', 'hz', 'xh'], []]],
  ['serialNumber', ['QT-20261127-0001', null]],
  ['relation', [U1, null]],
  ['subForm', [[{ id: U1, qty: 2, note: null }], []]],
];

/** Types whose storage depends on their options: through the entry as it applies to the field. */
const byOptions: [string, FieldDefinition, unknown[]][] = [
  ['relation to many', { key: 'r', type: 'relation', label: 'R', options: { targetForm: 'customer', multiple: true } }, [[U1], []]],
  ['rollup number', { key: 'r', type: 'rollup', label: 'R', options: { relationField: 'lines', aggregate: 'sum', resultType: 'number' } }, [12.5, 0, null]],
  ['rollup date', { key: 'r', type: 'rollup', label: 'R', options: { relationField: 'lines', aggregate: 'max', resultType: 'date' } }, ['2026-11-27', null]],
  ['lookup through one', { key: 'l', type: 'lookup', label: 'L', options: { relationField: 'c', targetField: 'n', valueField: { key: 'n', type: 'money', label: 'N' }, many: false } }, [1234.5, null]],
  ['lookup through many', { key: 'l', type: 'lookup', label: 'L', options: { relationField: 'c', targetField: 'n', valueField: { key: 'n', type: 'text', label: 'N' }, many: true } }, [['a', 'b'], []]],
];

const formula = (resultType: string, decimals?: number): FieldDefinition => ({ key: 'f', type: 'formula', label: 'F', options: { expression: '1', resultType, decimals } });

/** Formula values per result type, through the entry as it applies to the field. */
const formulaSamples: [string, unknown[]][] = [
  ['number', [0, 42.5, -0.0000001, 123456789012345, null]],
  ['text', ['007', '42', 'a\nb', null]],
  ['date', ['2024-02-29', null]],
  ['datetime', ['2024-05-01T00:30:00.000Z', null]],
  ['boolean', [true, false, null]],
];

describe('toDb then fromDb', () => {
  it.each(samples.flatMap(([type, values]) => values.map((value) => [type, value] as const)))('%s %p', (type, value) => {
    const definition = getFieldType(type)!;
    expect(definition.fromDb(definition.toDb(value))).toEqual(value);
  });

  it.each(formulaSamples.flatMap(([resultType, values]) => values.map((value) => [resultType, value] as const)))('%s formula %p', (resultType, value) => {
    const definition = fieldTypeFor(formula(resultType))!;
    expect(definition.fromDb(definition.toDb(value))).toEqual(value);
  });

  it.each(byOptions.flatMap(([name, definitionField, values]) => values.map((value) => [name, definitionField, value] as const)))('%s %p', (_name, definitionField, value) => {
    const definition = fieldTypeFor(definitionField)!;
    const stored = definition.toDb(value);
    // jsonb parameters travel as JSON text and come back parsed.
    expect(definition.fromDb(typeof stored === 'string' && definition.column(definitionField)?.sqlType === 'jsonb' ? JSON.parse(stored) : stored)).toEqual(value);
  });

  it('covers every value type in the registry', () => {
    const covered = new Set<FieldType>([...samples.map(([type]) => type), 'formula', 'lookup', 'rollup', 'image', 'attachment', 'signature', 'address']);
    const uncovered = listFieldTypes().filter((definition) => !definition.layout && !covered.has(definition.type));
    expect(uncovered.map((definition) => definition.type)).toEqual([]);
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

  it('sends structured values as JSON text for jsonb (never as a pg array)', () => {
    expect(getFieldType('dateRange')!.toDb({ start: '2024-05-01', end: '2024-05-03' })).toBe('{"start":"2024-05-01","end":"2024-05-03"}');
    expect(getFieldType('location')!.toDb({ lng: 1, lat: 2, address: null })).toBe('{"lng":1,"lat":2,"address":null}');
    expect(getFieldType('location')!.toDb(null)).toBeNull();
    expect(getFieldType('cascader')!.toDb(['zj', 'hz'])).toEqual(['zj', 'hz']);
    expect(getFieldType('cascader')!.toDb(null)).toEqual([]);
  });

  it('sends a number formula as plain decimal text, whether or not the field is known', () => {
    expect(fieldTypeFor(formula('number'))!.toDb(0.0000001)).toBe('0.0000001');
    expect(getFieldType('formula')!.toDb(1e21)).toBe('1000000000000000000000');
    expect(getFieldType('formula')!.toDb('abc')).toBe('abc');
    expect(getFieldType('formula')!.toDb('')).toBeNull();
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
    ['dateRange', { start: '2024-05-01', end: '2024-05-03' }, { start: '2024-05-01', end: '2024-05-03' }],
    ['dateRange', '{"end": "2024-05-03", "start": "2024-05-01"}', { start: '2024-05-01', end: '2024-05-03' }],
    ['dateRange', 'not json', null],
    ['dateRange', null, null],
    ['location', { lat: 39.9, lng: 116.4 }, { lng: 116.4, lat: 39.9, address: null }],
    ['location', '{"lng": 1.5, "lat": 2, "address": "x"}', { lng: 1.5, lat: 2, address: 'x' }],
    ['location', { lng: '1', lat: 2 }, null],
    ['location', null, null],
    ['cascader', null, []],
    ['cascader', ['zj'], ['zj']],
    ['richText', null, null],
    ['idNumber', null, null],
  ])('%s %p -> %p', (type, dbValue, wire) => {
    expect(getFieldType(type)!.fromDb(dbValue)).toEqual(wire);
  });

  it.each<[string, unknown, unknown]>([
    ['number', '42.50', 42.5],
    ['number', '-0.0000001', -0.0000001],
    ['text', '007', '007'],
    ['text', '42', '42'],
    ['date', '2024-05-01', '2024-05-01'],
    ['date', new Date(2024, 4, 1), '2024-05-01'],
    ['datetime', new Date('2024-05-01T00:30:00.000Z'), '2024-05-01T00:30:00.000Z'],
    ['datetime', '2024-05-01 08:30:00.123+08', '2024-05-01T00:30:00.123Z'],
    ['boolean', true, true],
    ['boolean', null, null],
  ])('a %s formula: %p -> %p', (resultType, dbValue, wire) => {
    expect(fieldTypeFor(formula(resultType))!.fromDb(dbValue)).toEqual(wire);
  });

  it('keeps what the driver gives for a formula whose result type is unknown (text stays text)', () => {
    expect(getFieldType('formula')!.fromDb('007')).toBe('007');
    expect(getFieldType('formula')!.fromDb(new Date('2024-05-01T00:30:00.000Z'))).toBe('2024-05-01T00:30:00.000Z');
    expect(getFieldType('formula')!.fromDb(undefined)).toBeNull();
  });
});
