import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/** 联系人: a person at a customer. */
export function contactForm(): FormDefinition {
  return {
    key: 'contact',
    name: localized('联系人', 'Contacts'),
    fields: [
      field.text('name', '姓名', 'Name', { required: true, maxLength: 50 }),
      // The name stays as text beside the relation: views and imports written before relations use it.
      field.text('customer_name', '所属客户', 'Customer', { required: true, maxLength: 200 }),
      field.relation('customer', '关联客户', 'Customer record', 'customer', { displayFields: ['name', 'level'], onDelete: 'block' }),
      field.text('job_title', '职务', 'Job title', { maxLength: 50 }),
      field.text('department_name', '部门', 'Department', { maxLength: 50 }),
      field.select('role', '决策角色', 'Buying role', CRM_CHOICES.contactRole),
      field.radio('gender', '性别', 'Gender', CRM_CHOICES.gender),
      field.phone('phone', '手机', 'Mobile'),
      field.email('email', '邮箱', 'Email'),
      field.text('wechat', '微信号', 'WeChat ID', { maxLength: 50 }),
      field.switch('is_primary', '主要联系人', 'Primary contact', { default: false }),
      field.date('birthday', '生日', 'Birthday'),
      field.textarea('notes', '备注', 'Notes'),
    ],
    settings: { titleField: 'name', columns: 2 },
  };
}
