import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/** 回款计划: one instalment a contract expects. Overdue plans remind their owner. */
export function paymentPlanForm(): FormDefinition {
  return {
    key: 'payment_plan',
    name: localized('回款计划', 'Payment plans'),
    fields: [
      field.text('title', '计划名称', 'Title', { required: true, maxLength: 200 }),
      // The names stay as text beside the relation: views and imports written before relations use them.
      field.text('contract_title', '合同名称', 'Contract', { required: true, maxLength: 200 }),
      field.text('customer_name', '客户名称', 'Customer', { maxLength: 200 }),
      field.relation('contract', '关联合同', 'Contract record', 'contract', { displayFields: ['contract_no', 'title'], onDelete: 'block' }),
      field.number('installment', '期次', 'Instalment', { min: 1 }),
      field.date('plan_date', '计划回款日期', 'Due date', { required: true }),
      field.money('amount', '计划回款金额', 'Amount', { required: true }),
      field.money('received_amount', '已回款金额', 'Received'),
      field.select('status', '回款状态', 'Status', CRM_CHOICES.paymentPlanStatus, { required: true, default: 'pending' }),
      field.textarea('notes', '备注', 'Notes'),
    ],
    settings: { titleField: 'title', columns: 2 },
  };
}
