import { placeholderSchema } from '../options-schemas/option-schema-parts';
import { defineMultiChoiceType } from './define-multi-choice-type';

export const multiSelectFieldType = defineMultiChoiceType({
  type: 'multiSelect',
  label: { 'zh-CN': '下拉复选框', 'en-US': 'Multi-select dropdown' },
  extraOptions: { placeholder: placeholderSchema },
});
