import type { FormDefinition } from '@platform/schema';
import { CRM_CHOICES } from '../crm-choices';
import { field } from '../field';
import { localized } from '../localized';

/** Fields an opportunity needs before it may enter 方案报价 (proposal), and every later open stage. */
const QUALIFIED = ['budget', 'decision_maker', 'expected_close'];

/**
 * 商机: a deal in the pipeline 需求分析 20% -> 方案报价 50% -> 商务谈判 80% -> 赢单 100% / 输单 0%.
 * The sales rep is the record owner (a system field). Exactly 12 value fields: this form is also the
 * benchmark dataset (PERFORMANCE.md), see generateOpportunityRows.
 */
export function opportunityForm(): FormDefinition {
  return {
    key: 'opportunity',
    name: localized('商机', 'Opportunities'),
    fields: [
      field.text('name', '商机名称', 'Opportunity', { required: true, maxLength: 200 }),
      // Customer name as text until relation fields ship; a relation to `customer` will replace it.
      field.text('customer_name', '客户名称', 'Customer', { required: true, maxLength: 200 }),
      {
        key: 'customer',
        type: 'relation',
        label: localized('关联客户', 'Customer record'),
        options: { targetForm: 'customer', displayFields: ['name', 'level'], onDelete: 'block' },
      },
      { key: 'customer_level', type: 'lookup', label: localized('客户等级', 'Customer level'), options: { relationField: 'customer', targetField: 'level' } },
      field.money('amount', '预计金额', 'Amount'),
      field.select('stage', '销售阶段', 'Stage', CRM_CHOICES.opportunityStage, { required: true, default: 'qualify' }),
      field.percent('probability', '赢单率', 'Probability'),
      field.date('expected_close', '预计成交日期', 'Expected close'),
      field.money('budget', '客户预算', 'Budget'),
      field.text('decision_maker', '决策人', 'Decision maker', { maxLength: 50 }),
      field.select('loss_reason', '输单原因', 'Loss reason', CRM_CHOICES.lossReason),
      field.select('source', '商机来源', 'Source', CRM_CHOICES.leadSource),
      field.select('region', '区域', 'Region', CRM_CHOICES.region),
      field.textarea('next_step', '下一步计划', 'Next step', { maxLength: 2000 }),
    ],
    rules: [
      {
        key: 'hide_loss_reason_unless_lost',
        when: { '!=': [{ var: 'stage' }, 'lost'] },
        then: [{ action: 'hide', fields: ['loss_reason'] }],
      },
    ],
    settings: {
      titleField: 'name',
      columns: 2,
      stageGates: {
        field: 'stage',
        requirements: {
          proposal: [...QUALIFIED],
          negotiation: [...QUALIFIED, 'amount'],
          won: [...QUALIFIED, 'amount'],
          lost: ['loss_reason'],
        },
      },
    },
  };
}
