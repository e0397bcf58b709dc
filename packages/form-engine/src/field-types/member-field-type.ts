import { defineIdType } from './define-id-types';

export const memberFieldType = defineIdType({
  type: 'member',
  label: { 'zh-CN': '成员单选', 'en-US': 'Member' },
  names: 'user',
});
