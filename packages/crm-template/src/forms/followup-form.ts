import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/** 跟进记录: one touch with a lead, customer or opportunity. */
export function followupForm(): FormDefinition {
  return {
    key: 'followup',
    name: localized('跟进记录', 'Follow-ups'),
    fields: [
      field.text('subject', '主题', 'Subject', { required: true, maxLength: 200 }),
      field.select('related_type', '跟进对象', 'Related to', CRM_CHOICES.followupTarget, { required: true }),
      // The followed record's title stays as text beside the relations: views and imports use it.
      field.text('related_name', '对象名称', 'Related record', { required: true, maxLength: 200 }),
      // A follow-up outlives what it followed: deleting the lead, customer or opportunity only unlinks it.
      field.relation('lead', '关联线索', 'Lead', 'lead', { displayFields: ['company', 'status'], onDelete: 'clear' }),
      field.relation('customer', '关联客户', 'Customer', 'customer', { displayFields: ['name'], onDelete: 'clear' }),
      field.relation('opportunity', '关联商机', 'Opportunity', 'opportunity', { displayFields: ['name', 'stage'], onDelete: 'clear' }),
      field.text('contact_name', '联系人', 'Contact', { maxLength: 50 }),
      field.select('method', '跟进方式', 'Method', CRM_CHOICES.followupMethod, { required: true }),
      field.datetime('followup_at', '跟进时间', 'Followed up at', { required: true }),
      field.textarea('content', '跟进内容', 'Notes', { required: true }),
      field.date('next_followup_at', '下次跟进日期', 'Next follow-up'),
    ],
    rules: [
      {
        key: 'hide_lead_unless_lead',
        when: { '!=': [{ var: 'related_type' }, 'lead'] },
        then: [{ action: 'hide', fields: ['lead'] }],
      },
      {
        key: 'hide_opportunity_unless_opportunity',
        when: { '!=': [{ var: 'related_type' }, 'opportunity'] },
        then: [{ action: 'hide', fields: ['opportunity'] }],
      },
    ],
    settings: { titleField: 'subject', columns: 2 },
  };
}
