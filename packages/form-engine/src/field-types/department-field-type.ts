import { defineIdType } from './define-id-types';

export const departmentFieldType = defineIdType({
  type: 'department',
  label: { 'zh-CN': '部门单选', 'en-US': 'Department' },
  names: 'department',
  extraOptions: { showFullPath: { type: 'boolean' } },
});
