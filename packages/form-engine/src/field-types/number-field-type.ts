import { groupThousands } from '../values/group-thousands';
import { readOption } from '../values/read-option';
import { defineNumericType } from './define-numeric-type';

const affix = { type: 'string', maxLength: 20 };

export const numberFieldType = defineNumericType({
  type: 'number',
  label: { 'zh-CN': '数字', 'en-US': 'Number' },
  defaultDecimals: 0,
  maxDecimals: 8,
  // numeric has no fixed capacity; 15 digits is what a JSON number carries without loss.
  maxIntegerDigits: 15,
  sqlType: 'numeric',
  indexed: true,
  extraOptions: { thousandsSeparator: { type: 'boolean' }, prefix: affix, suffix: affix },
  display(text, field) {
    const grouped = readOption(field, 'thousandsSeparator', 'boolean') ? groupThousands(text) : text;
    return `${readOption(field, 'prefix', 'string') ?? ''}${grouped}${readOption(field, 'suffix', 'string') ?? ''}`;
  },
});
