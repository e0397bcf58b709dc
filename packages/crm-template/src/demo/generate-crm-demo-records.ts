import type { DemoRecord } from '@platform/schema';
import { CRM_CHOICES, STAGE_PROBABILITY } from '../crm-choices';
import type { Random } from '../create-random';
import type { DemoClock } from '../demo-clock';
import { DIRECTOR_APPROVAL_DISCOUNT } from '../forms/quote-form';
import { createDemoFaker, type DemoCompany, type DemoPerson } from './create-demo-faker';
import { DEMO_PRODUCTS, type DemoProduct } from './demo-products';
import { DEMO_VOCABULARY as V } from './demo-vocabulary';

export type DemoRecordSet = { formKey: string; rows: DemoRecord[] };

type Team = 'east' | 'south';
type Stage = keyof typeof STAGE_PROBABILITY;

/** Owners in rotation: every rep, and now and then a manager, owns records. */
const OWNER_ROTATION = [
  'sales1', 'sales3', 'sales2', 'sales4', 'sales1', 'sales3', 'sales2', 'sales4', 'manager_east', 'manager_south',
] as const;
const TEAM_OF: Record<string, Team> = {
  sales1: 'east', sales2: 'east', manager_east: 'east', sales3: 'south', sales4: 'south', manager_south: 'south',
};
const TEAM_MANAGER: Record<Team, string> = { east: 'manager_east', south: 'manager_south' };
/** The territory of each team: the region option keys its customers come from. */
const TEAM_REGIONS: Record<Team, readonly string[]> = {
  east: ['east', 'north', 'northeast'],
  south: ['south', 'central', 'southwest', 'northwest'],
};

const LEAD_STATUS_MIX = { new: 10, contacted: 14, mql: 10, sql: 8, converted: 10, invalid: 8 } as const;
const STAGE_MIX: Record<Stage, number> = { qualify: 10, proposal: 8, negotiation: 6, won: 12, lost: 4 };
const CUSTOMER_COUNT = 30;
const SECOND_CONTACTS = 10;
const FOLLOWUP_MIX = { lead: 35, customer: 15, opportunity: 30 } as const;
const PROPOSAL_QUOTES = 2;
/** At least this many receipts: the oldest paid instalments are split into two transfers to reach it. */
const MIN_PAYMENTS = 15;
const DISCOUNTS = [100, 98, 95, 92, 90, 88, 85, 80] as const;
/** Contracts from this amount are signed by the director, below it by the team manager. */
const DIRECTOR_SIGNS_FROM = 300_000;
/** Customers who bought at least this much are A accounts. */
const KEY_ACCOUNT_FROM = 250_000;

type Line = { product: DemoProduct; qty: number };
type Customer = DemoCompany & { ref: string; owner: string; createdDay: number; row: Record<string, unknown>; primary?: Contact };
type Contact = DemoPerson & { phone: string; email: string };
type Opportunity = {
  ref: string;
  name: string;
  customer: Customer;
  owner: string;
  stage: Stage;
  amount: number;
  listTotal: number;
  discount: number;
  lines: Line[];
  closeDay: number;
  createdDay: number;
};
type Contract = { title: string; customer: Customer; owner: string; amount: number; signDay: number; startDay: number };
type Plan = { title: string; installment: number; contract: Contract; amount: number; day: number; status: string; received: number };
/** The relations of a follow-up: relation field key -> title of the record it links to. */
type FollowupLinks = Partial<Record<'lead' | 'customer' | 'opportunity', string>>;
type FollowupTarget = {
  type: string;
  name: string;
  links: FollowupLinks;
  owner: string;
  contact?: string;
  fromDay: number;
  toDay: number;
  open: boolean;
  row?: Record<string, unknown>;
};

const round2 = (n: number) => Math.round(n * 100) / 100;
const quoteTitle = (o: Opportunity) => `${o.name}报价`;

/** ¥1,980.00 */
function yuan(amount: number): string {
  const [whole, cents] = amount.toFixed(2).split('.');
  return `¥${(whole ?? '0').replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents ?? '00'}`;
}

/** A list holding each key of `mix` as many times as its count, in a seeded random order. */
function shuffledMix<K extends string>(random: Random, mix: Record<K, number>): K[] {
  const items = (Object.keys(mix) as K[]).flatMap((key) => Array<K>(mix[key]).fill(key));
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = random.int(0, i);
    [items[i], items[j]] = [items[j] as K, items[i] as K];
  }
  return items;
}

