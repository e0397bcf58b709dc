import type { FieldDefinition } from '@platform/schema';
import type { FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { isCalendarDate } from '../values/calendar-date';
import { fail, ok } from '../values/coerce-result';
import { jsonObjectFromDb, jsonToDb } from '../values/json-column';
import { isAbsent, readObjectValue } from '../values/object-value';
import { readOption } from '../values/read-option';
import { DATE_PATTERN, nullable, optionsObject } from '../options-schemas/option-schema-parts';
import { EMPTINESS_OPERATORS } from './operator-sets';

const dateSchema = { type: 'string', pattern: DATE_PATTERN };
const daysSchema = { type: 'integer', minimum: 1, maximum: 36_600 };
const SHAPE = '{"start":"YYYY-MM-DD","end":"YYYY-MM-DD"}';
const PARTS = ['start', 'end'] as const;
const DAY_MS = 86_400_000;

type DateRange = { start: string; end: string };

/** Days of a range counted inclusively: 2024-05-01 to 2024-05-01 is one day. */
function spanInDays({ start, end }: DateRange): number {
  return (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / DAY_MS + 1;
}

const daysOption = (field: FieldDefinition, name: 'minDays' | 'maxDays') => readOption(field, name, 'number');

/** 日期区间: two calendar days `{start, end}`, end on or after start; stored as jsonb. */
export const dateRangeFieldType: FieldTypeDefinition = {
  type: 'dateRange',
  label: { 'zh-CN': '日期区间', 'en-US': 'Date range' },
  valueKind: 'object',
  optionsSchema: optionsObject({
    default: nullable({ type: 'object', required: ['start', 'end'], additionalProperties: false, properties: { start: dateSchema, end: dateSchema } }),
    /** Shortest and longest span accepted, in days counted inclusively. */
    minDays: daysSchema,
    maxDays: daysSchema,
  }),
  operators: EMPTINESS_OPERATORS,
  sortable: false,
  filterable: true,
  column: () => ({ sqlType: 'jsonb', index: null }),
  conditionKind: 'json',
  coerce(value, field) {
    if (isAbsent(value)) return ok(null);
    const read = readObjectValue(value, PARTS, SHAPE);
    if (!read.ok) return read;
    const { start, end } = read.object;
    if (isAbsent(start) && isAbsent(end)) return ok(null);
    for (const [part, day] of [['start', start], ['end', end]] as const) {
      if (isAbsent(day)) return fail('required', `needs both a start and an end (${part} is missing)`, undefined, [part]);
      if (typeof day !== 'string') return fail('invalid_type', `${part} must be a date string YYYY-MM-DD`, { expected: 'string' }, [part]);
      if (!isCalendarDate(day)) return fail('invalid_format', `${part} must be a calendar date YYYY-MM-DD`, { format: 'YYYY-MM-DD' }, [part]);
    }
    const range = { start: start as string, end: end as string };
    if (range.end < range.start) return fail('invalid_range', `must not end (${range.end}) before it starts (${range.start})`, undefined, ['end']);
    const days = spanInDays(range);
    const minDays = daysOption(field, 'minDays');
    if (minDays !== undefined && days < minDays) return fail('range_too_short', `must span at least ${minDays} days`, { min: minDays });
    const maxDays = daysOption(field, 'maxDays');
    if (maxDays !== undefined && days > maxDays) return fail('range_too_long', `must span at most ${maxDays} days`, { max: maxDays });
    return ok(range);
  },
  fromDb(value) {
    const object = jsonObjectFromDb(value);
    return object && typeof object.start === 'string' && typeof object.end === 'string' ? { start: object.start, end: object.end } : null;
  },
  toDb: jsonToDb,
  format(value, _field, locale) {
    const range = value as Partial<DateRange> | null;
    if (typeof range?.start !== 'string' || typeof range.end !== 'string') return '';
    return `${range.start}${locale === 'zh-CN' ? ' 至 ' : ' to '}${range.end}`;
  },
  checkOptions(field) {
    const issues: FieldOptionIssue[] = [];
    const min = daysOption(field, 'minDays');
    const max = daysOption(field, 'maxDays');
    if (min !== undefined && max !== undefined && min > max) {
      issues.push({ path: ['options', 'minDays'], code: 'invalid_range', message: 'minDays must not exceed maxDays' });
    }
    return issues;
  },
};
