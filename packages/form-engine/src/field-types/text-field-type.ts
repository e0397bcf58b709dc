import { defineTextType } from './define-text-type';

export const textFieldType = defineTextType({
  type: 'text',
  label: { 'zh-CN': '单行文本', 'en-US': 'Single-line text' },
  defaultMaxLength: 500,
  maxLengthCap: 10_000,
  allowsUnique: true,
  trims: false,
});
