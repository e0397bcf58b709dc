import type { FieldDefinition } from '@platform/schema';
import type { DeriveContext, FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { fail, ok } from '../values/coerce-result';
import { formatInTimeZone } from '../values/format-in-time-zone';
import { keySchema, optionsObject } from '../options-schemas/option-schema-parts';
import { TEXT_OPERATORS } from './operator-sets';

export type SerialReset = 'never' | 'daily' | 'monthly' | 'yearly';

export type SerialSegment =
  | { type: 'text'; value: string }
  | { type: 'date'; format: string }
  | { type: 'counter'; digits?: number; reset?: SerialReset; start?: number }
  | { type: 'field'; fieldKey: string };

const DATE_FORMATS = ['YYYYMMDD', 'YYYY-MM-DD', 'YYMMDD', 'YYYYMM', 'YYYY-MM', 'YYMM', 'YYYY', 'YY'] as const;
const MAX_LENGTH = 200;

const segmentSchema = {
  oneOf: [
    { type: 'object', additionalProperties: false, required: ['type', 'value'], properties: { type: { const: 'text' }, value: { type: 'string', minLength: 1, maxLength: 50 } } },
    { type: 'object', additionalProperties: false, required: ['type', 'format'], properties: { type: { const: 'date' }, format: { enum: DATE_FORMATS } } },
    {
      type: 'object',
      additionalProperties: false,
      required: ['type'],
      properties: {
        type: { const: 'counter' },
        digits: { type: 'integer', minimum: 1, maximum: 12 },
        reset: { enum: ['never', 'daily', 'monthly', 'yearly'] },
        start: { type: 'integer', minimum: 0, maximum: 1_000_000_000 },
      },
    },
    { type: 'object', additionalProperties: false, required: ['type', 'fieldKey'], properties: { type: { const: 'field' }, fieldKey: keySchema } },
  ],
};

export function serialSegments(field: FieldDefinition): SerialSegment[] {
  const segments = field.options?.segments;
  return Array.isArray(segments) ? (segments as SerialSegment[]) : [{ type: 'counter', digits: 4, reset: 'never' }];
}

const counterOf = (field: FieldDefinition) =>
  serialSegments(field).find((segment): segment is Extract<SerialSegment, { type: 'counter' }> => segment.type === 'counter');

/** Calendar parts of `now` in the time zone: ['2026', '11', '27']. */
function calendarParts(now: Date, timeZone: string): [string, string, string] {
  const [year, month, day] = formatInTimeZone(now, timeZone, false).slice(0, 10).split('-');
  return [year, month, day];
}

/**
 * The counter's period for a number assigned at `now`: numbers of one period share a counter, which
 * starts again in the next ('all' when it never resets, else '2026', '2026-11' or '2026-11-27').
 */
export function serialPeriod(field: FieldDefinition, now: Date, timeZone: string): string {
  const reset = counterOf(field)?.reset ?? 'never';
  if (reset === 'never') return 'all';
  const [year, month, day] = calendarParts(now, timeZone);
  return reset === 'yearly' ? year : reset === 'monthly' ? `${year}-${month}` : `${year}-${month}-${day}`;
}

/** The first number of a period (the counter's `start`, default 1). */
export const serialStart = (field: FieldDefinition): number => counterOf(field)?.start ?? 1;

function formatDate(format: string, now: Date, timeZone: string): string {
  const [year, month, day] = calendarParts(now, timeZone);
  return format.replace('YYYY', year).replace('YY', year.slice(2)).replace('MM', month).replace('DD', day);
}

function fieldText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return '';
}

/**
 * The number of a record: its segments in order, the counter padded to `digits` (a counter past that
 * many digits keeps all of them), a field segment the field's text (empty when it has none).
 */
export function formatSerialNumber(field: FieldDefinition, counter: number, values: Readonly<Record<string, unknown>>, context: DeriveContext): string {
  return serialSegments(field)
    .map((segment) => {
      switch (segment.type) {
        case 'text':
          return segment.value;
        case 'date':
          return formatDate(segment.format, context.now, context.timeZone);
        case 'counter':
          return String(counter).padStart(segment.digits ?? 4, '0');
        case 'field':
          return fieldText(values[segment.fieldKey]);
      }
    })
    .join('')
    .slice(0, MAX_LENGTH);
}

const RESET_NEEDS: Record<Exclude<SerialReset, 'never'>, RegExp> = { yearly: /YY/, monthly: /MM/, daily: /DD/ };

/**
 * 流水号: a number the server assigns when a record is created, from fixed text, the creation date, a
 * counter (gap-free: taken in the creating transaction, so a refused create consumes none) and other
 * fields' values. Read-only; stored as text.
 */
export const serialNumberFieldType: FieldTypeDefinition = {
  type: 'serialNumber',
  label: { 'zh-CN': '流水号', 'en-US': 'Serial number' },
  valueKind: 'string',
  optionsSchema: optionsObject({ segments: { type: 'array', minItems: 1, maxItems: 10, items: segmentSchema } }),
  operators: TEXT_OPERATORS,
  sortable: true,
  filterable: true,
  derived: true,
  column: () => ({ sqlType: 'text', index: 'btree' }),
  conditionKind: 'text',
  coerce: (value) =>
    value === null || value === undefined || value === '' ? ok(null)
    : typeof value === 'string' ? ok(value)
    : fail('invalid_type', 'must be a string', { expected: 'string' }),
  fromDb: (value) => (value === undefined ? null : value),
  toDb: (value) => (value === undefined || value === '' ? null : value),
  format: (value) => (typeof value === 'string' ? value : ''),
  checkOptions(field, form) {
    const issues: FieldOptionIssue[] = [];
    const segments = serialSegments(field);
    const counters = segments.filter((segment) => segment.type === 'counter');
    if (counters.length !== 1) {
      issues.push({ path: ['options', 'segments'], code: 'invalid_option', message: 'a serial number needs exactly one counter segment' });
    }
    const reset = counterOf(field)?.reset ?? 'never';
    if (reset !== 'never') {
      const formats = segments.flatMap((segment) => (segment.type === 'date' ? [segment.format] : []));
      if (!formats.some((format) => RESET_NEEDS[reset].test(format))) {
        issues.push({
          path: ['options', 'segments'],
          code: 'invalid_option',
          message: `a counter that resets ${reset} needs a date segment showing that period, or numbers would repeat`,
          params: { reset },
        });
      }
    }
    const keys = new Set(form.fields.map((candidate) => candidate.key));
    segments.forEach((segment, index) => {
      if (segment.type === 'field' && (!keys.has(segment.fieldKey) || segment.fieldKey === field.key)) {
        issues.push({ path: ['options', 'segments', index, 'fieldKey'], code: 'unknown_field', message: `"${segment.fieldKey}" is not another field of this form`, params: { field: segment.fieldKey } });
      }
    });
    return issues;
  },
};
