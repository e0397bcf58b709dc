import type { FieldDefinition } from '@platform/schema';
import type { FieldTypeDefinition } from '../field-type-definition';
import { coerceDecimal } from '../values/coerce-decimal';
import { readOption } from '../values/read-option';
import { nullable, optionsObject } from '../options-schemas/option-schema-parts';
import { ORDERED_OPERATORS } from './operator-sets';
import { numericFromDb } from './define-numeric-type';

const maxOf = (field: FieldDefinition) => readOption(field, 'max', 'number') ?? 5;

/** An integer from 0 to `max` (at most 10); a fraction is refused, not rounded. */
export const ratingFieldType: FieldTypeDefinition = {
  type: 'rating',
  label: { 'zh-CN': '评分', 'en-US': 'Rating' },
  valueKind: 'number',
  optionsSchema: optionsObject({
    max: { type: 'integer', minimum: 1, maximum: 10, default: 5 },
    icon: { enum: ['star', 'heart'] },
    default: nullable({ type: 'integer', minimum: 0, maximum: 10 }),
  }),
  operators: ORDERED_OPERATORS,
  sortable: true,
  filterable: true,
  column: () => ({ sqlType: 'smallint', index: null }),
  conditionKind: 'number',
  coerce: (value, field) => coerceDecimal(value, { decimals: 0, maxIntegerDigits: 5, integerOnly: true, min: 0, max: maxOf(field) }),
  fromDb: numericFromDb,
  toDb: (value) => (value === undefined || value === '' ? null : value),
  format: (value) => (typeof value === 'number' ? String(value) : ''),
};
