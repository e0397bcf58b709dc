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
      // The followed record's title as text until relation fields ship; a relation will replace it.
      field.text('related_name', '对象名称', 'Related record', { required: true, maxLength: 200 }),
      field.text('contact_name', '联系人', 'Contact', { maxLength: 50 }),
      field.select('method', '跟进方式', 'Method', CRM_CHOICES.followupMethod, { required: true }),
      field.datetime('followup_at', '跟进时间', 'Followed up at', { required: true }),
      field.textarea('content', '跟进内容', 'Notes', { required: true }),
      field.date('next_followup_at', '下次跟进日期', 'Next follow-up'),
    ],
    settings: { titleField: 'subject', columns: 2 },
  };
}
