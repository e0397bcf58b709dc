import type { PackageFlow } from '@platform/schema';
import { localized } from './localized';

/**
 * The CRM's approvals (CATALOG.md section 5). Role sources name package role keys; the importer maps
 * them to the roles it creates.
 */
export function buildCrmFlows(): PackageFlow[] {
  return [
    {
      key: 'quote_discount',
      name: localized('报价折扣审批', 'Quote discount approval'),
      formKey: 'quote',
      nodes: [
        {
          key: 'by_discount',
          type: 'condition',
          name: localized('按折扣分流', 'Route by discount'),
          branches: [
            {
              key: 'below_90',
              name: localized('低于九折', 'Below 90%'),
              condition: { '<': [{ var: 'discount' }, 90] },
              nodes: [
                {
                  key: 'director',
                  type: 'approval',
                  name: localized('销售总监审批', 'Sales director'),
                  approvers: [{ source: 'roles', roleIds: ['sales_director'] }],
                  mode: 'anySign',
                  deadline: { after: 'P1D' },
                  onOverdue: 'escalate',
                  rejectCommentRequired: true,
                },
              ],
            },
            {
              key: 'otherwise',
              name: localized('其他', 'Otherwise'),
              condition: null,
              nodes: [
                {
                  key: 'manager',
                  type: 'approval',
                  name: localized('直属经理审批', 'Direct manager'),
                  approvers: [{ source: 'manager', level: 1 }],
                  onEmpty: 'admin',
                },
              ],
            },
          ],
        },
      ],
    },
    {
      key: 'contract_approval',
      name: localized('合同审批', 'Contract approval'),
      formKey: 'contract',
      nodes: [
        {
          key: 'manager',
          type: 'approval',
          name: localized('直属经理审批', 'Direct manager'),
          approvers: [{ source: 'manager', level: 1 }],
          onEmpty: 'pass',
          onInitiator: 'manager',
        },
        {
          key: 'by_amount',
          type: 'condition',
          name: localized('按金额分流', 'Route by amount'),
          branches: [
            {
              key: 'over_1m',
              name: localized('一百万及以上', '1,000,000 and above'),
              condition: { '>=': [{ var: 'amount' }, 1000000] },
              nodes: [
                {
                  key: 'director',
                  type: 'approval',
                  name: localized('销售总监审批', 'Sales director'),
                  approvers: [{ source: 'roles', roleIds: ['sales_director'] }],
                  dedupe: true,
                },
              ],
            },
            { key: 'under_1m', name: localized('一百万以下', 'Under 1,000,000'), condition: null, nodes: [] },
          ],
        },
        {
          key: 'by_terms',
          type: 'condition',
          name: localized('特殊条款', 'Special terms'),
          branches: [
            {
              key: 'special',
              name: localized('有特殊条款', 'Special terms'),
              condition: { '==': [{ var: 'has_special_terms' }, true] },
              nodes: [
                {
                  key: 'legal_finance',
                  type: 'approval',
                  name: localized('法务与财务会签', 'Legal and finance countersign'),
                  mode: 'countersign',
                  approvers: [{ source: 'roles', roleIds: ['legal', 'finance'] }],
                },
              ],
            },
            { key: 'standard', name: localized('标准条款', 'Standard terms'), condition: null, nodes: [] },
          ],
        },
        {
          key: 'notify_sales',
          type: 'cc',
          name: localized('抄送销售', 'CC the salesperson'),
          recipients: [{ source: 'initiator' }],
        },
      ],
    },
  ];
}
