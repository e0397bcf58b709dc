import type { DataScope, GrantAction, PackageGrant, PackageRole } from '@platform/schema';
import { localized } from './localized';

/** Forms a sales rep works in every day. */
const SALES_FORMS = ['lead', 'customer', 'contact', 'opportunity', 'followup', 'quote'] as const;
const CONTRACT_FORMS = ['contract', 'payment_plan', 'payment'] as const;

const ALL: DataScope = { type: 'all' };
const OWN: DataScope = { type: 'own' };
const TEAM: DataScope = { type: 'departmentTree' };

/** A grant that may edit every field, including fields added later. */
const edit = (formKey: string, actions: GrantAction[], scope: DataScope): PackageGrant => ({
  formKey,
  actions,
  scope: { ...scope },
  fields: { visible: '*', editable: '*' },
});

/** A grant that sees every field (except the masked ones) and edits none. */
const view = (formKey: string, actions: GrantAction[], scope: DataScope, masked?: string[]): PackageGrant => ({
  formKey,
  actions,
  scope: { ...scope },
  fields: masked ? { visible: '*', editable: [], masked } : { visible: '*', editable: [] },
});

/**
 * The CRM's roles. The platform administrator (`isAdmin`) needs no role. Users may hold several roles;
 * the platform unions their scopes (API.md "Organisation and permissions").
 */
export function buildCrmRoles(): PackageRole[] {
  return [
    {
      key: 'sales',
      name: localized('销售', 'Sales rep'),
      description: localized('管理自己的线索、客户、商机和报价，查看自己的合同与回款；可查看同组客户（电话、邮箱脱敏）', "Works own leads, customers, deals and quotes; reads own contracts and payments; sees teammates' customers with phone and email masked"),
      grants: [
        ...SALES_FORMS.map((formKey) => edit(formKey, ['read', 'create', 'update', 'print'], OWN)),
        // Teammates' customers are visible (to avoid chasing the same company) with contact details
        // masked; on their own customers the grant above shows them in full.
        view('customer', ['read'], { type: 'department' }, ['phone', 'email']),
        ...CONTRACT_FORMS.map((formKey) => view(formKey, ['read'], OWN)),
        view('product', ['read'], ALL),
      ],
    },
    {
      key: 'sales_manager',
      name: localized('销售经理', 'Sales manager'),
      description: localized('管理本部门及下级部门的销售数据，可转移、导出和删除', "Manages the team's sales data, including transfer, export and delete"),
      grants: [
        ...SALES_FORMS.map((formKey) =>
          edit(formKey, ['read', 'create', 'update', 'delete', 'transfer', 'export', 'print'], TEAM),
        ),
        edit('contract', ['read', 'create', 'update', 'export', 'print'], TEAM),
        edit('payment_plan', ['read', 'create', 'update', 'export'], TEAM),
        view('payment', ['read', 'export'], TEAM),
        view('product', ['read'], ALL),
      ],
    },
    {
      key: 'sales_director',
      name: localized('销售总监', 'Sales director'),
      description: localized('查看和管理全部销售数据，维护表单和产品目录', 'Sees and manages all sales data; maintains the forms and the product catalogue'),
      grants: [
        ...[...SALES_FORMS, 'contract', 'payment_plan', 'product'].map((formKey) =>
          edit(formKey, ['read', 'create', 'update', 'delete', 'transfer', 'import', 'export', 'print', 'manage'], ALL),
        ),
        view('payment', ['read', 'export', 'print'], ALL),
      ],
    },
    {
      key: 'legal',
      name: localized('法务', 'Legal'),
      description: localized('审阅全部合同与报价', 'Reviews all contracts and quotes'),
      grants: [view('contract', ['read', 'print'], ALL), view('quote', ['read'], ALL)],
    },
    {
      key: 'finance',
      name: localized('财务', 'Finance'),
      description: localized('查看全部合同与回款计划，登记回款；客户电话脱敏', 'Reads all contracts and payment plans, records payments; customer phones masked'),
      grants: [
        view('contract', ['read', 'export', 'print'], ALL),
        {
          formKey: 'payment_plan',
          actions: ['read', 'update', 'export'],
          scope: { ...ALL },
          fields: { visible: '*', editable: ['received_amount', 'status', 'notes'] },
        },
        // `transfer` lets finance hand a receipt to the sales rep who owns the contract.
        edit('payment', ['read', 'create', 'update', 'transfer', 'export', 'print'], ALL),
        view('customer', ['read'], ALL, ['phone']),
      ],
    },
  ];
}
