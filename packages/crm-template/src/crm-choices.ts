/** One choice of a select/radio field before it becomes a ChoiceOption: key, zh-CN, en-US, colour. */
export type Choice = { readonly key: string; readonly zh: string; readonly en: string; readonly color: string };

const c = (key: string, zh: string, en: string, color: string): Choice => ({ key, zh, en, color });

/**
 * The option lists of the CRM, shared by the forms and the demo-data generators so that the two can
 * never disagree. Order is meaningful: select fields sort by option order.
 */
export const CRM_CHOICES = {
  leadSource: [
    c('website', '官网咨询', 'Website', '#1677ff'),
    c('referral', '客户推荐', 'Referral', '#52c41a'),
    c('exhibition', '展会', 'Trade show', '#722ed1'),
    c('online_ads', '广告投放', 'Online ads', '#fa8c16'),
    c('cold_call', '电话营销', 'Cold call', '#13c2c2'),
    c('partner', '合作伙伴', 'Partner', '#eb2f96'),
    c('social', '社交媒体', 'Social media', '#2f54eb'),
    c('other', '其他', 'Other', '#8c8c8c'),
  ],
  industry: [
    c('internet', '互联网', 'Internet', '#1677ff'),
    c('manufacturing', '制造业', 'Manufacturing', '#fa8c16'),
    c('finance', '金融', 'Finance', '#faad14'),
    c('retail', '零售', 'Retail', '#eb2f96'),
    c('healthcare', '医疗健康', 'Healthcare', '#52c41a'),
    c('education', '教育', 'Education', '#722ed1'),
    c('logistics', '物流', 'Logistics', '#13c2c2'),
    c('real_estate', '房地产', 'Real estate', '#a0d911'),
    c('energy', '能源', 'Energy', '#fadb14'),
    c('other', '其他', 'Other', '#8c8c8c'),
  ],
  region: [
    c('east', '华东', 'East China', '#1677ff'),
    c('north', '华北', 'North China', '#fa541c'),
    c('south', '华南', 'South China', '#52c41a'),
    c('central', '华中', 'Central China', '#faad14'),
    c('southwest', '西南', 'Southwest', '#722ed1'),
    c('northwest', '西北', 'Northwest', '#a0d911'),
    c('northeast', '东北', 'Northeast', '#13c2c2'),
  ],
  leadStatus: [
    c('new', '新线索', 'New', '#1677ff'),
    c('contacted', '已联系', 'Contacted', '#13c2c2'),
    c('mql', '市场认可 MQL', 'MQL', '#722ed1'),
    c('sql', '销售认可 SQL', 'SQL', '#fa8c16'),
    c('converted', '已转化', 'Converted', '#52c41a'),
    c('invalid', '无效', 'Invalid', '#8c8c8c'),
  ],
  customerLevel: [
    c('a', 'A 类（重点）', 'A (key account)', '#f5222d'),
    c('b', 'B 类（普通）', 'B (standard)', '#fa8c16'),
    c('c', 'C 类（一般）', 'C (small)', '#8c8c8c'),
  ],
  customerStatus: [
    c('prospect', '潜在客户', 'Prospect', '#1677ff'),
    c('active', '成交客户', 'Customer', '#52c41a'),
    c('dormant', '沉睡客户', 'Dormant', '#faad14'),
    c('churned', '流失客户', 'Churned', '#8c8c8c'),
  ],
  contactRole: [
    c('decision_maker', '决策人', 'Decision maker', '#f5222d'),
    c('influencer', '影响者', 'Influencer', '#fa8c16'),
    c('user', '使用者', 'User', '#1677ff'),
    c('gatekeeper', '把关人', 'Gatekeeper', '#722ed1'),
  ],
  gender: [
    c('male', '男', 'Male', '#1677ff'),
    c('female', '女', 'Female', '#eb2f96'),
  ],
  opportunityStage: [
    c('qualify', '需求分析', 'Qualify', '#1677ff'),
    c('proposal', '方案报价', 'Proposal', '#722ed1'),
    c('negotiation', '商务谈判', 'Negotiation', '#fa8c16'),
    c('won', '赢单', 'Won', '#52c41a'),
    c('lost', '输单', 'Lost', '#8c8c8c'),
  ],
  lossReason: [
    c('price', '价格因素', 'Price', '#f5222d'),
    c('competitor', '选择竞品', 'Chose a competitor', '#fa541c'),
    c('no_budget', '预算不足', 'No budget', '#faad14'),
    c('no_decision', '需求搁置', 'No decision', '#8c8c8c'),
    c('product_fit', '产品不匹配', 'Product fit', '#722ed1'),
    c('relationship', '关系维护不足', 'Relationship', '#13c2c2'),
    c('other', '其他', 'Other', '#bfbfbf'),
  ],
  followupTarget: [
    c('lead', '线索', 'Lead', '#1677ff'),
    c('customer', '客户', 'Customer', '#52c41a'),
    c('opportunity', '商机', 'Opportunity', '#fa8c16'),
  ],
  followupMethod: [
    c('phone', '电话', 'Phone', '#1677ff'),
    c('visit', '拜访', 'Visit', '#52c41a'),
    c('wechat', '微信', 'WeChat', '#13c2c2'),
    c('email', '邮件', 'Email', '#722ed1'),
  ],
  productCategory: [
    c('software', '软件许可', 'Software licence', '#1677ff'),
    c('subscription', '云订阅', 'Cloud subscription', '#13c2c2'),
    c('hardware', '硬件', 'Hardware', '#fa8c16'),
    c('service', '实施服务', 'Services', '#52c41a'),
    c('training', '培训', 'Training', '#722ed1'),
  ],
  quoteStatus: [
    c('draft', '草稿', 'Draft', '#8c8c8c'),
    c('submitted', '审批中', 'Submitted', '#1677ff'),
    c('approved', '已批准', 'Approved', '#52c41a'),
    c('rejected', '已驳回', 'Rejected', '#f5222d'),
  ],
  contractStatus: [
    c('draft', '草拟', 'Draft', '#8c8c8c'),
    c('in_review', '审批中', 'In review', '#1677ff'),
    c('active', '执行中', 'Active', '#52c41a'),
    c('completed', '已完成', 'Completed', '#13c2c2'),
    c('terminated', '已终止', 'Terminated', '#f5222d'),
  ],
  paymentPlanStatus: [
    c('pending', '待回款', 'Pending', '#1677ff'),
    c('partial', '部分回款', 'Partly paid', '#faad14'),
    c('paid', '已回款', 'Paid', '#52c41a'),
    c('overdue', '已逾期', 'Overdue', '#f5222d'),
  ],
  paymentMethod: [
    c('bank_transfer', '银行转账', 'Bank transfer', '#1677ff'),
    c('bank_acceptance', '银行承兑汇票', "Banker's acceptance", '#722ed1'),
    c('check', '支票', 'Cheque', '#fa8c16'),
    c('alipay', '支付宝', 'Alipay', '#13c2c2'),
    c('wechat_pay', '微信支付', 'WeChat Pay', '#52c41a'),
  ],
} as const satisfies Record<string, readonly Choice[]>;

/** Win probability (percent) of each opportunity stage, as the sales process defines it. */
export const STAGE_PROBABILITY = {
  qualify: 20,
  proposal: 50,
  negotiation: 80,
  won: 100,
  lost: 0,
} as const satisfies Record<(typeof CRM_CHOICES.opportunityStage)[number]['key'], number>;
