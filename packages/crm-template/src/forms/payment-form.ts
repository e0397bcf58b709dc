import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/** 回款: money actually received. */
export function paymentForm(): FormDefinition {
  return {
    key: 'payment',
    name: localized('回款', 'Payments'),
    fields: [
      field.text('receipt_no', '回款单号', 'Receipt no.', { required: true, unique: true, maxLength: 50 }),
      // The names stay as text beside the relations: views and imports written before relations use them.
      field.text('contract_title', '合同名称', 'Contract', { required: true, maxLength: 200 }),
      field.text('plan_title', '回款计划', 'Payment plan', { maxLength: 200 }),
      field.text('customer_name', '客户名称', 'Customer', { maxLength: 200 }),
      // A contract with receipts cannot be deleted (its paid amount sums them); a deleted plan only unlinks.
      field.relation('contract', '关联合同', 'Contract record', 'contract', { displayFields: ['contract_no', 'title'], onDelete: 'block' }),
      field.relation('payment_plan', '关联回款计划', 'Payment plan record', 'payment_plan', { displayFields: ['title', 'plan_date'], onDelete: 'clear' }),
      field.date('paid_at', '回款日期', 'Paid on', { required: true }),
      field.money('amount', '回款金额', 'Amount', { required: true }),
      field.moneyInWords('amount_in_words', '大写金额', 'Amount in words', 'amount'),
      field.select('method', '付款方式', 'Method', CRM_CHOICES.paymentMethod),
      field.member('confirmed_by', '确认人', 'Confirmed by'),
      field.textarea('notes', '备注', 'Notes'),
    ],
    settings: { titleField: 'receipt_no', columns: 2 },
  };
}
