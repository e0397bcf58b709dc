import type { FormMeta } from '../api/types';
import type { FlowDefinition } from '../lib/flow-designer/types';

/** The CRM's quote form, cut down to what flows look at. */
export const quoteForm: FormMeta = {
  key: 'quote',
  name: { 'zh-CN': '报价单', 'en-US': 'Quote' },
  version: 1,
  settings: { columns: 2, titleField: 'title' },
  rules: [],
  fields: [
    { key: 'title', type: 'text', label: { 'zh-CN': '报价标题', 'en-US': 'Title' } },
    { key: 'discount', type: 'percent', label: { 'zh-CN': '折扣率', 'en-US': 'Discount' }, options: { decimals: 1 } },
    { key: 'amount', type: 'money', label: { 'zh-CN': '报价金额', 'en-US': 'Amount' } },
    { key: 'stage', type: 'select', label: '阶段', options: { options: [{ key: 'draft', label: '草稿' }, { key: 'sent', label: '已发送' }] } },
    { key: 'owner', type: 'member', label: '负责人' },
    { key: 'dept', type: 'department', label: '所属部门' },
    { key: 'valid_until', type: 'date', label: '有效期至' },
    { key: 'section', type: 'divider', label: '分隔', options: { title: '分隔' } },
  ],
};

/** The CRM's quote_discount flow (condition node with two branches), as GET .../flows/quote_discount answers it. */
export function quoteDiscountFlow(): FlowDefinition {
  return {
    key: 'quote_discount',
    name: { 'zh-CN': '报价折扣审批', 'en-US': 'Quote discount approval' },
    formKey: 'quote',
    version: 3,
    nodes: [
      {
        key: 'by_discount',
        type: 'condition',
        name: { 'zh-CN': '按折扣分流', 'en-US': 'Route by discount' },
        branches: [
          {
            key: 'below_90',
            name: { 'zh-CN': '低于九折', 'en-US': 'Below 90%' },
            condition: { '<': [{ var: 'discount' }, 90] },
            nodes: [
              {
                key: 'director',
                type: 'approval',
                name: { 'zh-CN': '销售总监审批', 'en-US': 'Sales director' },
                approvers: [{ source: 'roles', roleIds: ['r-director'] }],
                mode: 'anySign',
                deadline: { after: 'P1D' },
                onOverdue: 'escalate',
                rejectCommentRequired: true,
              },
            ],
          },
          {
            key: 'otherwise',
            name: { 'zh-CN': '其他', 'en-US': 'Otherwise' },
            condition: null,
            nodes: [
              { key: 'manager', type: 'approval', name: { 'zh-CN': '直属经理审批', 'en-US': 'Direct manager' }, approvers: [{ source: 'manager', level: 1 }], onEmpty: 'admin' },
            ],
          },
        ],
      },
    ],
  };
}