function labelOf(list: readonly { key: string; zh: string }[], key: string): string {
  return list.find((choice) => choice.key === key)?.zh ?? key;
}

/**
 * The demo records of every CRM form: a sales organisation some months into using the CRM. Names,
 * amounts and dates agree across forms (a won opportunity has an approved quote, a contract with its
 * payment plans, and receipts for the instalments that fell due), and every record satisfies its
 * form's required fields, rules and stage gates. Member fields and owners hold usernames.
 */
export function generateCrmDemoRecords(random: Random, clock: DemoClock): DemoRecordSet[] {
  const faker = createDemoFaker(random);
  const at = (days: number, hour = random.int(9, 18), minute = random.int(0, 59)) => clock.dateTime(days, hour, minute);

  // Products: the price list, maintained by the director.
  const products: DemoRecord[] = DEMO_PRODUCTS.map((product, i) => ({
    ref: `product_${i + 1}`,
    owner: 'director',
    createdAt: at(-420 + i, 10, 0),
    data: {
      name: product.name,
      code: product.code,
      category: product.category,
      unit: product.unit,
      list_price: product.listPrice,
      active: product.active,
      specification: product.specification,
    },
  }));
  const productByCode = new Map(DEMO_PRODUCTS.map((product) => [product.code, product]));
  const product = (code: string): DemoProduct => productByCode.get(code) as DemoProduct;

  // Customers (status and level are settled once their opportunities are known).
  const customers: Customer[] = [];
  for (let i = 0; i < CUSTOMER_COUNT; i += 1) {
    const owner = OWNER_ROTATION[i % OWNER_ROTATION.length] as string;
    const company = faker.company(TEAM_REGIONS[TEAM_OF[owner] as Team]);
    const createdDay = -random.int(200, 600);
    const row: Record<string, unknown> = {
      name: company.name,
      industry: company.industry,
      region: company.region,
      source: random.pick(CRM_CHOICES.leadSource).key,
      phone: faker.mobile(),
      email: faker.email({ name: '', gender: '', pinyin: 'info' }, company.domain),
      website: `https://www.${company.domain}`,
      employee_count: random.pick([30, 50, 80, 120, 200, 350, 500, 800, 1200, 3000, 5000]),
      address: faker.address(company),
    };
    customers.push({ ...company, ref: `customer_${i + 1}`, owner, createdDay, row });
  }

  // Contacts: one primary contact per customer, a second one for the first few.
  const contacts: DemoRecord[] = [];
  const addContact = (customer: Customer, primary: boolean) => {
    const person = faker.person();
    const contact: Contact = { ...person, phone: faker.mobile(), email: faker.email(person, customer.domain) };
    if (primary) customer.primary = contact;
    const data: Record<string, unknown> = {
      name: person.name,
      customer_name: customer.name,
      customer: customer.name,
      job_title: primary ? random.pick(V.jobTitles.slice(0, 4)) : random.pick(V.jobTitles),
      department_name: random.pick(V.departments),
      role: primary ? 'decision_maker' : random.pick(CRM_CHOICES.contactRole.slice(1)).key,
      gender: person.gender,
      phone: contact.phone,
      email: contact.email,
      wechat: `wx_${person.pinyin.replace('.', '_')}${random.int(10, 99)}`,
      is_primary: primary,
    };
    if (random.next() < 0.4) data.birthday = clock.date(-random.int(25 * 365, 55 * 365));
    contacts.push({
      ref: `contact_${contacts.length + 1}`,
      owner: customer.owner,
      createdAt: at(customer.createdDay + random.int(0, 30)),
      data,
    });
  };
  customers.forEach((customer) => addContact(customer, true));
  customers.slice(0, SECOND_CONTACTS).forEach((customer) => addContact(customer, false));

  // Opportunities: amounts come from product lines and a discount, so quotes and contracts agree.
  const pickLines = (): Line[] => {
    const lines: Line[] = [];
    const onPremise = random.next() < 0.15;
    if (onPremise) {
      lines.push({ product: product('LIC-ONPREM'), qty: 1 }, { product: product('HW-SERVER'), qty: random.int(1, 3) });
      lines.push({ product: product('SVC-OPS'), qty: 1 });
    } else {
      lines.push({ product: product(random.pick(['CRM-STD', 'CRM-PRO', 'CRM-PRO', 'CRM-ENT'])), qty: random.int(2, 30) * 5 });
      if (random.next() < 0.3) lines.push({ product: product('BI-ADV'), qty: 1 });
    }
    if (random.next() < 0.6) lines.push({ product: product('SVC-IMPL'), qty: random.int(5, 40) });
    if (random.next() < 0.2) lines.push({ product: product('SVC-DEV'), qty: random.int(10, 60) });
    if (random.next() < 0.3) lines.push({ product: product('SVC-MIGR'), qty: 1 });
    if (random.next() < 0.4) lines.push({ product: product('TRN-ADMIN'), qty: random.int(1, 3) });
    return lines;
  };
  const opportunities: Opportunity[] = [];
  const opportunityNames = new Set<string>();
  shuffledMix(random, STAGE_MIX).forEach((stage, i) => {
    const customer = customers[i % customers.length] as Customer;
    let name = `${customer.shortName}${random.pick(V.projects)}`;
    while (opportunityNames.has(name)) name = `${customer.shortName}${random.pick(V.projects)}`;
    opportunityNames.add(name);
    const lines = pickLines();
    const listTotal = round2(lines.reduce((sum, line) => sum + line.product.listPrice * line.qty, 0));
    const discount = random.pick(DISCOUNTS);
    const closeDay =
      stage === 'qualify' ? random.int(30, 150)
      : stage === 'proposal' ? random.int(15, 90)
      : stage === 'negotiation' ? random.int(5, 45)
      : Math.max(customer.createdDay + 31, stage === 'won' ? -random.int(20, 450) : -random.int(5, 200));
    const open = closeDay > 0;
    const createdDay = Math.max(customer.createdDay + 1, open ? -random.int(10, 120) : closeDay - random.int(30, 120));
    opportunities.push({
      ref: `opportunity_${i + 1}`,
      name,
      customer,
      owner: customer.owner,
      stage,
      amount: Math.round((listTotal * discount) / 100),
      listTotal,
      discount,
      lines,
      closeDay,
      createdDay,
    });
  });
  const opportunityRecords: DemoRecord[] = opportunities.map((opportunity) => {
    const early = opportunity.stage === 'qualify';
    const data: Record<string, unknown> = {
      name: opportunity.name,
      customer_name: opportunity.customer.name,
      // Relations in demo data name the title of a record created before (the importer maps it to its id).
      customer: opportunity.customer.name,
      amount: opportunity.amount,
      stage: opportunity.stage,
      probability: STAGE_PROBABILITY[opportunity.stage],
      expected_close: clock.date(opportunity.closeDay),
      source: opportunity.customer.row.source,
      region: opportunity.customer.region,
    };
    // Still qualifying: budget and decision maker are often unknown (the proposal gate asks for them).
    if (!early || random.next() < 0.5) data.budget = Math.round((opportunity.amount * random.pick([0.9, 1, 1.1, 1.2, 1.5])) / 1000) * 1000;
    if (!early || random.next() < 0.5) data.decision_maker = (opportunity.customer.primary as Contact).name;
    if (opportunity.stage === 'lost') data.loss_reason = random.pick(CRM_CHOICES.lossReason).key;
    else if (opportunity.stage === 'won') data.next_step = '签约完成，转交实施团队并跟进回款';
    else data.next_step = random.pick(V.nextSteps);
    return { ref: opportunity.ref, owner: opportunity.owner, createdAt: at(opportunity.createdDay), data };
  });

  // Customers' status and level follow their deals.
  customers.forEach((customer, i) => {
    const won = opportunities.filter((o) => o.customer === customer && o.stage === 'won');
    const wonAmount = won.reduce((sum, o) => sum + o.amount, 0);
    customer.row.status = won.length > 0 ? 'active' : i % 7 === 3 ? 'dormant' : i % 11 === 5 ? 'churned' : 'prospect';
    customer.row.level = wonAmount >= KEY_ACCOUNT_FROM ? 'a' : won.length > 0 ? 'b' : random.pick(['b', 'c', 'c']);
  });

  // Leads: converted ones became customers (same company and contact person), the rest are fresh.
  const leadRows: DemoRecord[] = [];
  const followupTargets: FollowupTarget[] = [];
  let converted = 0;
  shuffledMix(random, LEAD_STATUS_MIX).forEach((status, i) => {
    let owner = OWNER_ROTATION[i % OWNER_ROTATION.length] as string;
    const data: Record<string, unknown> = {};
    // New leads arrived in the last days (some already past the 24-hour follow-up limit); none later than yesterday.
    let assignedDay = status === 'new' ? -random.int(1, 3) : -random.int(7, 180);
    if (status === 'converted') {
      // The customer record was created from this lead.
      const customer = customers[converted % customers.length] as Customer;
      converted += 1;
      owner = customer.owner;
      assignedDay = customer.createdDay - random.int(5, 30);
      const person = customer.primary as Contact;
      Object.assign(data, {
        company: customer.name,
        contact_name: person.name,
        phone: person.phone,
        email: person.email,
        industry: customer.industry,
        region: customer.region,
        source: customer.row.source,
        converted_customer: customer.name,
      });
    } else {
      const company = faker.company(TEAM_REGIONS[TEAM_OF[owner] as Team]);
      const person = faker.person();
      Object.assign(data, {
        company: company.name,
        contact_name: person.name,
        phone: faker.mobile(),
        email: faker.email(person, company.domain),
        industry: company.industry,
        region: company.region,
        source: random.pick(CRM_CHOICES.leadSource).key,
      });
    }
    data.job_title = random.pick(V.jobTitles);
    data.status = status;
    const scoreRange: Record<typeof status, [number, number]> = {
      new: [1, 3], contacted: [2, 4], mql: [3, 4], sql: [4, 5], converted: [4, 5], invalid: [0, 1],
    };
    data.score = random.int(...scoreRange[status]);
    if (status === 'sql' || status === 'converted' || (status === 'mql' && random.next() < 0.5)) {
      data.budget = random.int(5, 150) * 10_000;
      data.purchase_time = clock.date(status === 'converted' ? assignedDay + random.int(20, 90) : random.int(15, 120));
    }
    if (status === 'invalid') data.invalid_reason = random.pick(V.invalidReasons);
    const createdHour = random.int(8, 11);
    data.assigned_at = at(assignedDay, createdHour + 1);
    if (status !== 'new' && random.next() < 0.3) data.notes = `${random.pick(V.followupReactions)}。`;
    const row: DemoRecord = { ref: `lead_${i + 1}`, owner, createdAt: at(assignedDay, createdHour), data };
    leadRows.push(row);
    if (status !== 'new') {
      followupTargets.push({
        type: 'lead',
        name: data.company as string,
        links: { lead: data.company as string },
        owner,
        contact: data.contact_name as string,
        fromDay: assignedDay,
        toDay: status === 'converted' || status === 'invalid' ? Math.min(-1, assignedDay + 30) : -1,
        open: status !== 'converted' && status !== 'invalid',
        row: data,
      });
    }
  });

  // Follow-ups, spread over leads, customers and opportunities; each dated inside its target's life.
  const customerTargets: FollowupTarget[] = customers.map((customer) => ({
    type: 'customer',
    name: customer.name,
    links: { customer: customer.name },
    owner: customer.owner,
    contact: customer.primary?.name,
    fromDay: Math.max(customer.createdDay, -150),
    toDay: -1,
    open: true,
    row: customer.row,
  }));
  const opportunityTargets: FollowupTarget[] = opportunities.map((o) => ({
    type: 'opportunity',
    name: o.name,
    // A deal's follow-up also shows under its customer.
    links: { opportunity: o.name, customer: o.customer.name },
    owner: o.owner,
    contact: o.customer.primary?.name,
    fromDay: o.createdDay,
    toDay: o.closeDay > 0 ? -1 : o.closeDay,
    open: o.closeDay > 0,
  }));
  const verbs: Record<string, string> = { phone: '电话沟通', visit: '上门拜访，沟通', wechat: '微信沟通', email: '邮件发送' };
  const followups: DemoRecord[] = [];
  const pools: Record<keyof typeof FOLLOWUP_MIX, FollowupTarget[]> = {
    lead: followupTargets,
    customer: customerTargets,
    opportunity: opportunityTargets,
  };
  shuffledMix(random, FOLLOWUP_MIX).forEach((type, i) => {
    const target = random.pick(pools[type]);
    // From the day after the target was created, so a follow-up never precedes its record.
    const day = random.int(Math.min(target.fromDay + 1, target.toDay), target.toDay);
    const method = random.pick(CRM_CHOICES.followupMethod).key;
    const topic = random.pick(V.followupTopics);
    const followupAt = at(day);
    const data: Record<string, unknown> = {
      subject: `${labelOf(CRM_CHOICES.followupMethod, method)}：${topic}`,
      related_type: target.type,
      related_name: target.name,
      ...target.links,
      method,
      followup_at: followupAt,
      content: `${verbs[method]}${topic}，${random.pick(V.followupReactions)}。`,
    };
    if (target.contact) data.contact_name = target.contact;
    if (target.open && random.next() < 0.7) data.next_followup_at = clock.date(day + random.int(3, 14));
    followups.push({ ref: `followup_${i + 1}`, owner: target.owner, createdAt: followupAt, data });
    const previous = target.row?.last_followup_at;
    if (target.row && (typeof previous !== 'string' || previous < followupAt)) target.row.last_followup_at = followupAt;
  });
  // Leads worked before the CRM recorded the touch still show when they were last followed up.
  followupTargets.forEach((target) => {
    if (target.row && target.row.last_followup_at === undefined) target.row.last_followup_at = at(target.fromDay + 1);
  });

  // Quotes: every opportunity in negotiation or won, and the first few in proposal.
  const quoted = [
    ...opportunities.filter((o) => o.stage === 'won' || o.stage === 'negotiation'),
    ...opportunities.filter((o) => o.stage === 'proposal').slice(0, PROPOSAL_QUOTES),
  ];
  const quotes: DemoRecord[] = quoted.map((o, i) => {
    const quoteDay = Math.max(o.createdDay + 1, o.stage === 'won' ? o.closeDay - random.int(10, 30) : -random.int(3, 30));
    const deep = o.discount < DIRECTOR_APPROVAL_DISCOUNT;
    const status =
      o.stage === 'won' ? 'approved'
      : o.stage === 'proposal' ? random.pick(['draft', 'submitted'])
      : !deep ? 'approved'
      : i % 2 === 0 ? 'submitted' : 'rejected';
    const data: Record<string, unknown> = {
      title: quoteTitle(o),
      customer_name: o.customer.name,
      opportunity_name: o.name,
      customer: o.customer.name,
      opportunity: o.name,
      lines: o.lines.map((line) => ({ product: line.product.name, qty: line.qty, unit_price: line.product.listPrice })),
      quote_date: clock.date(quoteDay),
      valid_until: clock.date(quoteDay + 30),
      status,
      items_summary: o.lines
        .map((line) => `${line.product.name} × ${line.qty} ${line.product.unit}，单价 ${yuan(line.product.listPrice)}`)
        .join('\n'),
      list_total: o.listTotal,
      quote_total: o.amount,
      discount: o.discount,
    };
    if (random.next() < 0.2) data.special_terms = random.pick(V.specialTerms);
    return { ref: `quote_${i + 1}`, owner: o.owner, createdAt: at(quoteDay), data };
  });

  // Contracts: one per won opportunity (its approved quote linked); the platform numbers them on import.
  const won = opportunities.filter((o) => o.stage === 'won').sort((a, b) => a.closeDay - b.closeDay);
  const contracts: Contract[] = [];
  const contractRecords: DemoRecord[] = won.map((o, i) => {
    const signDay = o.closeDay;
    const startDay = signDay + random.int(0, 7);
    const endDay = startDay + 364;
    const contract: Contract = { title: `${o.name}合同`, customer: o.customer, owner: o.owner, amount: o.amount, signDay, startDay };
    contracts.push(contract);
    const data: Record<string, unknown> = {
      title: contract.title,
      customer_name: o.customer.name,
      opportunity_name: o.name,
      customer: o.customer.name,
      opportunity: o.name,
      quote: quoteTitle(o),
      amount: o.amount,
      status: endDay < 0 ? 'completed' : 'active',
      signer: o.amount >= DIRECTOR_SIGNS_FROM ? 'director' : TEAM_MANAGER[TEAM_OF[o.owner] as Team],
      sign_date: clock.date(signDay),
      start_date: clock.date(startDay),
      end_date: clock.date(endDay),
      has_special_terms: i % 3 === 1,
    };
    if (data.has_special_terms) data.special_terms = random.pick(V.specialTerms);
    return { ref: `contract_${i + 1}`, owner: o.owner, createdAt: at(signDay - random.int(3, 10)), data };
  });

  // Payment plans: the oldest contracts in two instalments (60% / 40%), the newest in one.
  const twoInstalments = Math.max(0, contracts.length - 4);
  const plans: Plan[] = [];
  contracts.forEach((contract, i) => {
    const shares = i < twoInstalments ? [0.6, 0.4] : [1];
    const days = i < twoInstalments ? [contract.startDay + 15, contract.startDay + 180] : [contract.startDay + 30];
    let rest = contract.amount;
    shares.forEach((share, n) => {
      const amount = n === shares.length - 1 ? round2(rest) : round2(contract.amount * share);
      rest -= amount;
      const title = shares.length === 1 ? `${contract.title} 全款` : `${contract.title} 第${n + 1}期`;
      plans.push({ title, installment: n + 1, contract, amount, day: days[n] as number, status: 'pending', received: 0 });
    });
  });
  // Instalments that fell due: the two latest are overdue, the next two partly paid, the rest paid.
  const due = plans.filter((plan) => plan.day < 0).sort((a, b) => b.day - a.day);
  due.forEach((plan, i) => {
    plan.status = i < 2 ? 'overdue' : i < 4 ? 'partial' : 'paid';
    plan.received = plan.status === 'paid' ? plan.amount : plan.status === 'partial' ? round2(plan.amount / 2) : 0;
  });
  const planRecords: DemoRecord[] = plans.map((plan, i) => ({
    ref: `payment_plan_${i + 1}`,
    owner: plan.contract.owner,
    createdAt: at(plan.contract.signDay + 1),
    data: {
      title: plan.title,
      contract_title: plan.contract.title,
      customer_name: plan.contract.customer.name,
      contract: plan.contract.title,
      installment: plan.installment,
      plan_date: clock.date(plan.day),
      amount: plan.amount,
      received_amount: plan.received,
      status: plan.status,
    },
  }));

  // Payments: one receipt per paid or partly paid instalment; the oldest paid ones came in two transfers.
  type Receipt = { plan: Plan; day: number; amount: number };
  const receipts: Receipt[] = [];
  const lastDay = (plan: Plan, day: number) => Math.max(plan.contract.signDay, Math.min(day, -1));
  const paid = plans.filter((plan) => plan.received > 0).sort((a, b) => a.day - b.day);
  let splits = Math.max(0, MIN_PAYMENTS - paid.length);
  paid.forEach((plan) => {
    const day = lastDay(plan, plan.day + random.int(-3, 10));
    if (splits > 0 && plan.status === 'paid') {
      splits -= 1;
      const first = round2(plan.received * 0.6);
      receipts.push({ plan, day, amount: first }, { plan, day: lastDay(plan, day + 15), amount: round2(plan.received - first) });
    } else {
      receipts.push({ plan, day, amount: plan.received });
    }
  });
  receipts.sort((a, b) => a.day - b.day);
  const payments: DemoRecord[] = receipts.map((receipt, i) => {
    const data: Record<string, unknown> = {
      receipt_no: `SK-${clock.date(receipt.day).replace(/-/g, '')}-${String(i + 1).padStart(3, '0')}`,
      contract_title: receipt.plan.contract.title,
      plan_title: receipt.plan.title,
      customer_name: receipt.plan.contract.customer.name,
      contract: receipt.plan.contract.title,
      payment_plan: receipt.plan.title,
      paid_at: clock.date(receipt.day),
      amount: receipt.amount,
      method: random.pick(['bank_transfer', 'bank_transfer', 'bank_transfer', 'bank_acceptance', 'check', 'alipay', 'wechat_pay']),
      confirmed_by: 'finance1',
    };
    // The receipt belongs to the rep who owns the contract, so reps see their own collections.
    return { ref: `payment_${i + 1}`, owner: receipt.plan.contract.owner, createdAt: at(receipt.day, 16, random.int(0, 59)), data };
  });

  // In import order: a relation names the title of a record imported before it, so targets come first.
  return [
    { formKey: 'product', rows: products },
    {
      formKey: 'customer',
      rows: customers.map((c) => ({ ref: c.ref, owner: c.owner, createdAt: at(c.createdDay), data: c.row })),
    },
    { formKey: 'contact', rows: contacts },
    { formKey: 'lead', rows: leadRows },
    { formKey: 'opportunity', rows: opportunityRecords },
    { formKey: 'followup', rows: followups },
    { formKey: 'quote', rows: quotes },
    { formKey: 'contract', rows: contractRecords },
    { formKey: 'payment_plan', rows: planRecords },
    { formKey: 'payment', rows: payments },
  ];
}
