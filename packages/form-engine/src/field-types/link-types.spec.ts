import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { fieldTypeFor } from '../field-type-for';
import { resolveFormLinks } from '../resolve-form-links';
import { validateFormDefinition } from '../validate-form-definition';
import { validateRecordData } from '../validate-record-data';
import { formatSerialNumber, serialPeriod } from './serial-number-field-type';

const U1 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f';
const U2 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e70';
const NOW = new Date('2026-11-27T17:30:00Z'); // 2026-11-28 01:30 in Shanghai
const context = { now: NOW, timeZone: 'Asia/Shanghai' };

const serial = (segments: unknown[]): FieldDefinition => ({ key: 'no', type: 'serialNumber', label: 'No', options: { segments } });

describe('serial numbers', () => {
  const quote = serial([{ type: 'text', value: 'QT-' }, { type: 'date', format: 'YYYYMMDD' }, { type: 'text', value: '-' }, { type: 'counter', digits: 4, reset: 'daily' }]);

  it.each<[FieldDefinition, number, Record<string, unknown>, string]>([
    [quote, 1, {}, 'QT-20261128-0001'],
    [quote, 12345, {}, 'QT-20261128-12345'],
    [serial([{ type: 'field', fieldKey: 'region' }, { type: 'counter', digits: 3 }]), 7, { region: 'SZ' }, 'SZ007'],
    [serial([{ type: 'field', fieldKey: 'region' }, { type: 'counter', digits: 3 }]), 7, { region: null }, '007'],
    [serial([{ type: 'date', format: 'YYMM' }, { type: 'counter', digits: 2, reset: 'monthly' }]), 3, {}, '261103'],
  ])('%#: formats counter %p as %p', (field, counter, values, expected) => {
    expect(formatSerialNumber(field, counter, values, context)).toBe(expected);
  });

  it('keys the counter by the period it resets on, in the time zone', () => {
    expect(serialPeriod(quote, NOW, 'Asia/Shanghai')).toBe('2026-11-28');
    expect(serialPeriod(quote, NOW, 'UTC')).toBe('2026-11-27');
    expect(serialPeriod(serial([{ type: 'counter' }]), NOW, 'UTC')).toBe('all');
    expect(serialPeriod(serial([{ type: 'date', format: 'YYYY' }, { type: 'counter', reset: 'yearly' }]), NOW, 'UTC')).toBe('2026');
  });

  it('refuses segments that would repeat numbers or name no field', () => {
    const form = (field: FieldDefinition): FormDefinition => ({ key: 'q', name: 'Q', fields: [field] });
    expect(validateFormDefinition(form(serial([{ type: 'counter', reset: 'daily' }])))[0]).toMatchObject({ code: 'invalid_option' });
    expect(validateFormDefinition(form(serial([{ type: 'text', value: 'A' }])))[0]).toMatchObject({ code: 'invalid_option' });
    expect(validateFormDefinition(form(serial([{ type: 'field', fieldKey: 'nope' }, { type: 'counter' }])))[0]).toMatchObject({ code: 'unknown_field' });
    expect(validateFormDefinition(form(quote))).toEqual([]);
  });

  it('is read-only', () => {
    const result = validateRecordData({ key: 'q', name: 'Q', fields: [quote] }, { no: 'QT-1' }, 'create');
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'read_only', path: ['no'] }] });
  });
});

const lines: FieldDefinition = {
  key: 'lines',
  type: 'subForm',
  label: 'Lines',
  options: {
    minRows: 1,
    maxRows: 3,
    fields: [
      { key: 'product', type: 'text', label: 'Product', required: true },
      { key: 'qty', type: 'number', label: 'Qty', options: { decimals: 0 } },
      { key: 'price', type: 'money', label: 'Price' },
      { key: 'amount', type: 'formula', label: 'Amount', options: { expression: 'qty * price', decimals: 2 } },
    ],
  },
};
const quoteForm: FormDefinition = {
  key: 'quote',
  name: 'Quote',
  fields: [
    lines,
    { key: 'total', type: 'rollup', label: 'Total', options: { subFormField: 'lines', targetField: 'amount', aggregate: 'sum', resultType: 'number' } },
    { key: 'big', type: 'rollup', label: 'Big lines', options: { subFormField: 'lines', aggregate: 'count', filter: { '>': [{ var: 'amount' }, 100] } } },
    { key: 'with_tax', type: 'formula', label: 'With tax', options: { expression: 'total * 1.13', decimals: 2 } },
    { key: 'sum_qty', type: 'formula', label: 'Qty', options: { expression: 'SUM(lines.qty)' } },
  ],
};

