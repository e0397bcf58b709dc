import { checkRegionPath, findDistrict } from '@platform/form-engine';
import type { DemoRecord } from '@platform/schema';
import { buildCrmPackage } from '../build-crm-package';
import { createDemoClockOrThrow } from '../demo-clock';
import { findCrmPackageIssues } from '../find-crm-package-issues';

const BASE = '2026-11-01';
const pkg = buildCrmPackage({ baseDate: BASE });
const demo = pkg.demo!;
const rows = (formKey: string): DemoRecord[] => demo.records!.find((r) => r.formKey === formKey)!.rows;
const data = (formKey: string) => rows(formKey).map((r) => r.data);
const values = (formKey: string, key: string) => data(formKey).map((d) => d[key]);
const sum = (numbers: unknown[]) => numbers.reduce<number>((total, n) => total + (n as number), 0);
const EAST = ['east', 'north', 'northeast'];

describe('demo organisation', () => {
  it('is the department tree and users the README lists', () => {
    expect(demo.departments!.map((d) => [d.key, d.name, d.parentKey, d.headUsername])).toEqual([
      ['hq', '总部', null, 'director'],
      ['sales', '销售部', 'hq', 'director'],
      ['sales_east', '华东销售组', 'sales', 'manager_east'],
      ['sales_south', '华南销售组', 'sales', 'manager_south'],
      ['legal', '法务部', 'hq', 'legal1'],
      ['finance', '财务部', 'hq', 'finance1'],
    ]);
    expect(demo.users!.map((u) => [u.username, u.departmentKeys[0], u.managerUsername ?? null, u.roleKeys.join()])).toEqual([
      ['director', 'sales', null, 'sales_director'],
      ['manager_east', 'sales_east', 'director', 'sales_manager'],
      ['manager_south', 'sales_south', 'director', 'sales_manager'],
      ['sales1', 'sales_east', 'manager_east', 'sales'],
      ['sales2', 'sales_east', 'manager_east', 'sales'],
      ['sales3', 'sales_south', 'manager_south', 'sales'],
      ['sales4', 'sales_south', 'manager_south', 'sales'],
      ['legal1', 'legal', null, 'legal'],
      ['finance1', 'finance', null, 'finance'],
    ]);
    expect(demo.users!.every((u) => /^[\u4e00-\u9fa5]{2,3}$/.test(u.name) && !u.isAdmin)).toBe(true);
  });

  it('gives every role of the package to at least one user', () => {
    const held = new Set(demo.users!.flatMap((u) => u.roleKeys));
    expect(pkg.roles!.map((r) => r.key).filter((key) => !held.has(key))).toEqual([]);
  });
});

