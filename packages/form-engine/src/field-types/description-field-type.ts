import { localizedTextSchema } from '../options-schemas/option-schema-parts';
import { defineLayoutType } from './define-layout-type';

export const descriptionFieldType = defineLayoutType({
  type: 'description',
  label: { 'zh-CN': '说明文字', 'en-US': 'Description' },
  options: { text: localizedTextSchema(5000) },
});
