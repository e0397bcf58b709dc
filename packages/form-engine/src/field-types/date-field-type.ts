import type { FieldTypeDefinition, FieldOptionIssue } from '../field-type-definition';
import { isCalendarDate } from '../values/calendar-date';
import { fail, ok } from '../values/coerce-result';
import { readOption } from '../values/read-option';
import { DATE_PATTERN, nullable, optionsObject, placeholderSchema } from '../options-schemas/option-schema-parts';
import { ORDERED_OPERATORS } from './operator-sets';

const dateSchema = { type: 'string', pattern: DATE_PATTERN };
const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A calendar day, 'YYYY-MM-DD', no time and no zone. */
export const dateFieldType: FieldTypeDefinition = {
  type: 'date',
  label: { 'zh-CN': '日期', 'en-US': 'Date' },
  valueKind: 'date',
  optionsSchema: optionsObject({
    default: nullable(dateSchema),
    /** Earliest and latest day accepted. */
    min: dateSchema,
    max: dateSchema,
    placeholder: placeholderSchema,
  }),
  operators: ORDERED_OPERATORS,
  sortable: true,
  filterable: true,
  column: () => ({ sqlType: 'date', index: 'btree' }),
  conditionKind: 'date',
  coerce(value, field) {
    if (value === null || value === undefined || value === '') return ok(null);
    if (typeof value !== 'string') return fail('invalid_type', 'must be a date string YYYY-MM-DD', { expected: 'string' });
    if (!isCalendarDate(value)) return fail('invalid_format', 'must be a calendar date YYYY-MM-DD', { format: 'YYYY-MM-DD' });
    // Same-shape ISO dates compare correctly as text.
    const min = readOption(field, 'min', 'string');
    if (min !== undefined && value < min) return fail('too_small', `must be on or after ${min}`, { min });
    const max = readOption(field, 'max', 'string');
    if (max !== undefined && value > max) return fail('too_big', `must be on or before ${max}`, { max });
    return ok(value);
  },
  fromDb(value) {
    if (value === null || value === undefined) return null;
    // The api has pg return dates as text; a Date here means the default parser ran, which builds
    // local midnight: its local calendar fields are the stored day.
    if (value instanceof Date) return `${pad(value.getFullYear(), 4)}-${pad(value.getMonth() + 1, 2)}-${pad(value.getDate(), 2)}`;
    return String(value).slice(0, 10);
  },
  toDb: (value) => (value === undefined || value === '' ? null : value),
  format: (value) => (typeof value === 'string' ? value : ''),
  checkOptions(field) {
    const issues: FieldOptionIssue[] = [];
    for (const name of ['min', 'max']) {
      const day = readOption(field, name, 'string');
      if (day !== undefined && !isCalendarDate(day)) issues.push({ path: ['options', name], code: 'invalid_format', message: 'must be a calendar date YYYY-MM-DD' });
    }
    const min = readOption(field, 'min', 'string');
    const max = readOption(field, 'max', 'string');
    if (min !== undefined && max !== undefined && min > max) {
      issues.push({ path: ['options', 'min'], code: 'invalid_range', message: 'min must not be after max' });
    }
    return issues;
  },
};
