import { currencySymbol } from '../values/currency-symbol';
import { groupThousands } from '../values/group-thousands';
import { readOption } from '../values/read-option';
import { defineNumericType } from './define-numeric-type';

export const moneyFieldType = defineNumericType({
  type: 'money',
  label: { 'zh-CN': '金额', 'en-US': 'Money' },
  defaultDecimals: 2,
  // numeric(18,2): 16 digits before the point, at most 2 after.
  maxDecimals: 2,
  maxIntegerDigits: 16,
  sqlType: 'numeric(18,2)',
  indexed: true,
  extraOptions: { currency: { type: 'string', pattern: '^[A-Z]{3}$', default: 'CNY' } },
  display(text, field) {
    const negative = text.startsWith('-');
    const symbol = currencySymbol(readOption(field, 'currency', 'string'));
    return `${negative ? '-' : ''}${symbol}${groupThousands(negative ? text.slice(1) : text)}`;
  },
});
