import type { FieldTypeDefinition } from '../field-type-definition';
import { fail, ok } from '../values/coerce-result';
import { readOption } from '../values/read-option';
import { nullable, optionsObject, placeholderSchema } from '../options-schemas/option-schema-parts';
import { ORDERED_OPERATORS } from './operator-sets';

const TIME = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?$/;

/** A time of day without a zone: 'HH:mm:ss' ('HH:mm' accepted and completed with ':00'). */
export const timeFieldType: FieldTypeDefinition = {
  type: 'time',
  label: { 'zh-CN': '时间', 'en-US': 'Time' },
  valueKind: 'time',
  optionsSchema: optionsObject({
    default: nullable({ type: 'string', pattern: '^([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?$' }),
    precision: { enum: ['minute', 'second'], default: 'minute' },
    placeholder: placeholderSchema,
  }),
  operators: ORDERED_OPERATORS,
  sortable: true,
  filterable: true,
  column: () => ({ sqlType: 'time(0)', index: null }),
  conditionKind: 'time',
  coerce(value) {
    if (value === null || value === undefined || value === '') return ok(null);
    if (typeof value !== 'string') return fail('invalid_type', 'must be a time string HH:mm:ss', { expected: 'string' });
    const match = TIME.exec(value);
    if (!match) return fail('invalid_format', 'must be a time HH:mm:ss or HH:mm (00:00 to 23:59)', { format: 'HH:mm:ss' });
    return ok(`${match[1]}:${match[2]}:${match[3] ?? '00'}`);
  },
  fromDb: (value) => (value === null || value === undefined ? null : String(value).slice(0, 8)),
  toDb: (value) => (value === undefined || value === '' ? null : value),
  format(value, field) {
    if (typeof value !== 'string') return '';
    return readOption(field, 'precision', 'string') === 'second' ? value : value.slice(0, 5);
  },
};
