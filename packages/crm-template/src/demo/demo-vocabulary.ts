/**
 * Word lists the demo data is composed from. Each Chinese word carries its pinyin so that e-mail
 * addresses and web sites match the names. Invented names only: any likeness to a real company is chance.
 */
export const DEMO_VOCABULARY = {
  /** City, pinyin, sales region (option key of `region`), province as the region data names it. */
  cities: [
    ['上海', 'shanghai', 'east', '上海市'], ['杭州', 'hangzhou', 'east', '浙江省'], ['南京', 'nanjing', 'east', '江苏省'],
    ['苏州', 'suzhou', 'east', '江苏省'], ['宁波', 'ningbo', 'east', '浙江省'], ['合肥', 'hefei', 'east', '安徽省'],
    ['厦门', 'xiamen', 'east', '福建省'], ['北京', 'beijing', 'north', '北京市'], ['天津', 'tianjin', 'north', '天津市'],
    ['沈阳', 'shenyang', 'northeast', '辽宁省'], ['大连', 'dalian', 'northeast', '辽宁省'], ['深圳', 'shenzhen', 'south', '广东省'],
    ['广州', 'guangzhou', 'south', '广东省'], ['东莞', 'dongguan', 'south', '广东省'], ['武汉', 'wuhan', 'central', '湖北省'],
    ['长沙', 'changsha', 'central', '湖南省'], ['成都', 'chengdu', 'southwest', '四川省'], ['重庆', 'chongqing', 'southwest', '重庆市'],
    ['西安', 'xian', 'northwest', '陕西省'],
  ],
  /** Brand word, pinyin. */
  brands: [
    ['启明', 'qiming'], ['华信', 'huaxin'], ['瑞丰', 'ruifeng'], ['博远', 'boyuan'], ['恒通', 'hengtong'],
    ['星辰', 'xingchen'], ['云帆', 'yunfan'], ['鼎盛', 'dingsheng'], ['汇智', 'huizhi'], ['天衡', 'tianheng'],
    ['嘉禾', 'jiahe'], ['锦程', 'jincheng'], ['宏图', 'hongtu'], ['致远', 'zhiyuan'], ['蓝海', 'lanhai'],
    ['长风', 'changfeng'], ['朗润', 'langrun'], ['万象', 'wanxiang'], ['正和', 'zhenghe'], ['明德', 'mingde'],
    ['新程', 'xincheng'], ['远景', 'yuanjing'], ['同创', 'tongchuang'], ['卓泰', 'zhuotai'], ['聚源', 'juyuan'],
  ],
  /** Business word, domain suffix, industry (option key of `industry`). */
  trades: [
    ['科技', 'tech', 'internet'], ['信息技术', 'it', 'internet'], ['网络', 'net', 'internet'],
    ['智能制造', 'mfg', 'manufacturing'], ['机械', 'machinery', 'manufacturing'], ['电子', 'electronics', 'manufacturing'],
    ['金融服务', 'finance', 'finance'], ['投资管理', 'capital', 'finance'], ['商贸', 'trading', 'retail'],
    ['零售连锁', 'retail', 'retail'], ['医疗器械', 'medical', 'healthcare'], ['生物科技', 'bio', 'healthcare'],
    ['教育科技', 'edu', 'education'], ['物流', 'logistics', 'logistics'], ['供应链管理', 'scm', 'logistics'],
    ['置业', 'realty', 'real_estate'], ['新能源', 'energy', 'energy'], ['环保科技', 'green', 'energy'],
  ],
  companySuffixes: ['有限公司', '有限公司', '有限公司', '股份有限公司', '集团有限公司'],
  /** Surname, pinyin. */
  surnames: [
    ['王', 'wang'], ['李', 'li'], ['张', 'zhang'], ['刘', 'liu'], ['陈', 'chen'], ['杨', 'yang'], ['黄', 'huang'],
    ['赵', 'zhao'], ['吴', 'wu'], ['周', 'zhou'], ['徐', 'xu'], ['孙', 'sun'], ['马', 'ma'], ['朱', 'zhu'],
    ['胡', 'hu'], ['郭', 'guo'], ['何', 'he'], ['林', 'lin'], ['罗', 'luo'], ['高', 'gao'], ['郑', 'zheng'],
    ['梁', 'liang'], ['谢', 'xie'], ['宋', 'song'], ['唐', 'tang'], ['韩', 'han'], ['冯', 'feng'], ['邓', 'deng'],
  ],
  /** Given name, pinyin, gender (option key of `gender`). */
  givenNames: [
    ['伟', 'wei', 'male'], ['芳', 'fang', 'female'], ['娜', 'na', 'female'], ['敏', 'min', 'female'],
    ['静', 'jing', 'female'], ['强', 'qiang', 'male'], ['磊', 'lei', 'male'], ['军', 'jun', 'male'],
    ['洋', 'yang', 'male'], ['艳', 'yan', 'female'], ['杰', 'jie', 'male'], ['涛', 'tao', 'male'],
    ['志强', 'zhiqiang', 'male'], ['晓东', 'xiaodong', 'male'], ['海燕', 'haiyan', 'female'], ['俊杰', 'junjie', 'male'],
    ['雪梅', 'xuemei', 'female'], ['子涵', 'zihan', 'female'], ['思远', 'siyuan', 'male'], ['佳怡', 'jiayi', 'female'],
    ['浩然', 'haoran', 'male'], ['欣怡', 'xinyi', 'female'], ['宇航', 'yuhang', 'male'], ['梦琪', 'mengqi', 'female'],
    ['建华', 'jianhua', 'male'], ['丽华', 'lihua', 'female'], ['文博', 'wenbo', 'male'], ['婷婷', 'tingting', 'female'],
  ],
  /** Three-digit mainland mobile prefixes (all match 1[3-9]). */
  mobilePrefixes: [
    '130', '131', '132', '133', '135', '136', '137', '138', '139', '150', '151', '152', '153', '155', '156',
    '157', '158', '159', '166', '173', '176', '177', '180', '181', '182', '183', '185', '186', '187', '188',
    '189', '191', '198', '199',
  ],
  jobTitles: ['总经理', '副总经理', '采购经理', 'IT 总监', '信息中心主任', '财务总监', '运营总监', '销售副总裁', '行政主管', '技术负责人'],
  departments: ['总经办', '采购部', '信息技术部', '财务部', '运营部', '销售部', '行政部'],
  roads: ['人民路', '中山路', '建设大道', '科技园路', '创新大道', '世纪大道', '解放路', '长江路', '高新大道', '学府路'],
  projects: [
    'CRM 系统采购', '销售云升级', '数据分析平台建设', '移动办公项目', '私有化部署项目', '渠道管理系统',
    '客服中心建设', '营销自动化项目', '年度订阅扩容', '数字化转型咨询',
  ],
  nextSteps: [
    '安排产品演示', '提交正式报价', '组织技术交流会', '推进合同审批', '邀请客户参观样板客户',
    '确认采购流程和决策链', '准备 POC 测试环境', '与财务确认付款方式',
  ],
  followupTopics: ['产品功能需求', '实施周期', '报价方案', '合同条款', '预算审批进度', '上线计划', '竞品对比', '售后服务'],
  followupReactions: [
    '客户兴趣较高', '需要内部评估', '希望下周安排演示', '对价格有顾虑', '已确认预算', '要求提供同行业案例',
    '决策人将参加下次会议', '倾向于分期付款',
  ],
  invalidReasons: ['联系方式无效', '无采购需求', '重复线索', '同行咨询', '预算远低于门槛'],
  specialTerms: [
    '首年服务费按季度支付，逾期超过 30 天暂停服务。',
    '客户数据须存储于中国境内，合同终止后 30 日内删除。',
    '验收通过后 10 个工作日内支付尾款，质保期延长至 24 个月。',
    '乙方须按甲方要求提供源代码托管。',
  ],
} as const;