describe('sub-forms', () => {
  it('is a valid form with row formulas, rollups and formulas over columns', () => {
    expect(validateFormDefinition(quoteForm)).toEqual([]);
  });

  it('coerces rows, computes row formulas, then totals and formulas over them', () => {
    const result = validateRecordData(quoteForm, { lines: [{ product: 'A', qty: '2', price: 99.5 }, { id: U1, product: 'B', qty: 1, price: 10 }] }, 'create', undefined, context);
    expect(result).toEqual({
      ok: true,
      values: {
        lines: [
          { product: 'A', qty: 2, price: 99.5, amount: 199 },
          { id: U1, product: 'B', qty: 1, price: 10, amount: 10 },
        ],
        total: 209,
        big: 1,
        with_tax: 236.17,
        sum_qty: 3,
      },
    });
  });

  it.each<[string, unknown, string, (string | number)[]]>([
    ['not an array', { a: 1 }, 'invalid_type', ['lines']],
    ['too many rows', [{ product: 'a' }, { product: 'b' }, { product: 'c' }, { product: 'd' }], 'too_many', ['lines']],
    ['a row that is not an object', [1], 'invalid_type', ['lines', 0]],
    ['an unknown column', [{ product: 'a', nope: 1 }], 'unknown_field', ['lines', 0, 'nope']],
    ['a computed column written', [{ product: 'a', amount: 1 }], 'read_only', ['lines', 0, 'amount']],
    ['a bad value', [{ product: 'a' }, { product: 'b', qty: 'x' }], 'invalid_type', ['lines', 1, 'qty']],
    ['a required column empty', [{ qty: 1 }], 'required', ['lines', 0, 'product']],
    ['a bad row id', [{ id: 'x', product: 'a' }], 'invalid_format', ['lines', 0, 'id']],
    ['a row id twice', [{ id: U1, product: 'a' }, { id: U1, product: 'b' }], 'duplicate', ['lines', 1, 'id']],
  ])('refuses %s', (_name, value, code, path) => {
    const result = validateRecordData(quoteForm, { lines: value }, 'create', undefined, context);
    expect(result).toMatchObject({ ok: false, issues: [{ code, path }] });
  });

  it('treats null and [] as no rows, summing to 0', () => {
    expect(validateRecordData(quoteForm, { lines: null }, 'create', undefined, context)).toMatchObject({ ok: true, values: { lines: [], total: 0, big: 0 } });
  });

  it('refuses columns of container types', () => {
    const form: FormDefinition = { key: 'x', name: 'X', fields: [{ ...lines, options: { fields: [{ key: 'inner', type: 'subForm', label: 'I', options: { fields: [] } }] } }] };
    expect(validateFormDefinition(form)[0]).toMatchObject({ code: 'unsupported_type', path: ['fields', 0, 'options', 'fields', 0, 'type'] });
  });

  it('checks the columns as fields (options, keys)', () => {
    const form: FormDefinition = { key: 'x', name: 'X', fields: [{ ...lines, options: { fields: [{ key: 'q', type: 'number', label: 'Q', options: { decimals: 99 } }] } }] };
    expect(validateFormDefinition(form)[0]?.path.slice(0, 5)).toEqual(['fields', 0, 'options', 'fields', 0]);
  });
});

describe('relations', () => {
  const one: FieldDefinition = { key: 'customer', type: 'relation', label: 'Customer', options: { targetForm: 'customer' } };
  const many: FieldDefinition = { key: 'contacts', type: 'relation', label: 'Contacts', options: { targetForm: 'contact', multiple: true, maxCount: 2 } };

  it.each<[FieldDefinition, unknown, unknown]>([
    [one, U1, U1],
    [one, U1.toUpperCase(), U1],
    [one, '', null],
    [one, null, null],
    [many, [U1, U2, U1], [U1, U2]],
    [many, null, []],
  ])('%#: coerces %p', (field, value, expected) => {
    expect(fieldTypeFor(field)!.coerce(value, field)).toEqual({ ok: true, value: expected });
  });

  it.each<[FieldDefinition, unknown, string]>([
    [one, 'abc', 'invalid_format'],
    [one, 42, 'invalid_type'],
    [many, U1, 'invalid_type'],
    [many, [U1, U2, '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e71'], 'too_many'],
  ])('%#: refuses %p', (field, value, code) => {
    expect(fieldTypeFor(field)!.coerce(value, field)).toMatchObject({ ok: false, code });
  });

  it('stores one as uuid and many as uuid[], with their operators', () => {
    expect(fieldTypeFor(one)!.column(one)).toEqual({ sqlType: 'uuid', index: 'btree' });
    expect(fieldTypeFor(many)!.column(many)).toEqual({ sqlType: 'uuid[]', index: 'gin' });
    expect(fieldTypeFor(many)!.operators).toContain('containsAny');
    expect(fieldTypeFor(many)!.sortable).toBe(false);
  });

  it('shows record titles', () => {
    const lookup = { recordTitle: (form: string, id: string) => (id === U1 ? `${form}:Acme` : undefined) };
    expect(fieldTypeFor(one)!.format(U1, one, 'zh-CN', lookup)).toBe('customer:Acme');
    expect(fieldTypeFor(many)!.format([U1, U2], many, 'en-US', lookup)).toBe(`contact:Acme, ${U2}`);
  });
});