describe('demo records', () => {
  it('fit their forms: known keys, valid values, required fields, gates, rules, unique values', () => {
    expect(findCrmPackageIssues(pkg)).toEqual([]);
  });

  it.each([1, 2, 3, 99, 2026, 424242])('fit their forms for seed %p too', (seed) => {
    expect(findCrmPackageIssues(buildCrmPackage({ seed, baseDate: '2025-06-30' }))).toEqual([]);
  });

  it('come in the announced numbers', () => {
    const counts = Object.fromEntries(demo.records!.map((r) => [r.formKey, r.rows.length]));
    expect(counts).toMatchObject({
      lead: 60, customer: 30, contact: 40, opportunity: 40, followup: 80, product: 12, quote: 20, contract: 12, payment_plan: 20,
    });
    expect(counts.payment).toBeGreaterThanOrEqual(15);
    expect(counts.payment).toBeLessThanOrEqual(20);
  });

  it('cover every stage, lead status and follow-up target', () => {
    expect(new Set(values('opportunity', 'stage'))).toEqual(new Set(['qualify', 'proposal', 'negotiation', 'won', 'lost']));
    expect(new Set(values('lead', 'status'))).toEqual(new Set(['new', 'contacted', 'mql', 'sql', 'converted', 'invalid']));
    expect(new Set(values('followup', 'related_type'))).toEqual(new Set(['lead', 'customer', 'opportunity']));
    expect(new Set(values('payment_plan', 'status'))).toEqual(new Set(['pending', 'partial', 'paid', 'overdue']));
  });

  it('spread leads, customers and opportunities over every rep, inside their team territory', () => {
    for (const formKey of ['lead', 'customer', 'opportunity']) {
      const owners = new Set(rows(formKey).map((r) => r.owner));
      for (const rep of ['sales1', 'sales2', 'sales3', 'sales4']) expect(owners.has(rep)).toBe(true);
      for (const r of rows(formKey)) {
        const east = ['sales1', 'sales2', 'manager_east'].includes(r.owner!);
        expect(EAST.includes(r.data.region as string)).toBe(east);
      }
    }
  });

  it('never repeats a phone number between different people', () => {
    const customerPhones = values('customer', 'phone');
    const contactPhones = values('contact', 'phone');
    const freshLeadPhones = data('lead').filter((d) => d.status !== 'converted').map((d) => d.phone);
    const all = [...customerPhones, ...contactPhones, ...freshLeadPhones];
    expect(new Set(all).size).toBe(all.length);
    // A converted lead is the same person as the customer's contact.
    const contacts = new Set(contactPhones);
    for (const d of data('lead').filter((x) => x.status === 'converted')) expect(contacts.has(d.phone)).toBe(true);
  });

  it('name only records that exist in the form they point to', () => {
    const customers = new Set(values('customer', 'name'));
    const titles: Record<string, Set<unknown>> = {
      lead: new Set(values('lead', 'company')),
      customer: customers,
      opportunity: new Set(values('opportunity', 'name')),
    };
    for (const formKey of ['contact', 'opportunity', 'quote', 'contract', 'payment_plan', 'payment']) {
      for (const name of values(formKey, 'customer_name')) expect(customers.has(name)).toBe(true);
    }
    for (const d of data('followup')) expect(titles[d.related_type as string]!.has(d.related_name)).toBe(true);
    for (const formKey of ['quote', 'contract']) {
      for (const name of values(formKey, 'opportunity_name')) expect(titles.opportunity!.has(name)).toBe(true);
    }
    const contracts = new Set(values('contract', 'title'));
    for (const formKey of ['payment_plan', 'payment']) {
      for (const title of values(formKey, 'contract_title')) expect(contracts.has(title)).toBe(true);
    }
    const plans = new Set(values('payment_plan', 'title'));
    for (const title of values('payment', 'plan_title')) expect(plans.has(title)).toBe(true);
  });

  it('link records through relations that agree with the names beside them', () => {
    for (const formKey of ['contact', 'opportunity', 'quote', 'contract']) {
      for (const d of data(formKey)) expect(d.customer).toBe(d.customer_name);
    }
    for (const formKey of ['quote', 'contract']) for (const d of data(formKey)) expect(d.opportunity).toBe(d.opportunity_name);
    const quotes = new Set(values('quote', 'title'));
    for (const d of data('contract')) expect(quotes.has(d.quote) && d.quote === `${d.opportunity_name}报价`).toBe(true);
    for (const d of data('payment_plan')) expect(d.contract).toBe(d.contract_title);
    for (const d of data('payment')) expect([d.contract, d.payment_plan]).toEqual([d.contract_title, d.plan_title]);
    for (const d of data('followup')) expect(d[d.related_type as string]).toBe(d.related_name);
    const opportunities = new Map(data('opportunity').map((o) => [o.name, o.customer]));
    for (const d of data('followup').filter((x) => x.related_type === 'opportunity')) expect(d.customer).toBe(opportunities.get(d.opportunity));
    for (const d of data('lead')) expect(d.converted_customer).toBe(d.status === 'converted' ? d.company : undefined);
  });

  it('give every customer a contact and most contracts receipts, so a newcomer sees linked records', () => {
    const withContacts = new Set(values('contact', 'customer'));
    for (const name of values('customer', 'name')) expect(withContacts.has(name)).toBe(true);
    const paid = new Set(values('payment', 'contract'));
    expect(values('contract', 'title').filter((title) => paid.has(title)).length).toBeGreaterThanOrEqual(8);
    expect(new Set(values('payment_plan', 'contract')).size).toBe(rows('contract').length);
  });

  it('leave serial numbers to the platform', () => {
    for (const formKey of ['quote', 'contract']) for (const d of data(formKey)) expect(d).not.toHaveProperty(formKey === 'quote' ? 'quote_no' : 'contract_no');
  });

  it('give each customer an address in the city its name starts with, named as the region data names it', () => {
    for (const d of data('customer')) {
      const address = d.address as { province: string; city: string; district: string; detail: string };
      expect(checkRegionPath(address)).toEqual({ ok: true });
      expect(findDistrict(address.province, address.city, address.district)).toBeDefined();
      expect(address.detail).toMatch(/^\S+\d+号$/);
      const city = address.city === '市辖区' ? address.province : address.city;
      expect((d.name as string).startsWith(city.replace(/市$/, ''))).toBe(true);
    }
  });

  it('keep the money consistent from quote to contract to receipts', () => {
    const opportunities = data('opportunity');
    for (const q of data('quote')) {
      expect(Math.abs((q.list_total as number) * (q.discount as number) / 100 - (q.quote_total as number))).toBeLessThan(1);
      expect(q.quote_total).toBe(opportunities.find((o) => o.name === q.opportunity_name)!.amount);
    }
    const won = opportunities.filter((o) => o.stage === 'won');
    expect(data('contract').map((c) => c.opportunity_name).sort()).toEqual(won.map((o) => o.name).sort());
    for (const c of data('contract')) {
      expect(c.amount).toBe(won.find((o) => o.name === c.opportunity_name)!.amount);
      const plans = data('payment_plan').filter((p) => p.contract_title === c.title);
      expect(Math.abs(sum(plans.map((p) => p.amount)) - (c.amount as number))).toBeLessThan(0.01);
    }
    for (const p of data('payment_plan')) {
      const received = sum(data('payment').filter((x) => x.plan_title === p.title).map((x) => x.amount));
      expect(Math.abs(received - (p.received_amount as number))).toBeLessThan(0.01);
      if (p.status === 'paid') expect(p.received_amount).toBe(p.amount);
      if (p.status === 'partial') expect((p.received_amount as number) > 0 && (p.received_amount as number) < (p.amount as number)).toBe(true);
      if (p.status === 'pending' || p.status === 'overdue') expect(p.received_amount).toBe(0);
      expect(p.status === 'pending').toBe((p.plan_date as string) >= BASE);
    }
  });

  it('keep dates in order and never in the future of the base date', () => {
    // Midnight at the start of the base day in Shanghai: the demo's "now" is at least this late.
    const today = createDemoClockOrThrow(BASE).dateTime(0, 0, 0);
    for (const set of demo.records!) for (const r of set.rows) expect(r.createdAt! < today).toBe(true);
    for (const f of data('followup')) expect((f.followup_at as string) < today).toBe(true);
    for (const d of data('lead')) expect((d.assigned_at as string) < today && (d.last_followup_at ?? '') < today).toBe(true);
    for (const c of data('contract')) {
      expect((c.sign_date as string) <= (c.start_date as string)).toBe(true);
      expect((c.start_date as string) < (c.end_date as string)).toBe(true);
      expect(c.status).toBe((c.end_date as string) < BASE ? 'completed' : 'active');
    }
    for (const o of data('opportunity')) {
      const open = ['qualify', 'proposal', 'negotiation'].includes(o.stage as string);
      expect((o.expected_close as string) > BASE).toBe(open);
    }
    const signed = new Map(data('contract').map((c) => [c.title, c.sign_date as string]));
    for (const p of data('payment')) expect((p.paid_at as string) >= signed.get(p.contract_title)!).toBe(true);
  });

  it('assign contract signers and receipt confirmers from the demo users', () => {
    for (const signer of values('contract', 'signer')) expect(['director', 'manager_east', 'manager_south']).toContain(signer);
    expect(new Set(values('payment', 'confirmed_by'))).toEqual(new Set(['finance1']));
  });

  it('move every date by the same number of days when the base date moves', () => {
    const later = buildCrmPackage({ baseDate: '2027-03-15' });
    const shift = createDemoClockOrThrow(BASE).daysUntil('2027-03-15');
    const clock = createDemoClockOrThrow(BASE);
    const dateFields = new Map(pkg.forms.map((f) => [f.key, f.fields.filter((x) => x.type === 'date').map((x) => x.key)]));
    demo.records!.forEach((set, s) => {
      set.rows.forEach((row, r) => {
        const moved = later.demo!.records![s]!.rows[r]!.data;
        for (const key of dateFields.get(set.formKey)!) {
          if (row.data[key] === undefined) continue;
          expect(moved[key]).toBe(clock.date(clock.daysUntil(row.data[key] as string) + shift));
        }
      });
    });
  });
});
