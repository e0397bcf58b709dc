import type { FieldTypeDefinition } from '../field-type-definition';
import { fail, ok } from '../values/coerce-result';
import { formatInTimeZone } from '../values/format-in-time-zone';
import { parseIsoDatetime } from '../values/parse-iso-datetime';
import { readOption } from '../values/read-option';
import { nullable, optionsObject, placeholderSchema } from '../options-schemas/option-schema-parts';
import { ORDERED_OPERATORS } from './operator-sets';

const ISO_UTC = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}(:?\\d{2})?)$';

/** An instant: ISO 8601 with an offset in, UTC to the millisecond out ('2024-05-01T08:30:00.000Z'). */
export const datetimeFieldType: FieldTypeDefinition = {
  type: 'datetime',
  label: { 'zh-CN': '日期时间', 'en-US': 'Date and time' },
  valueKind: 'datetime',
  optionsSchema: optionsObject({
    default: nullable({ type: 'string', pattern: ISO_UTC }),
    /** What the display shows; values are always kept to the millisecond. */
    precision: { enum: ['minute', 'second'], default: 'minute' },
    placeholder: placeholderSchema,
  }),
  operators: ORDERED_OPERATORS,
  sortable: true,
  filterable: true,
  column: () => ({ sqlType: 'timestamptz(3)', index: 'btree' }),
  conditionKind: 'datetime',
  coerce(value) {
    if (value === null || value === undefined || value === '') return ok(null);
    if (value instanceof Date) {
      return Number.isNaN(value.getTime()) ? fail('invalid_format', 'is not a valid date-time', { format: 'datetime' }) : ok(value.toISOString());
    }
    if (typeof value !== 'string') return fail('invalid_type', 'must be an ISO 8601 date-time string', { expected: 'string' });
    const instant = parseIsoDatetime(value);
    if (!instant) {
      return fail('invalid_format', 'must be an ISO 8601 date-time with an offset, e.g. 2024-05-01T08:30:00Z', { format: 'datetime' });
    }
    return ok(instant.toISOString());
  },
  fromDb(value) {
    if (value === null || value === undefined) return null;
    const instant = value instanceof Date ? value : (parseIsoDatetime(String(value)) ?? new Date(String(value)));
    return Number.isNaN(instant.getTime()) ? null : instant.toISOString();
  },
  toDb: (value) => (value === undefined || value === '' ? null : value),
  format(value, field, _locale, lookup) {
    if (typeof value !== 'string') return '';
    const instant = new Date(value);
    if (Number.isNaN(instant.getTime())) return value;
    return formatInTimeZone(instant, lookup?.timeZone, readOption(field, 'precision', 'string') === 'second');
  },
};