describe('resolveFormLinks', () => {
  const customer: FormDefinition = {
    key: 'customer',
    name: 'Customer',
    fields: [
      { key: 'name', type: 'text', label: 'Name' },
      { key: 'level', type: 'select', label: 'Level', options: { options: [{ key: 'a', label: 'A' }] } },
      { key: 'won', type: 'rollup', label: 'Won', options: { relationField: 'opportunity.customer', targetField: 'amount', aggregate: 'sum', filter: { '==': [{ var: 'stage' }, 'won'] } } },
      { key: 'last_close', type: 'rollup', label: 'Last close', options: { relationField: 'opportunity.customer', targetField: 'close', aggregate: 'latest' } },
    ],
  };
  const opportunity: FormDefinition = {
    key: 'opportunity',
    name: 'Opportunity',
    fields: [
      { key: 'customer', type: 'relation', label: 'Customer', options: { targetForm: 'customer', displayFields: ['name'] } },
      { key: 'customer_level', type: 'lookup', label: 'Level', options: { relationField: 'customer', targetField: 'level' } },
      { key: 'amount', type: 'money', label: 'Amount' },
      { key: 'close', type: 'date', label: 'Close' },
      { key: 'stage', type: 'select', label: 'Stage', options: { options: [{ key: 'won', label: 'Won' }] } },
    ],
  };
  const forms = new Map([['customer', customer], ['opportunity', opportunity]]);

  it('copies the target field into lookups and types rollups', () => {
    const resolved = resolveFormLinks(opportunity, forms);
    expect(resolved.issues).toEqual([]);
    expect(resolved.form.fields[1].options).toMatchObject({ valueField: customer.fields[1], many: false });
    const lookup = fieldTypeFor(resolved.form.fields[1])!;
    expect(lookup.column(resolved.form.fields[1])).toEqual({ sqlType: 'text', index: 'btree' });
    expect(lookup.conditionKind).toBe('text');
    expect(lookup.format('a', resolved.form.fields[1], 'en-US')).toBe('A');
    const rolled = resolveFormLinks(customer, forms);
    expect(rolled.issues).toEqual([]);
    expect(rolled.form.fields[2].options?.resultType).toBe('number');
    expect(rolled.form.fields[3].options?.resultType).toBe('date');
    expect(fieldTypeFor(rolled.form.fields[3])!.column(rolled.form.fields[3])).toEqual({ sqlType: 'date', index: 'btree' });
  });

  it('reports missing forms and fields, and aggregates that do not fit', () => {
    const broken: FormDefinition = {
      key: 'x',
      name: 'X',
      fields: [
        { key: 'r', type: 'relation', label: 'R', options: { targetForm: 'nope' } },
        { key: 'c', type: 'relation', label: 'C', options: { targetForm: 'customer', displayFields: ['nope'] } },
        { key: 'l', type: 'lookup', label: 'L', options: { relationField: 'c', targetField: 'nope' } },
        { key: 's', type: 'rollup', label: 'S', options: { relationField: 'opportunity.customer', targetField: 'stage', aggregate: 'sum' } },
      ],
    };
    const codes = resolveFormLinks(broken, forms).issues.map((issue) => [issue.path.join('.'), issue.code]);
    expect(codes).toEqual([
      ['fields.0.options.targetForm', 'unknown_form'],
      ['fields.1.options.displayFields.0', 'unknown_field'],
      ['fields.2.options.targetField', 'unknown_field'],
      ['fields.3.options.relationField', 'unknown_field'],
    ]);
  });
});
