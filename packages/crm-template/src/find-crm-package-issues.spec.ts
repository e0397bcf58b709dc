import type { AppPackage, DemoRecord, FormDefinition } from '@platform/schema';
import { buildCrmPackage } from './build-crm-package';
import { findCrmPackageIssues } from './find-crm-package-issues';

const base = buildCrmPackage({ seed: 5 });
const form = (pkg: AppPackage, key: string): FormDefinition => pkg.forms.find((f) => f.key === key)!;
const rows = (pkg: AppPackage, key: string): DemoRecord[] => pkg.demo!.records!.find((r) => r.formKey === key)!.rows;
const firstRow = (pkg: AppPackage, key: string, where: (d: Record<string, unknown>) => boolean = () => true) =>
  rows(pkg, key).find((r) => where(r.data))!.data;

/** The checker is what the demo-data tests lean on: each mutation must be caught with the right code. */
describe('findCrmPackageIssues', () => {
  it('finds nothing wrong with the shipped package', () => {
    expect(findCrmPackageIssues(base)).toEqual([]);
  });

  it.each<[string, (pkg: AppPackage) => void, string]>([
    ['a duplicate field key', (p) => form(p, 'lead').fields.push({ ...form(p, 'lead').fields[0]! }), 'duplicate_key'],
    ['a bad field key', (p) => { form(p, 'lead').fields[0]!.key = 'Company'; }, 'invalid_key'],
    ['a field type not available yet', (p) => { form(p, 'quote').fields[0]!.type = 'signature'; }, 'unavailable_type'],
    ['a label in one language only', (p) => { form(p, 'lead').fields[0]!.label = '公司'; }, 'label_locales'],
    ['a stage gate naming a missing field', (p) => { form(p, 'opportunity').settings!.stageGates!.requirements.proposal!.push('nope'); }, 'unknown_field'],
    ['a stage gate naming a missing stage', (p) => { form(p, 'opportunity').settings!.stageGates!.requirements.closing = ['amount']; }, 'unknown_option'],
    ['amount in words from a missing field', (p) => { form(p, 'quote').fields.find((f) => f.type === 'moneyInWords')!.options!.sourceField = 'total'; }, 'unknown_field'],
    ['a view column that does not exist', (p) => p.views![0]!.columns!.push('nope'), 'unknown_field'],
    ['a kanban grouped by text', (p) => { p.views!.find((v) => v.type === 'kanban')!.groupField = 'company'; }, 'invalid_group_field'],
    ['a form missing from navigation', (p) => p.forms.push({ key: 'extra', name: { 'zh-CN': '额外', 'en-US': 'Extra' }, fields: [] }), 'navigation_coverage'],
    ['a grant on an unknown form', (p) => p.roles![0]!.grants.push({ formKey: 'ghost', actions: ['read'], scope: { type: 'all' } }), 'unknown_form'],
    ['a masked field that does not exist', (p) => { p.roles![4]!.grants.find((g) => g.formKey === 'customer')!.fields!.masked = ['mobile']; }, 'unknown_field'],
    ['a manager cycle', (p) => { p.demo!.users![0]!.managerUsername = 'sales1'; }, 'manager_cycle'],
    ['a user in an unknown department', (p) => { p.demo!.users![1]!.departmentKeys = ['sales_north']; }, 'unknown_department'],
    ['an unknown owner', (p) => { rows(p, 'lead')[0]!.owner = 'nobody'; }, 'unknown_user'],
    ['an unknown data key', (p) => { firstRow(p, 'lead').company_name = 'x'; }, 'unknown_field'],
    ['a value for a derived field', (p) => { firstRow(p, 'contract').amount_in_words = '壹元整'; }, 'derived_field'],
    ['an option key that does not exist', (p) => { firstRow(p, 'lead').source = 'billboard'; }, 'invalid_value'],
    ['a member that is not a demo user', (p) => { firstRow(p, 'contract').signer = 'ceo'; }, 'invalid_value'],
    ['a phone that is not a mainland mobile', (p) => { firstRow(p, 'lead').phone = '12345678901'; }, 'invalid_value'],
    ['an email without a domain', (p) => { firstRow(p, 'lead').email = 'zhang@'; }, 'invalid_value'],
    ['an impossible date', (p) => { firstRow(p, 'opportunity').expected_close = '2026-02-30'; }, 'invalid_value'],
    ['a datetime not in UTC', (p) => { firstRow(p, 'followup').followup_at = '2026-10-01T10:00:00+08:00'; }, 'invalid_value'],
    ['money with three decimals', (p) => { firstRow(p, 'payment').amount = 10.005; }, 'invalid_value'],
    ['a rating above its max', (p) => { firstRow(p, 'lead').score = 6; }, 'invalid_value'],
    ['a text longer than its maxLength', (p) => { firstRow(p, 'lead').contact_name = '名'.repeat(51); }, 'invalid_value'],
    ['a missing required value', (p) => { firstRow(p, 'customer').name = null; }, 'required'],
    ['a proposal without a budget', (p) => { delete firstRow(p, 'opportunity', (d) => d.stage === 'proposal').budget; }, 'stage_gate'],
    ['a lost deal without a reason', (p) => { delete firstRow(p, 'opportunity', (d) => d.stage === 'lost').loss_reason; }, 'stage_gate'],
    ['an SQL lead without a purchase time', (p) => { delete firstRow(p, 'lead', (d) => d.status === 'sql').purchase_time; }, 'rule'],
    ['special terms without their text', (p) => { delete firstRow(p, 'contract', (d) => d.has_special_terms === true).special_terms; }, 'rule'],
    ['two customers with one name', (p) => { rows(p, 'customer')[1]!.data.name = rows(p, 'customer')[0]!.data.name; }, 'unique_violation'],
    ['two records with one ref', (p) => { rows(p, 'lead')[1]!.ref = rows(p, 'lead')[0]!.ref; }, 'duplicate_ref'],
    ['an address as free text', (p) => { firstRow(p, 'customer').address = '上海市人民路 1 号'; }, 'invalid_value'],
    ['an address whose city is not in its province', (p) => { firstRow(p, 'customer').address = { province: '广东省', city: '杭州市', district: null, detail: '人民路 1 号' }; }, 'invalid_value'],
    ['an address not in the stored shape', (p) => { firstRow(p, 'customer').address = { province: ' 浙江省 ', city: null, district: null, detail: null }; }, 'invalid_value'],
    ['a contract number written by hand', (p) => { firstRow(p, 'contract').contract_no = 'HT-20260101-0001'; }, 'derived_field'],
    ['a relation naming no record', (p) => { firstRow(p, 'contact').customer = '不存在的公司'; }, 'unknown_record'],
    ['a relation naming a record imported after it', (p) => {
      const sets = p.demo!.records!;
      const customers = sets.findIndex((x) => x.formKey === 'customer');
      const contacts = sets.findIndex((x) => x.formKey === 'contact');
      [sets[customers], sets[contacts]] = [sets[contacts]!, sets[customers]!];
    }, 'unknown_record'],
    ['a relation naming a title two records share', (p) => { rows(p, 'contract')[1]!.data.title = rows(p, 'contract')[0]!.data.title; }, 'ambiguous_record'],
    ['a relation to a form that does not exist', (p) => { form(p, 'contact').fields.find((f) => f.key === 'customer')!.options!.targetForm = 'client'; }, 'unknown_form'],
    ['a rollup over a relation that does not exist', (p) => { form(p, 'customer').fields.find((f) => f.key === 'contact_count')!.options!.relationField = 'contact.company'; }, 'unknown_field'],
    ['derived fields that read each other across forms', (p) => {
      form(p, 'customer').fields.push({ key: 'loop', type: 'rollup', label: { 'zh-CN': '环', 'en-US': 'Loop' }, options: { relationField: 'opportunity.customer', aggregate: 'count', filter: { '>': [{ var: 'customer_loop' }, 0] } } });
      form(p, 'opportunity').fields.push({ key: 'customer_loop', type: 'lookup', label: { 'zh-CN': '环', 'en-US': 'Loop' }, options: { relationField: 'customer', targetField: 'loop' } });
    }, 'derived_cycle'],
  ])('reports %s', (_name, mutate, code) => {
    const pkg = JSON.parse(JSON.stringify(base)) as AppPackage; // not structuredClone: its objects are of another realm under jest
    mutate(pkg);
    expect(findCrmPackageIssues(pkg)).toContainEqual(expect.objectContaining({ code }));
  });
});
