import type { FieldType } from '@platform/schema';
import type { FieldTypeDefinition } from '../field-type-definition';
import { fail, ok } from '../values/coerce-result';
import { quoteValue } from '../values/quote-value';
import { choiceListSchema, keySchema, nullable, optionsObject } from '../options-schemas/option-schema-parts';
import { checkChoiceKeys, choiceKeys, choiceLabel } from './choice-options';
import { CHOICE_OPERATORS } from './operator-sets';

/** Builds the entry of a one-of-the-options type: select, radio. The value is the option key. */
export function defineSingleChoiceType(spec: {
  type: FieldType;
  label: { 'zh-CN': string; 'en-US': string };
  extraOptions?: Record<string, object>;
}): FieldTypeDefinition {
  return {
    type: spec.type,
    label: spec.label,
    valueKind: 'string',
    optionsSchema: optionsObject({ options: choiceListSchema, default: nullable(keySchema), ...spec.extraOptions }),
    operators: CHOICE_OPERATORS,
    sortable: true,
    sortsByOptionOrder: true,
    filterable: true,
    column: () => ({ sqlType: 'text', index: 'btree' }),
    conditionKind: 'text',
    coerce(value, field) {
      if (value === null || value === undefined || value === '') return ok(null);
      if (typeof value !== 'string') return fail('invalid_type', 'must be an option key (a string)', { expected: 'string' });
      if (!choiceKeys(field).has(value)) return fail('invalid_option', `${quoteValue(value)} is not one of the options`, { value });
      return ok(value);
    },
    fromDb: (value) => (value === undefined ? null : value),
    toDb: (value) => (value === undefined || value === '' ? null : value),
    format: (value, field, locale) => (typeof value === 'string' ? choiceLabel(field, value, locale) : ''),
    checkOptions: checkChoiceKeys,
  };
}
