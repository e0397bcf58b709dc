import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/** 客户: an organisation we sell to. The name is unique: it is the duplicate check (查重) for now. */
export function customerForm(): FormDefinition {
  return {
    key: 'customer',
    name: localized('客户', 'Customers'),
    fields: [
      field.text('name', '客户名称', 'Customer name', { required: true, unique: true, maxLength: 200 }),
      field.select('industry', '行业', 'Industry', CRM_CHOICES.industry),
      field.select('level', '客户等级', 'Level', CRM_CHOICES.customerLevel),
      field.select('region', '区域', 'Region', CRM_CHOICES.region),
      field.select('source', '客户来源', 'Source', CRM_CHOICES.leadSource),
      field.select('status', '客户状态', 'Status', CRM_CHOICES.customerStatus, { required: true, default: 'prospect' }),
      field.phone('phone', '电话', 'Phone'),
      field.email('email', '邮箱', 'Email'),
      field.url('website', '网址', 'Website'),
      field.number('employee_count', '员工人数', 'Employees', { min: 0 }),
      field.address('address', '地址', 'Address'),
      field.datetime('last_followup_at', '最近跟进时间', 'Last follow-up'),
      {
        key: 'won_amount',
        type: 'rollup',
        label: localized('赢单金额', 'Won amount'),
        options: { relationField: 'opportunity.customer', targetField: 'amount', aggregate: 'sum', filter: { '==': [{ var: 'stage' }, 'won'] }, decimals: 2 },
      },
      { key: 'opportunity_count', type: 'rollup', label: localized('商机数', 'Opportunities'), options: { relationField: 'opportunity.customer', aggregate: 'count' } },
      { key: 'contact_count', type: 'rollup', label: localized('联系人数', 'Contacts'), options: { relationField: 'contact.customer', aggregate: 'count' } },
      field.textarea('notes', '备注', 'Notes'),
    ],
    settings: { titleField: 'name', columns: 2 },
  };
}
