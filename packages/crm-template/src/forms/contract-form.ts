import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/** 合同: a signed deal. Contracts with special terms need legal and finance countersign. */
export function contractForm(): FormDefinition {
  return {
    key: 'contract',
    name: localized('合同', 'Contracts'),
    fields: [
      // Assigned on create (HT-20261101-0001), read-only afterwards.
      field.dailySerial('contract_no', '合同编号', 'Contract no.', 'HT-'),
      field.text('title', '合同名称', 'Title', { required: true, maxLength: 200 }),
      // The names stay as text beside the relations: flows, views and imports written before relations use them.
      field.text('customer_name', '客户名称', 'Customer', { required: true, maxLength: 200 }),
      field.text('opportunity_name', '关联商机', 'Opportunity', { maxLength: 200 }),
      field.relation('customer', '关联客户', 'Customer record', 'customer', { displayFields: ['name'], onDelete: 'block' }),
      field.relation('opportunity', '关联商机记录', 'Opportunity record', 'opportunity', { displayFields: ['name', 'stage'], onDelete: 'clear' }),
      field.relation('quote', '关联报价单', 'Quote', 'quote', { displayFields: ['quote_no', 'title'], onDelete: 'clear' }),
      field.money('amount', '合同金额', 'Amount', { required: true }),
      field.moneyInWords('amount_in_words', '大写金额', 'Amount in words', 'amount'),
      {
        key: 'paid_amount',
        type: 'rollup',
        label: localized('已回款金额', 'Paid'),
        options: { relationField: 'payment.contract', targetField: 'amount', aggregate: 'sum', decimals: 2 },
      },
      { key: 'unpaid_amount', type: 'formula', label: localized('未回款金额', 'Unpaid'), options: { expression: 'amount - paid_amount', decimals: 2 } },
      field.select('status', '合同状态', 'Status', CRM_CHOICES.contractStatus, { required: true, default: 'draft' }),
      field.member('signer', '我方签约人', 'Signed by'),
      field.date('sign_date', '签约日期', 'Signed on'),
      field.date('start_date', '开始日期', 'Start date'),
      field.date('end_date', '结束日期', 'End date'),
      field.switch('has_special_terms', '含特殊条款', 'Special terms', { default: false }),
      field.textarea('special_terms', '特殊条款内容', 'Special terms text'),
    ],
    rules: [
      {
        key: 'special_terms_need_text',
        when: { '==': [{ var: 'has_special_terms' }, true] },
        then: [{ action: 'require', fields: ['special_terms'] }],
      },
      {
        key: 'hide_special_terms_text',
        when: { '!=': [{ var: 'has_special_terms' }, true] },
        then: [{ action: 'hide', fields: ['special_terms'] }],
      },
    ],
    settings: { titleField: 'title', columns: 2 },
  };
}
