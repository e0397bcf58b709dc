import { defineSingleChoiceType } from './define-single-choice-type';

export const radioFieldType = defineSingleChoiceType({
  type: 'radio',
  label: { 'zh-CN': '单选按钮组', 'en-US': 'Radio buttons' },
  extraOptions: { direction: { enum: ['horizontal', 'vertical'] } },
});
