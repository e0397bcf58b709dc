import { defineNumericType } from './define-numeric-type';

/** The number shown: 85 means 85%. */
export const percentFieldType = defineNumericType({
  type: 'percent',
  label: { 'zh-CN': '百分比', 'en-US': 'Percent' },
  defaultDecimals: 0,
  maxDecimals: 6,
  maxIntegerDigits: 15,
  sqlType: 'numeric',
  indexed: false,
  display: (text) => `${text}%`,
});
