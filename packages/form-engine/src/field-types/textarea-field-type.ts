import { defineTextType } from './define-text-type';

export const textareaFieldType = defineTextType({
  type: 'textarea',
  label: { 'zh-CN': '多行文本', 'en-US': 'Multi-line text' },
  defaultMaxLength: 20_000,
  maxLengthCap: 20_000,
  allowsUnique: false,
  trims: false,
  extraOptions: { rows: { type: 'integer', minimum: 1, maximum: 50 } },
});
