import { defineMultiChoiceType } from './define-multi-choice-type';

export const checkboxFieldType = defineMultiChoiceType({
  type: 'checkbox',
  label: { 'zh-CN': '复选框组', 'en-US': 'Checkboxes' },
  extraOptions: { direction: { enum: ['horizontal', 'vertical'] } },
});
