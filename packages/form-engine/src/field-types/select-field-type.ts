import { placeholderSchema } from '../options-schemas/option-schema-parts';
import { defineSingleChoiceType } from './define-single-choice-type';

export const selectFieldType = defineSingleChoiceType({
  type: 'select',
  label: { 'zh-CN': '下拉框', 'en-US': 'Dropdown' },
  extraOptions: { placeholder: placeholderSchema },
});
