export type DemoProduct = {
  code: string;
  name: string;
  category: string;
  unit: string;
  listPrice: number;
  active: boolean;
  specification: string;
};

/** The demo price list: a SaaS CRM vendor's subscriptions, licences, hardware and services. */
export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { code: 'CRM-STD', name: '云CRM 标准版', category: 'subscription', unit: '用户/年', listPrice: 980, active: true, specification: '线索、客户、商机管理，5 GB 存储/用户' },
  { code: 'CRM-PRO', name: '云CRM 专业版', category: 'subscription', unit: '用户/年', listPrice: 1980, active: true, specification: '标准版全部功能，另含审批流、自动化规则和报表' },
  { code: 'CRM-ENT', name: '云CRM 企业版', category: 'subscription', unit: '用户/年', listPrice: 3680, active: true, specification: '专业版全部功能，另含开放 API、沙箱和专属客户成功经理' },
  { code: 'BI-ADV', name: '数据分析模块', category: 'subscription', unit: '套/年', listPrice: 28000, active: true, specification: '销售漏斗、预测与自定义仪表盘' },
  { code: 'MOB-SUITE', name: '移动办公套件', category: 'subscription', unit: '用户/年', listPrice: 360, active: false, specification: '已停售，由专业版内置移动端替代' },
  { code: 'LIC-ONPREM', name: '私有化部署许可', category: 'software', unit: '套', listPrice: 380000, active: true, specification: '永久许可，含首年升级服务' },
  { code: 'HW-SERVER', name: '服务器一体机', category: 'hardware', unit: '台', listPrice: 96000, active: true, specification: '2U 机架式，64 核 / 256 GB / 8 TB' },
  { code: 'SVC-IMPL', name: '实施服务', category: 'service', unit: '人天', listPrice: 2500, active: true, specification: '需求调研、配置、上线支持' },
  { code: 'SVC-DEV', name: '定制开发', category: 'service', unit: '人天', listPrice: 3000, active: true, specification: '按需求说明书开发与测试' },
  { code: 'SVC-MIGR', name: '数据迁移服务', category: 'service', unit: '次', listPrice: 15000, active: true, specification: '从 Excel 或旧系统迁移客户与交易数据' },
  { code: 'SVC-OPS', name: '年度运维服务', category: 'service', unit: '年', listPrice: 60000, active: true, specification: '7x24 监控、季度巡检、补丁升级' },
  { code: 'TRN-ADMIN', name: '管理员培训', category: 'training', unit: '期', listPrice: 8000, active: true, specification: '两天现场培训，每期不超过 20 人' },
];
