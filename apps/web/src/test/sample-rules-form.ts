import type { FormMeta } from '../api/types';

/**
 * A form with each of the richer types (formula, richText, dateRange, cascader, location, idNumber,
 * tabs) and linkage rules: `urgent` on hides `notes` and requires `deadline`; a `qty` over 100 is an
 * error, `discount` under 90 a warning; `stage` = lost makes `reason` visible, and a stage gate asks
 * for it; `locked` on makes `owner_name` read-only and sets `region` to east.
 */
export const rulesForm: FormMeta = {
  key: 'order',
  name: { 'zh-CN': '订单', 'en-US': 'Order' },
  version: 1,
  settings: {
    columns: 2,
    titleField: 'title',
    stageGates: { field: 'stage', requirements: { lost: ['reason'] } },
  },
  fields: [
    { key: 'title', type: 'text', label: { 'zh-CN': '标题', 'en-US': 'Title' }, required: true },
    { key: 'urgent', type: 'switch', label: { 'zh-CN': '加急', 'en-US': 'Urgent' } },
    { key: 'locked', type: 'switch', label: { 'zh-CN': '锁定', 'en-US': 'Locked' } },
    { key: 'owner_name', type: 'text', label: '负责人' },
    { key: 'deadline', type: 'date', label: '截止日期' },
    {
      key: 'stage', type: 'select', label: '阶段',
      options: { options: [{ key: 'open', label: '进行中' }, { key: 'lost', label: '输单' }] },
    },
    { key: 'reason', type: 'text', label: '输单原因' },
    { key: 'qty', type: 'number', label: '数量', options: { decimals: 0 } },
    { key: 'price', type: 'money', label: '单价', options: { decimals: 2 } },
    { key: 'discount', type: 'percent', label: '折扣率', options: { decimals: 1 } },
    { key: 'total', type: 'formula', label: '总价', options: { expression: 'qty * price', resultType: 'number', decimals: 2 } },
    { key: 'big', type: 'formula', label: '大单', options: { expression: 'qty * price >= 10000', resultType: 'boolean' } },
    {
      key: 'region', type: 'select', label: '区域',
      options: { options: [{ key: 'east', label: '华东' }, { key: 'north', label: '华北' }] },
    },
    {
      key: 'detail', type: 'tabs', label: '详情',
      options: {
        tabs: [
          { key: 'content', label: { 'zh-CN': '内容', 'en-US': 'Content' }, fieldKeys: ['notes', 'period'] },
          { key: 'place', label: { 'zh-CN': '地点', 'en-US': 'Place' }, fieldKeys: ['category', 'site', 'id_no'] },
        ],
      },
    },
    { key: 'notes', type: 'richText', label: '备注' },
    { key: 'period', type: 'dateRange', label: '服务期' },
    {
      key: 'category', type: 'cascader', label: '品类',
      options: {
        tree: [
          { key: 'hw', label: { 'zh-CN': '硬件', 'en-US': 'Hardware' }, children: [{ key: 'server', label: { 'zh-CN': '服务器', 'en-US': 'Server' } }] },
          { key: 'sw', label: { 'zh-CN': '软件', 'en-US': 'Software' } },
        ],
      },
    },
    { key: 'site', type: 'location', label: '现场位置' },
    { key: 'id_no', type: 'idNumber', label: '身份证号', options: { kind: 'cnId' } },
  ],
  rules: [
    { key: 'urgent_hides_notes', when: { '==': [{ var: 'urgent' }, true] }, then: [{ action: 'hide', fields: ['notes'] }, { action: 'require', fields: ['deadline'] }] },
    { key: 'reason_only_when_lost', when: { '!=': [{ var: 'stage' }, 'lost'] }, then: [{ action: 'hide', fields: ['reason'] }] },
    { key: 'too_many', when: { '>': [{ var: 'qty' }, 100] }, then: [{ action: 'error', message: { 'zh-CN': '数量不能超过 100', 'en-US': 'At most 100' } }] },
    { key: 'deep_discount', when: { '<': [{ var: 'discount' }, 90] }, then: [{ action: 'warn', message: { 'zh-CN': '折扣低于 90%，需总监审批', 'en-US': 'Needs the director' } }] },
    { key: 'lock', when: { '==': [{ var: 'locked' }, true] }, then: [{ action: 'readonly', fields: ['owner_name'] }, { action: 'setValue', fields: ['region'], value: 'east' }] },
  ],
};
