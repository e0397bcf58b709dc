import type { FieldDefinition } from '@platform/schema';
import { cnIdProblem } from '../values/cn-id-number';
import { fail } from '../values/coerce-result';
import { readOption } from '../values/read-option';
import { defineTextType } from './define-text-type';

const PASSPORT = /^[A-Z0-9]{5,20}$/;

const kindOf = (field: FieldDefinition) => (readOption(field, 'kind', 'string') === 'passport' ? 'passport' : 'cnId');

/**
 * 证件号: a mainland resident ID (18 characters, valid date of birth, GB 11643 check character) or a
 * passport number (5 to 20 letters and digits). Stored upper-case and without separators, so that
 * lookups, `unique` and masking (first 6 and last 4 shown) work on one canonical string.
 */
export const idNumberFieldType = defineTextType({
  type: 'idNumber',
  label: { 'zh-CN': '证件号', 'en-US': 'ID number' },
  defaultMaxLength: 20,
  maxLengthCap: 20,
  allowsUnique: true,
  trims: true,
  alwaysIndexed: true,
  extraOptions: { kind: { enum: ['cnId', 'passport'], default: 'cnId' } },
  normalize: (text) => text.toUpperCase(),
  checkFormat(text, field) {
    if (kindOf(field) === 'passport') {
      return PASSPORT.test(text) ? null : fail('invalid_format', 'must be a passport number: 5 to 20 letters and digits', { format: 'passport' });
    }
    const problem = cnIdProblem(text);
    return problem === null ? null : fail('invalid_format', `is not a valid mainland ID number: it ${problem}`, { format: 'cnId' });
  },
});
