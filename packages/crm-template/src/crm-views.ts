import type { ViewDefinition } from '@platform/schema';
import { localized } from './localized';

const OPEN_STAGES = ['qualify', 'proposal', 'negotiation'];

/**
 * A table per form plus boards and focused lists. Columns and sorts may name the system fields of
 * API.md (`ownerId`, `createdAt`, `updatedAt`, ...) beside the form's own field keys.
 */
export function buildCrmViews(): ViewDefinition[] {
  return [
    {
      key: 'lead_table',
      formKey: 'lead',
      name: localized('全部线索', 'All leads'),
      type: 'table',
      columns: ['company', 'contact_name', 'phone', 'source', 'region', 'status', 'score', 'last_followup_at', 'ownerId'],
      sort: [{ field: 'createdAt', dir: 'desc' }],
    },
    {
      key: 'lead_board',
      formKey: 'lead',
      name: localized('线索看板', 'Lead board'),
      type: 'kanban',
      groupField: 'status',
      columns: ['company', 'contact_name', 'score', 'ownerId'],
      sort: [{ field: 'score', dir: 'desc' }],
    },
    {
      key: 'customer_table',
      formKey: 'customer',
      name: localized('全部客户', 'All customers'),
      type: 'table',
      columns: ['name', 'level', 'industry', 'region', 'status', 'phone', 'last_followup_at', 'ownerId'],
      sort: [{ field: 'name', dir: 'asc' }],
    },
    {
      key: 'contact_table',
      formKey: 'contact',
      name: localized('全部联系人', 'All contacts'),
      type: 'table',
      columns: ['name', 'customer_name', 'job_title', 'role', 'phone', 'email', 'is_primary'],
      sort: [{ field: 'customer_name', dir: 'asc' }],
    },
    {
      key: 'opportunity_table',
      formKey: 'opportunity',
      name: localized('全部商机', 'All opportunities'),
      type: 'table',
      columns: ['name', 'customer_name', 'stage', 'amount', 'probability', 'expected_close', 'region', 'ownerId'],
      sort: [{ field: 'expected_close', dir: 'asc' }],
    },
    {
      key: 'opportunity_pipeline',
      formKey: 'opportunity',
      name: localized('销售漏斗看板', 'Pipeline board'),
      type: 'kanban',
      groupField: 'stage',
      columns: ['name', 'customer_name', 'amount', 'expected_close', 'ownerId'],
      sort: [{ field: 'amount', dir: 'desc' }],
    },
    {
      key: 'opportunity_open',
      formKey: 'opportunity',
      name: localized('进行中的商机', 'Open opportunities'),
      type: 'table',
      columns: ['name', 'customer_name', 'stage', 'amount', 'expected_close', 'next_step', 'ownerId'],
      sort: [{ field: 'amount', dir: 'desc' }],
      filter: { in: [{ var: 'stage' }, OPEN_STAGES] },
    },
    {
      key: 'followup_table',
      formKey: 'followup',
      name: localized('全部跟进', 'All follow-ups'),
      type: 'table',
      columns: ['subject', 'related_type', 'related_name', 'method', 'followup_at', 'next_followup_at', 'ownerId'],
      sort: [{ field: 'followup_at', dir: 'desc' }],
    },
    {
      key: 'followup_calendar',
      formKey: 'followup',
      name: localized('跟进日历', 'Follow-up calendar'),
      type: 'calendar',
      groupField: 'next_followup_at',
      columns: ['subject', 'related_name'],
    },
    {
      key: 'quote_table',
      formKey: 'quote',
      name: localized('全部报价', 'All quotes'),
      type: 'table',
      columns: ['title', 'customer_name', 'quote_total', 'discount', 'status', 'valid_until', 'ownerId'],
      sort: [{ field: 'quote_date', dir: 'desc' }],
    },
    {
      key: 'contract_table',
      formKey: 'contract',
      name: localized('全部合同', 'All contracts'),
      type: 'table',
      columns: ['contract_no', 'title', 'customer_name', 'amount', 'paid_amount', 'unpaid_amount', 'status', 'sign_date', 'end_date', 'signer'],
      sort: [{ field: 'sign_date', dir: 'desc' }],
    },
    {
      key: 'payment_plan_table',
      formKey: 'payment_plan',
      name: localized('全部回款计划', 'All payment plans'),
      type: 'table',
      columns: ['title', 'customer_name', 'plan_date', 'amount', 'received_amount', 'status', 'ownerId'],
      sort: [{ field: 'plan_date', dir: 'asc' }],
    },
    {
      key: 'payment_plan_overdue',
      formKey: 'payment_plan',
      name: localized('逾期回款', 'Overdue payments'),
      type: 'table',
      columns: ['title', 'customer_name', 'plan_date', 'amount', 'received_amount', 'ownerId'],
      sort: [{ field: 'plan_date', dir: 'asc' }],
      filter: { '==': [{ var: 'status' }, 'overdue'] },
    },
    {
      key: 'payment_table',
      formKey: 'payment',
      name: localized('全部回款', 'All payments'),
      type: 'table',
      columns: ['receipt_no', 'contract_title', 'customer_name', 'paid_at', 'amount', 'method', 'confirmed_by'],
      sort: [{ field: 'paid_at', dir: 'desc' }],
    },
    {
      key: 'product_table',
      formKey: 'product',
      name: localized('产品目录', 'Product catalogue'),
      type: 'table',
      columns: ['code', 'name', 'category', 'unit', 'list_price', 'active'],
      sort: [{ field: 'code', dir: 'asc' }],
    },
  ];
}
