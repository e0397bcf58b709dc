import type { NavigationItem } from '@platform/schema';
import { localized } from './localized';

const group = (zh: string, en: string, formKeys: string[]): NavigationItem => ({
  type: 'group',
  label: localized(zh, en),
  children: formKeys.map((formKey): NavigationItem => ({ type: 'form', formKey })),
});

/** The app's menu: the lead-to-cash path from top to bottom, master data last. */
export function buildCrmNavigation(): NavigationItem[] {
  return [
    group('线索与客户', 'Leads & customers', ['lead', 'customer', 'contact']),
    group('销售过程', 'Sales', ['opportunity', 'followup', 'quote']),
    group('合同与回款', 'Contracts & payments', ['contract', 'payment_plan', 'payment']),
    group('基础数据', 'Master data', ['product']),
  ];
}
