import { fail } from '../values/coerce-result';
import { defineTextType } from './define-text-type';

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const TOP_LEVEL = /^(?:[A-Za-z]{2,63}|xn--[A-Za-z0-9-]{1,59})$/;
const DOMAIN = '^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$';

/** A sane address: an ASCII dot-atom local part, '@', and a domain of at least two labels. */
function isEmailAddress(text: string): boolean {
  const at = text.lastIndexOf('@');
  if (at <= 0 || text.length > 254) return false;
  const local = text.slice(0, at);
  const labels = text.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    LOCAL_PART.test(local) &&
    labels.length >= 2 &&
    labels.every((label) => DOMAIN_LABEL.test(label)) &&
    TOP_LEVEL.test(labels[labels.length - 1])
  );
}

export const emailFieldType = defineTextType({
  type: 'email',
  label: { 'zh-CN': '邮箱', 'en-US': 'Email' },
  defaultMaxLength: 254,
  maxLengthCap: 254,
  allowsUnique: true,
  trims: true,
  alwaysIndexed: true,
  extraOptions: {
    /** Domain allowlist: the part after '@' must be one of these (case-insensitive). */
    domains: { type: 'array', maxItems: 100, items: { type: 'string', pattern: DOMAIN } },
  },
  checkFormat(text, field) {
    if (!isEmailAddress(text)) return fail('invalid_format', 'must be an e-mail address', { format: 'email' });
    const domains = field.options?.domains;
    if (Array.isArray(domains) && domains.length > 0) {
      const domain = text.slice(text.lastIndexOf('@') + 1).toLowerCase();
      if (!domains.some((allowed) => typeof allowed === 'string' && allowed.toLowerCase() === domain)) {
        return fail('invalid_format', `must be an address at ${domains.join(', ')}`, { format: 'emailDomain' });
      }
    }
    return null;
  },
});
