import type { DemoDepartment, DemoUser } from '@platform/schema';

export type DemoOrganisation = { departments: DemoDepartment[]; users: DemoUser[] };

/**
 * The demo company: 总部 -> 销售部 (华东销售组, 华南销售组), 法务部, 财务部, and its users. Reps report
 * to their team manager and managers to the director, so flows that climb the manager chain have
 * somewhere to go. The importer gives every user CRM_DEMO_PASSWORD.
 */
export function buildDemoOrganisation(): DemoOrganisation {
  return {
    departments: [
      { key: 'hq', name: '总部', parentKey: null, headUsername: 'director' },
      { key: 'sales', name: '销售部', parentKey: 'hq', headUsername: 'director' },
      { key: 'sales_east', name: '华东销售组', parentKey: 'sales', headUsername: 'manager_east' },
      { key: 'sales_south', name: '华南销售组', parentKey: 'sales', headUsername: 'manager_south' },
      { key: 'legal', name: '法务部', parentKey: 'hq', headUsername: 'legal1' },
      { key: 'finance', name: '财务部', parentKey: 'hq', headUsername: 'finance1' },
    ],
    users: [
      { username: 'director', name: '王建国', departmentKeys: ['sales'], roleKeys: ['sales_director'] },
      { username: 'manager_east', name: '李明', departmentKeys: ['sales_east'], managerUsername: 'director', roleKeys: ['sales_manager'] },
      { username: 'manager_south', name: '陈静', departmentKeys: ['sales_south'], managerUsername: 'director', roleKeys: ['sales_manager'] },
      { username: 'sales1', name: '张伟', departmentKeys: ['sales_east'], managerUsername: 'manager_east', roleKeys: ['sales'] },
      { username: 'sales2', name: '刘洋', departmentKeys: ['sales_east'], managerUsername: 'manager_east', roleKeys: ['sales'] },
      { username: 'sales3', name: '黄婷', departmentKeys: ['sales_south'], managerUsername: 'manager_south', roleKeys: ['sales'] },
      { username: 'sales4', name: '赵磊', departmentKeys: ['sales_south'], managerUsername: 'manager_south', roleKeys: ['sales'] },
      { username: 'legal1', name: '周敏', departmentKeys: ['legal'], roleKeys: ['legal'] },
      { username: 'finance1', name: '吴芳', departmentKeys: ['finance'], roleKeys: ['finance'] },
    ],
  };
}
