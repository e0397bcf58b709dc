import type { FormMeta } from '../api/types';

/** A form with one field of each type the record form renders, in the shape GET .../forms answers. */
export const sampleForm: FormMeta = {
  key: 'lead',
  name: { 'zh-CN': '线索', 'en-US': 'Lead' },
  version: 3,
  settings: { columns: 2, titleField: 'name' },
  rules: [],
  fields: [
    { key: 'basics', type: 'divider', label: '基本信息', options: { title: { 'zh-CN': '基本信息', 'en-US': 'Basics' } } },
    { key: 'intro', type: 'description', label: '说明', options: { text: '请完整填写线索信息' } },
    { key: 'name', type: 'text', label: { 'zh-CN': '名称', 'en-US': 'Name' }, required: true },
    { key: 'notes', type: 'textarea', label: '备注' },
    { key: 'employees', type: 'number', label: '员工数', options: { decimals: 0 } },
    { key: 'amount', type: 'money', label: { 'zh-CN': '金额', 'en-US': 'Amount' }, options: { decimals: 2 } },
    { key: 'amount_words', type: 'moneyInWords', label: '大写金额', options: { sourceField: 'amount' } },
    { key: 'probability', type: 'percent', label: '赢率' },
    { key: 'expected_close', type: 'date', label: '预计成交日期' },
    { key: 'last_contact', type: 'datetime', label: '最近联系' },
    { key: 'call_time', type: 'time', label: '方便致电时间' },
    {
      key: 'stage', type: 'select', label: '阶段', required: true,
      options: { options: [
        { key: 'new', label: { 'zh-CN': '新线索', 'en-US': 'New' }, color: '#1677ff' },
        { key: 'proposal', label: { 'zh-CN': '方案报价', 'en-US': 'Proposal' }, color: '#fa8c16' },
      ] },
    },
    { key: 'source', type: 'radio', label: '来源', options: { options: [{ key: 'web', label: '官网' }, { key: 'expo', label: '展会' }] } },
    { key: 'tags', type: 'multiSelect', label: '标签', options: { options: [{ key: 'vip', label: 'VIP', color: '#eb2f96' }, { key: 'smb', label: '中小企业' }] } },
    { key: 'needs', type: 'checkbox', label: '需求', options: { options: [{ key: 'crm', label: 'CRM' }, { key: 'erp', label: 'ERP' }] } },
    { key: 'qualified', type: 'switch', label: '已确认' },
    { key: 'owner', type: 'member', label: '负责人' },
    { key: 'team', type: 'members', label: '协作人' },
    { key: 'dept', type: 'department', label: '所属部门' },
    { key: 'depts', type: 'departments', label: '协作部门' },
    { key: 'email', type: 'email', label: '邮箱' },
    { key: 'phone', type: 'phone', label: '手机' },
    { key: 'website', type: 'url', label: '网站' },
    { key: 'score', type: 'rating', label: '评分', options: { max: 5 } },
    { key: 'code', type: 'serialNumber', label: '编号' },
  ],
};

export const sampleUsers = [
  { id: 'u1', username: 'zhangsan', name: '张三' },
  { id: 'u2', username: 'lisi', name: '李四' },
];

export const sampleDepartments = [
  { id: 'd1', name: '总部', parentId: null },
  { id: 'd2', name: '销售部', parentId: 'd1' },
];
