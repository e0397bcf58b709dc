import { fail } from '../values/coerce-result';
import { defineTextType } from './define-text-type';

// VALUES.md: a mainland mobile (1[3-9] + 9 digits), a landline (0 + area code, then 7-8 digits,
// optionally after a dash) or an E.164 number ('+' and up to 15 digits).
const MOBILE = /^1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}$/;
const E164 = /^\+[1-9]\d{6,14}$/;

export const phoneFieldType = defineTextType({
  type: 'phone',
  label: { 'zh-CN': '手机', 'en-US': 'Phone' },
  defaultMaxLength: 32,
  maxLengthCap: 32,
  allowsUnique: true,
  trims: true,
  alwaysIndexed: true,
  checkFormat(text) {
    return MOBILE.test(text) || LANDLINE.test(text) || E164.test(text)
      ? null
      : fail('invalid_format', 'must be a mainland mobile number, a landline (0 + area code) or an E.164 number (+...)', { format: 'phone' });
  },
});
