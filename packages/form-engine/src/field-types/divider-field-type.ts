import { localizedTextSchema } from '../options-schemas/option-schema-parts';
import { defineLayoutType } from './define-layout-type';

export const dividerFieldType = defineLayoutType({
  type: 'divider',
  label: { 'zh-CN': '分割线', 'en-US': 'Divider' },
  options: { title: localizedTextSchema(200) },
});
