import type { FieldDefinition } from '@platform/schema';
import type { FieldOptionIssue, FieldTypeDefinition } from '../field-type-definition';
import { fail, ok } from '../values/coerce-result';
import { moneyInWords } from '../values/money-in-words';
import { readOption } from '../values/read-option';
import { keySchema, optionsObject } from '../options-schemas/option-schema-parts';
import { TEXT_OPERATORS } from './operator-sets';

const sourceOf = (field: FieldDefinition) => readOption(field, 'sourceField', 'string');

/** 大写金额: the amount of a money field of the same form in Chinese capitals; stored, read-only. */
export const moneyInWordsFieldType: FieldTypeDefinition = {
  type: 'moneyInWords',
  label: { 'zh-CN': '大写金额', 'en-US': 'Amount in words' },
  valueKind: 'string',
  optionsSchema: optionsObject({ sourceField: keySchema }, ['sourceField']),
  operators: TEXT_OPERATORS,
  sortable: true,
  filterable: true,
  derived: true,
  column: () => ({ sqlType: 'text', index: null }),
  conditionKind: 'text',
  // Only derive() produces the value; coerce accepts what derive() gives, for re-validation.
  coerce: (value) =>
    value === null || value === undefined || value === '' ? ok(null)
    : typeof value === 'string' ? ok(value)
    : fail('invalid_type', 'must be a string', { expected: 'string' }),
  fromDb: (value) => (value === undefined ? null : value),
  toDb: (value) => (value === undefined || value === '' ? null : value),
  format: (value) => (typeof value === 'string' ? value : ''),
  dependsOn: (field) => {
    const source = sourceOf(field);
    return source === undefined ? [] : [source];
  },
  derive(field, values) {
    const source = sourceOf(field);
    const amount = source === undefined ? null : values[source];
    return typeof amount === 'number' || typeof amount === 'string' ? moneyInWords(amount) : null;
  },
  checkOptions(field, form) {
    const issues: FieldOptionIssue[] = [];
    const source = sourceOf(field);
    const target = form.fields.find((candidate) => candidate.key === source);
    if (source !== undefined && target?.type !== 'money') {
      issues.push({ path: ['options', 'sourceField'], code: 'invalid_reference', message: `must name a money field of this form (got "${source}")` });
    }
    return issues;
  },
};
