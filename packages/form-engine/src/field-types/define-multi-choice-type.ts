import type { FieldType } from '@platform/schema';
import type { FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { arrayFromDb, arrayToDb, coerceArray } from '../values/coerce-array';
import { fail, ok } from '../values/coerce-result';
import { joinList } from '../values/join-list';
import { quoteValue } from '../values/quote-value';
import { readOption } from '../values/read-option';
import { choiceListSchema, keySchema, nullable, optionsObject } from '../options-schemas/option-schema-parts';
import { checkChoiceKeys, choiceKeys, choiceLabel } from './choice-options';
import { ARRAY_OPERATORS } from './operator-sets';

const countSchema = { type: 'integer', minimum: 0, maximum: 500 };

/** Builds the entry of a some-of-the-options type: multiSelect, checkbox. The value is an array of keys. */
export function defineMultiChoiceType(spec: {
  type: FieldType;
  label: { 'zh-CN': string; 'en-US': string };
  extraOptions?: Record<string, object>;
}): FieldTypeDefinition {
  return {
    type: spec.type,
    label: spec.label,
    valueKind: 'stringArray',
    optionsSchema: optionsObject({
      options: choiceListSchema,
      default: nullable({ type: 'array', items: keySchema }),
      minCount: countSchema,
      maxCount: { ...countSchema, minimum: 1 },
      ...spec.extraOptions,
    }),
    operators: ARRAY_OPERATORS,
    sortable: false,
    filterable: true,
    column: () => ({ sqlType: 'text[]', index: 'gin' }),
    conditionKind: 'textArray',
    coerce(value, field) {
      const keys = choiceKeys(field);
      return coerceArray(value, {
        element: (item) =>
          typeof item !== 'string'
            ? fail('invalid_type', 'must be an option key (a string)', { expected: 'string' })
            : keys.has(item)
              ? ok(item)
              : fail('invalid_option', `${quoteValue(item)} is not one of the options`, { value: item }),
        minCount: readOption(field, 'minCount', 'number'),
        maxCount: readOption(field, 'maxCount', 'number'),
      });
    },
    fromDb: arrayFromDb,
    toDb: arrayToDb,
    format: (value, field, locale) =>
      Array.isArray(value) ? joinList(value.map((key) => choiceLabel(field, String(key), locale)), locale) : '',
    checkOptions(field) {
      const issues: FieldOptionIssue[] = checkChoiceKeys(field);
      const min = readOption(field, 'minCount', 'number');
      const max = readOption(field, 'maxCount', 'number');
      if (min !== undefined && max !== undefined && min > max) {
        issues.push({ path: ['options', 'minCount'], code: 'invalid_range', message: 'minCount must not exceed maxCount' });
      }
      return issues;
    },
  };
}
