import { labelText } from '@platform/schema';
import type { FieldTypeDefinition } from '../field-type-definition';
import { fail, ok } from '../values/coerce-result';
import { readOption } from '../values/read-option';
import { localizedTextSchema, nullable, optionsObject } from '../options-schemas/option-schema-parts';
import { BOOLEAN_OPERATORS } from './operator-sets';

const DEFAULT_LABELS = { 'zh-CN': { on: '是', off: '否' }, 'en-US': { on: 'Yes', off: 'No' } } as const;

/** A boolean; only JSON true and false are accepted (no "yes", no 1). */
export const switchFieldType: FieldTypeDefinition = {
  type: 'switch',
  label: { 'zh-CN': '开关', 'en-US': 'Switch' },
  valueKind: 'boolean',
  optionsSchema: optionsObject({
    default: nullable({ type: 'boolean' }),
    onLabel: localizedTextSchema(50),
    offLabel: localizedTextSchema(50),
  }),
  operators: BOOLEAN_OPERATORS,
  sortable: true,
  filterable: true,
  column: () => ({ sqlType: 'boolean', index: null }),
  conditionKind: 'boolean',
  coerce(value) {
    if (value === null || value === undefined || value === '') return ok(null);
    return typeof value === 'boolean' ? ok(value) : fail('invalid_type', 'must be true or false', { expected: 'boolean' });
  },
  fromDb: (value) => (value === undefined ? null : value),
  toDb: (value) => (value === undefined || value === '' ? null : value),
  format(value, field, locale) {
    if (typeof value !== 'boolean') return '';
    const custom = readOption(field, value ? 'onLabel' : 'offLabel', 'text');
    return custom !== undefined ? labelText(custom, locale) : (DEFAULT_LABELS[locale] ?? DEFAULT_LABELS['en-US'])[value ? 'on' : 'off'];
  },
};
