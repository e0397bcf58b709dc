import { defineIdArrayType } from './define-id-types';

export const membersFieldType = defineIdArrayType({
  type: 'members',
  label: { 'zh-CN': '成员多选', 'en-US': 'Members' },
  names: 'user',
});
