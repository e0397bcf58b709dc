import { defineIdArrayType } from './define-id-types';

export const departmentsFieldType = defineIdArrayType({
  type: 'departments',
  label: { 'zh-CN': '部门多选', 'en-US': 'Departments' },
  names: 'department',
  extraOptions: { showFullPath: { type: 'boolean' } },
});
