import { KEY_REGEX, validateAppPackageDocument, type AppPackage, type FormDefinition, type PackageRole } from '@platform/schema';
import { buildCrmPackage, CRM_DEMO_PASSWORD, STAGE_PROBABILITY } from './index';
import { AVAILABLE_FIELD_TYPES, findCrmPackageIssues } from './find-crm-package-issues';

const pkg = buildCrmPackage();
const form = (key: string): FormDefinition => pkg.forms.find((f) => f.key === key)!;
const fieldKeys = (key: string) => form(key).fields.map((f) => f.key);
const role = (key: string): PackageRole => pkg.roles!.find((r) => r.key === key)!;
const grant = (roleKey: string, formKey: string) => role(roleKey).grants.find((g) => g.formKey === formKey);

describe('buildCrmPackage: the document', () => {
  it('passes the platform schema, with and without demo data', () => {
    expect(validateAppPackageDocument(pkg)).toEqual([]);
    expect(validateAppPackageDocument(buildCrmPackage({ withDemo: false }))).toEqual([]);
  });

  it('has no cross-reference, label or demo-value problems', () => {
    expect(findCrmPackageIssues(pkg)).toEqual([]);
  });

  it('is the crm app with its ten forms in four navigation groups', () => {
    expect(pkg).toMatchObject({ schemaVersion: 1, kind: 'app-package', app: { key: 'crm', name: { 'zh-CN': '销售管理 CRM', 'en-US': 'Sales CRM' } } });
    const groups = pkg.app.navigation!.map((item) =>
      item.type === 'group' ? [item.label, item.children.map((c) => (c.type === 'form' ? c.formKey : '?'))] : item.type,
    );
    expect(groups).toEqual([
      [{ 'zh-CN': '线索与客户', 'en-US': 'Leads & customers' }, ['lead', 'customer', 'contact']],
      [{ 'zh-CN': '销售过程', 'en-US': 'Sales' }, ['opportunity', 'followup', 'quote']],
      [{ 'zh-CN': '合同与回款', 'en-US': 'Contracts & payments' }, ['contract', 'payment_plan', 'payment']],
      [{ 'zh-CN': '基础数据', 'en-US': 'Master data' }, ['product']],
    ]);
  });

  it('uses valid, unique keys and only the field types available now', () => {
    expect(new Set(pkg.forms.map((f) => f.key)).size).toBe(pkg.forms.length);
    for (const f of pkg.forms) {
      const keys = f.fields.map((x) => x.key);
      expect(keys.every((k) => KEY_REGEX.test(k))).toBe(true);
      expect(new Set(keys).size).toBe(keys.length);
      expect(f.fields.every((x) => (AVAILABLE_FIELD_TYPES as readonly string[]).includes(x.type))).toBe(true);
      expect(f.settings?.titleField && keys.includes(f.settings.titleField)).toBeTruthy();
    }
  });

  it('gives the lead its qualification fields and status lifecycle', () => {
    expect(fieldKeys('lead')).toEqual(expect.arrayContaining([
      'company', 'contact_name', 'phone', 'email', 'source', 'industry', 'region', 'status', 'score', 'budget',
      'purchase_time', 'assigned_at', 'last_followup_at', 'notes',
    ]));
    const status = form('lead').fields.find((f) => f.key === 'status')!;
    const options = status.options!.options as { key: string; color: string }[];
    expect(options.map((o) => o.key)).toEqual(['new', 'contacted', 'mql', 'sql', 'converted', 'invalid']);
    expect(options.every((o) => /^#[0-9a-f]{6}$/.test(o.color))).toBe(true);
    expect(status.options!.default).toBe('new');
  });

  it('gives the opportunity the five stages, their probabilities and the proposal gate', () => {
    const stage = form('opportunity').fields.find((f) => f.key === 'stage')!;
    const options = stage.options!.options as { key: string; label: Record<string, string> }[];
    expect(options.map((o) => [o.key, o.label['zh-CN']])).toEqual([
      ['qualify', '需求分析'], ['proposal', '方案报价'], ['negotiation', '商务谈判'], ['won', '赢单'], ['lost', '输单'],
    ]);
    expect(STAGE_PROBABILITY).toEqual({ qualify: 20, proposal: 50, negotiation: 80, won: 100, lost: 0 });
    const gates = form('opportunity').settings!.stageGates!;
    expect(gates.field).toBe('stage');
    expect(gates.requirements.proposal).toEqual(['budget', 'decision_maker', 'expected_close']);
    expect(gates.requirements.lost).toEqual(['loss_reason']);
  });

  it('numbers quotes and contracts with daily serials the platform assigns', () => {
    const serials = pkg.forms.flatMap((f) => f.fields.filter((x) => x.type === 'serialNumber').map((x) => [f.key, x.key, x.options!.segments]));
    const daily = (prefix: string) => [
      { type: 'text', value: prefix }, { type: 'date', format: 'YYYYMMDD' }, { type: 'text', value: '-' }, { type: 'counter', digits: 4, reset: 'daily' },
    ];
    expect(serials).toEqual([['quote', 'quote_no', daily('QT-')], ['contract', 'contract_no', daily('HT-')]]);
  });

  it('links the lead-to-cash records with relations whose delete policies protect what money depends on', () => {
    const relations = pkg.forms.flatMap((f) =>
      f.fields.filter((x) => x.type === 'relation').map((x) => `${f.key}.${x.key} -> ${x.options!.targetForm} (${x.options!.onDelete})`),
    );
    expect(relations).toEqual([
      'lead.converted_customer -> customer (clear)',
      'contact.customer -> customer (block)',
      'opportunity.customer -> customer (block)',
      'followup.lead -> lead (clear)',
      'followup.customer -> customer (clear)',
      'followup.opportunity -> opportunity (clear)',
      'quote.customer -> customer (block)',
      'quote.opportunity -> opportunity (clear)',
      'contract.customer -> customer (block)',
      'contract.opportunity -> opportunity (clear)',
      'contract.quote -> quote (clear)',
      'payment_plan.contract -> contract (block)',
      'payment.contract -> contract (block)',
      'payment.payment_plan -> payment_plan (clear)',
    ]);
  });

  it('rolls up what a CRM user looks for on a customer and a contract', () => {
    const derived = (formKey: string) =>
      Object.fromEntries(form(formKey).fields.filter((x) => ['rollup', 'lookup', 'formula'].includes(x.type)).map((x) => [x.key, x.options]));
    expect(derived('customer')).toEqual({
      won_amount: expect.objectContaining({ relationField: 'opportunity.customer', targetField: 'amount', aggregate: 'sum' }),
      opportunity_count: { relationField: 'opportunity.customer', aggregate: 'count' },
      contact_count: { relationField: 'contact.customer', aggregate: 'count' },
    });
    expect(derived('contract')).toEqual({
      paid_amount: expect.objectContaining({ relationField: 'payment.contract', targetField: 'amount', aggregate: 'sum' }),
      unpaid_amount: expect.objectContaining({ expression: 'amount - paid_amount' }),
    });
    expect(derived('opportunity')).toEqual({ customer_level: { relationField: 'customer', targetField: 'level' } });
  });

  it('keeps the customer address as province, city, district and street', () => {
    expect(form('customer').fields.find((x) => x.key === 'address')).toMatchObject({ type: 'address' });
    expect(form('customer').fields.find((x) => x.key === 'address')!.options).toBeUndefined();
  });

  it('derives amounts in words from the money they spell', () => {
    const words = pkg.forms.flatMap((f) =>
      f.fields.filter((x) => x.type === 'moneyInWords').map((x) => [f.key, x.options!.sourceField]),
    );
    expect(words).toEqual([['quote', 'quote_total'], ['contract', 'amount'], ['payment', 'amount']]);
  });

  it('offers a table of every form, a pipeline board by stage and a lead board by status', () => {
    const views = pkg.views!;
    for (const f of pkg.forms) expect(views.some((v) => v.formKey === f.key && v.type === 'table')).toBe(true);
    expect(views.filter((v) => v.type === 'kanban').map((v) => [v.formKey, v.groupField])).toEqual([
      ['lead', 'status'],
      ['opportunity', 'stage'],
    ]);
  });

  it('labels everything in zh-CN and en-US', () => {
    const labels: unknown[] = [pkg.app.name];
    for (const f of pkg.forms) {
      labels.push(f.name);
      for (const x of f.fields) {
        labels.push(x.label);
        for (const o of (x.options?.options as { label: unknown }[] | undefined) ?? []) labels.push(o.label);
      }
    }
    for (const r of pkg.roles!) labels.push(r.name, r.description);
    for (const v of pkg.views!) labels.push(v.name);
    for (const label of labels) expect(Object.keys(label as object).sort()).toEqual(['en-US', 'zh-CN']);
  });

  it('survives a JSON round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(pkg))).toEqual(pkg);
  });
});

describe('buildCrmPackage: determinism', () => {
  it('gives deep-equal documents for the same options', () => {
    expect(buildCrmPackage({ seed: 9, baseDate: '2027-01-15' })).toEqual(buildCrmPackage({ seed: 9, baseDate: '2027-01-15' }));
    expect(buildCrmPackage()).toEqual(pkg);
  });

  it('gives different demo data for a different seed', () => {
    expect(buildCrmPackage({ seed: 1 }).demo).not.toEqual(buildCrmPackage({ seed: 2 }).demo);
    expect(buildCrmPackage({ seed: 1 }).forms).toEqual(buildCrmPackage({ seed: 2 }).forms);
  });

  it('returns fresh objects: changing one build leaves the next alone', () => {
    const first = buildCrmPackage();
    first.forms[0]!.fields.pop();
    first.demo!.records![0]!.rows[0]!.data.name = 'changed';
    (first.roles![0]!.grants[0]!.scope as { type: string }).type = 'all';
    expect(buildCrmPackage()).toEqual(pkg);
  });

  it('leaves the demo out on request', () => {
    const bare: AppPackage = buildCrmPackage({ withDemo: false });
    expect(bare.demo).toBeUndefined();
    expect(bare.forms).toEqual(pkg.forms);
  });

  it.each(['2026-02-30', '1 Nov 2026'])('refuses the base date %p', (baseDate) => {
    expect(() => buildCrmPackage({ baseDate })).toThrow(RangeError);
  });

  it('exports the demo password the README lists', () => {
    expect(CRM_DEMO_PASSWORD).toBe('Demo@2026');
  });
});

describe('buildCrmPackage: roles', () => {
  const salesForms = ['lead', 'customer', 'contact', 'opportunity', 'followup', 'quote'];

  it('grants only existing forms, with field lists naming existing fields', () => {
    const formKeys = new Set(pkg.forms.map((f) => f.key));
    expect(pkg.roles!.map((r) => r.key)).toEqual(['sales', 'sales_manager', 'sales_director', 'legal', 'finance']);
    for (const r of pkg.roles!) for (const g of r.grants) expect(formKeys.has(g.formKey)).toBe(true);
  });

  it('lets a sales rep work their own sales records and only read their own contracts and payments', () => {
    for (const key of salesForms) {
      expect(grant('sales', key)).toMatchObject({ scope: { type: 'own' }, actions: expect.arrayContaining(['read', 'create', 'update']) });
      expect(grant('sales', key)!.actions).not.toContain('delete');
      expect(grant('sales', key)!.actions).not.toContain('export');
    }
    for (const key of ['contract', 'payment']) {
      expect(grant('sales', key)).toMatchObject({ actions: ['read'], scope: { type: 'own' }, fields: { editable: [] } });
    }
  });

  it('widens the scope to the team for managers and to everything for the director', () => {
    for (const key of salesForms) {
      expect(grant('sales_manager', key)).toMatchObject({ scope: { type: 'departmentTree' } });
      expect(grant('sales_manager', key)!.actions).toEqual(expect.arrayContaining(['transfer', 'export', 'delete']));
      expect(grant('sales_director', key)).toMatchObject({ scope: { type: 'all' } });
      expect(grant('sales_director', key)!.actions).toEqual(expect.arrayContaining(['export', 'import', 'transfer', 'delete', 'manage']));
    }
  });

  it('lets legal read contracts and quotes and nothing else', () => {
    expect(role('legal').grants.map((g) => [g.formKey, g.scope.type, g.actions.includes('update')])).toEqual([
      ['contract', 'all', false],
      ['quote', 'all', false],
    ]);
  });

  it('lets finance record payments and read customers with phones masked', () => {
    for (const key of ['contract', 'payment_plan', 'payment']) {
      expect(grant('finance', key)).toMatchObject({ scope: { type: 'all' }, actions: expect.arrayContaining(['read']) });
    }
    expect(grant('finance', 'payment')!.actions).toEqual(expect.arrayContaining(['create', 'update']));
    expect(grant('finance', 'customer')).toMatchObject({ actions: ['read'], scope: { type: 'all' }, fields: { masked: ['phone'] } });
    expect(grant('finance', 'lead')).toBeUndefined();
  });
});
