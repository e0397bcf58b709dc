import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/**
 * 线索: a prospect before qualification. The lifecycle new -> contacted -> MQL (fits the target
 * profile) -> SQL (budget and purchase time known) -> converted, or invalid (with a reason).
 * Pools (公海) and recycling use the record owner plus `assigned_at` / `last_followup_at`.
 */
export function leadForm(): FormDefinition {
  return {
    key: 'lead',
    name: localized('线索', 'Leads'),
    description: localized('潜在客户线索，从获取到转化', 'Prospects from capture to conversion'),
    fields: [
      field.text('company', '公司名称', 'Company', { required: true, maxLength: 200 }),
      field.text('contact_name', '联系人', 'Contact name', { required: true, maxLength: 50 }),
      field.text('job_title', '职务', 'Job title', { maxLength: 50 }),
      field.phone('phone', '手机', 'Mobile'),
      field.email('email', '邮箱', 'Email'),
      field.select('source', '线索来源', 'Source', CRM_CHOICES.leadSource),
      field.select('industry', '行业', 'Industry', CRM_CHOICES.industry),
      field.select('region', '区域', 'Region', CRM_CHOICES.region),
      field.divider('qualification_section', '资质评估', 'Qualification'),
      field.select('status', '线索状态', 'Status', CRM_CHOICES.leadStatus, { required: true, default: 'new' }),
      field.rating('score', '线索评分', 'Score', 5),
      field.money('budget', '预算', 'Budget'),
      field.date('purchase_time', '预计采购时间', 'Expected purchase date'),
      field.text('invalid_reason', '无效原因', 'Reason invalid', { maxLength: 200 }),
      field.datetime('assigned_at', '分配时间', 'Assigned at'),
      field.datetime('last_followup_at', '最近跟进时间', 'Last follow-up'),
      // The customer this lead became; deleting that customer only unlinks it.
      field.relation('converted_customer', '转化客户', 'Converted to customer', 'customer', { displayFields: ['name'], onDelete: 'clear' }),
      field.textarea('notes', '备注', 'Notes'),
    ],
    rules: [
      {
        // An SQL is by definition a lead whose budget and purchase time are known.
        key: 'sql_needs_budget_and_time',
        when: { in: [{ var: 'status' }, ['sql', 'converted']] },
        then: [{ action: 'require', fields: ['budget', 'purchase_time'] }],
      },
      {
        key: 'invalid_needs_reason',
        when: { '==': [{ var: 'status' }, 'invalid'] },
        then: [{ action: 'require', fields: ['invalid_reason'] }],
      },
      {
        key: 'hide_reason_unless_invalid',
        when: { '!=': [{ var: 'status' }, 'invalid'] },
        then: [{ action: 'hide', fields: ['invalid_reason'] }],
      },
      {
        key: 'hide_customer_unless_converted',
        when: { '!=': [{ var: 'status' }, 'converted'] },
        then: [{ action: 'hide', fields: ['converted_customer'] }],
      },
    ],
    settings: { titleField: 'company', columns: 2 },
  };
}
