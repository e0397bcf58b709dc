import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { defaultCopyRequests, defaultValues, type CopiedValues, type DefaultValueContext } from './default-values';
import { translateIssue } from './issue-messages';
import { resolveFormLinks } from './resolve-form-links';
import { validateFormDefinition } from './validate-form-definition';
import { validateRecordData } from './validate-record-data';

const USER = '0190a6f2-7c3b-7d4e-8f00-000000000001';
const DEPT = '0190a6f2-7c3b-7d4e-8f00-0000000000d1';
const CUSTOMER = '0190a6f2-7c3b-7d4e-8f00-0000000000c1';
const OTHER_CUSTOMER = '0190a6f2-7c3b-7d4e-8f00-0000000000c2';

// 20:00 UTC on New Year's Eve is already 1 January 2025 in Shanghai: TODAY() reads the time zone.
const context: DefaultValueContext = { now: new Date('2024-12-31T20:00:00Z'), timeZone: 'Asia/Shanghai', user: { id: USER, departmentId: DEPT } };

const customer: FormDefinition = {
  key: 'customer',
  name: 'Customer',
  fields: [
    { key: 'name', type: 'text', label: 'Name' },
    { key: 'level', type: 'select', label: 'Level', options: { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }] } },
    { key: 'rep', type: 'member', label: 'Rep' },
  ],
};

const field = (key: string, type: FieldDefinition['type'], options: Record<string, unknown> = {}, extra: Partial<FieldDefinition> = {}): FieldDefinition => ({ key, type, label: key, options, ...extra });

const form: FormDefinition = {
  key: 'deal',
  name: 'Deal',
  fields: [
    field('name', 'text'),
    field('qty', 'number', { decimals: 0 }),
    field('price', 'money'),
    field('stage', 'select', { options: [{ key: 'open', label: 'Open' }, { key: 'won', label: 'Won' }], default: 'open' }),
    field('due', 'date', { defaultFormula: 'DATEADD(TODAY(), 30, "d")' }),
    field('started', 'datetime', { defaultFormula: 'NOW()' }),
    field('code', 'text', { defaultFormula: '{name} & "-" & YEAR(TODAY())' }),
    field('total', 'money', { defaultFormula: 'qty * price' }),
    field('qty_text', 'text', { defaultFormula: 'qty' }),
    field('due_copy', 'date', { defaultFrom: 'due' }),
    field('alias', 'text', { defaultFrom: 'name' }),
    field('owner', 'member', { defaultFrom: '$user.id' }),
    field('watchers', 'members', { defaultFrom: '$user.id' }),
    field('team', 'department', { defaultFrom: '$user.departmentId' }),
    field('teams', 'departments', { defaultFrom: '$user.departmentId' }),
    field('customer', 'relation', { targetForm: 'customer' }),
    field('level', 'select', { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B' }], defaultFrom: 'customer.level' }),
    field('rep', 'member', { defaultFrom: 'customer.rep' }),
    field('words', 'moneyInWords', { sourceField: 'total' }),
  ],
};

describe('defaultValues', () => {
  it('accepts the fixture forms', () => {
    expect(validateFormDefinition(form)).toEqual([]);
    expect(validateFormDefinition(customer)).toEqual([]);
    expect(resolveFormLinks(form, new Map([['customer', customer]])).issues).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, Partial<DefaultValueContext>, CopiedValues, Record<string, unknown>]>([
    ['literal', {}, {}, {}, { stage: 'open' }],
    ['formula to a date, in the time zone', {}, {}, {}, { due: '2025-01-31' }],
    ['formula to a datetime', {}, {}, {}, { started: '2024-12-31T20:00:00.000Z' }],
    ['formula joining text with a field sent', { name: 'ACME' }, {}, {}, { code: 'ACME-2025' }],
    ['formula over numbers sent, rounded to the field', { qty: 3, price: 10.005 }, {}, {}, { total: 30.03 }],
    ['formula number to text', { qty: 12 }, {}, {}, { qty_text: '12' }],
    ['formula sent values are coerced first', { qty: '7' }, {}, {}, { qty_text: '7' }],
    ['copy of another field sent', { name: 'ACME' }, {}, {}, { alias: 'ACME' }],
    ['copy of another field\'s default', {}, {}, {}, { due_copy: '2025-01-31' }],
    ['$user into member, members, department, departments', {}, {}, {}, { owner: USER, watchers: [USER], team: DEPT, teams: [DEPT] }],
    ['copied through a relation, coerced to the field', { customer: CUSTOMER }, {}, { 'customer.level': 'b', 'customer.rep': USER }, { level: 'b', rep: USER }],
  ])('%s', (_name, data, overrides, copied, expected) => {
    expect(defaultValues(form, data, { ...context, ...overrides }, copied)).toMatchObject(expected);
  });

  it.each<[string, Record<string, unknown>, Partial<DefaultValueContext>, CopiedValues, string[]]>([
    ['a field sent (even empty) takes no default', { stage: null, owner: null, due: '2025-06-01', alias: 'x' }, {}, {}, ['stage', 'owner', 'due', 'alias']],
    ['no user: no $user default', {}, { user: undefined }, {}, ['owner', 'watchers', 'team', 'teams']],
    ['a user without a department', {}, { user: { id: USER, departmentId: null } }, {}, ['team', 'teams']],
    ['a copy the caller could not read', { customer: CUSTOMER }, {}, { 'customer.level': null }, ['level', 'rep']],
    ['a copy that does not fit the field', { customer: CUSTOMER }, {}, { 'customer.level': 'zz' }, ['level']],
    ['a formula over nothing gives empty text', {}, {}, {}, ['alias', 'qty_text']],
    ['derived fields take no default', { qty: 1, price: 1 }, {}, {}, ['words']],
  ])('leaves out: %s', (_name, data, overrides, copied, absent) => {
    const values = defaultValues(form, data, { ...context, ...overrides }, copied);
    for (const key of absent) expect(values).not.toHaveProperty(key);
  });

  it('asks for the target values of relations sent or defaulted, once each', () => {
    expect(defaultCopyRequests(form, {}, context)).toEqual([]);
    expect(defaultCopyRequests(form, { customer: CUSTOMER }, context)).toEqual([
      { key: 'customer.level', relationField: 'customer', targetField: 'level', targetForm: 'customer', recordId: CUSTOMER },
      { key: 'customer.rep', relationField: 'customer', targetField: 'rep', targetForm: 'customer', recordId: CUSTOMER },
    ]);
    expect(defaultCopyRequests(form, { customer: CUSTOMER, level: 'a' }, context, { 'customer.rep': null })).toEqual([]);
    const defaulted = { ...form, fields: form.fields.map((f) => (f.key === 'customer' ? { ...f, options: { ...f.options, default: OTHER_CUSTOMER } } : f)) };
    expect(defaultCopyRequests(defaulted, { level: 'a' }, context).map((request) => request.recordId)).toEqual([OTHER_CUSTOMER]);
  });
});

describe('validateRecordData with defaults', () => {
  const options = { now: context.now, timeZone: context.timeZone, user: context.user };

  it('fills absent fields on create, and derived fields read them', () => {
    const result = validateRecordData(form, { name: 'ACME', qty: 2, price: 100 }, 'create', undefined, { ...options, copied: { 'customer.level': 'a' } });
    expect(result).toMatchObject({ ok: true, values: { stage: 'open', due: '2025-01-31', code: 'ACME-2025', total: 200, owner: USER, words: '贰佰元整' } });
    // No relation value, no copy.
    expect(result.ok && result.values).not.toHaveProperty('level');
  });

  it('a value sent wins over every kind of default', () => {
    const sent = { stage: 'won', due: '2030-01-01', code: 'MINE', alias: 'mine', owner: null, customer: CUSTOMER, level: 'a' };
    const result = validateRecordData(form, sent, 'create', undefined, { ...options, copied: { 'customer.level': 'b' } });
    expect(result).toMatchObject({ ok: true, values: sent });
  });

  it('gives no default on update', () => {
    const result = validateRecordData(form, { name: 'x' }, 'update', undefined, options);
    expect(result).toEqual({ ok: true, values: { name: 'x' } });
  });

  it.each<[string, FieldDefinition, Record<string, unknown>, boolean]>([
    ['formula yields empty', field('req', 'text', { defaultFormula: 'name' }, { required: true }), {}, false],
    ['formula yields a value', field('req', 'text', { defaultFormula: 'name' }, { required: true }), { name: 'n' }, true],
    ['formula errors (text + number)', field('req', 'date', { defaultFormula: 'TODAY() + 30' }, { required: true }), {}, false],
    ['copy of an empty field', field('req', 'text', { defaultFrom: 'name' }, { required: true }), {}, false],
    ['$user without a user', field('req', 'member', { defaultFrom: '$user.id' }, { required: true }), {}, false],
  ])('required with a default: %s', (_name, required, data, ok) => {
    const withRequired = { ...form, fields: [...form.fields, required] };
    const result = validateRecordData(withRequired, data, 'create', undefined, { ...options, user: required.type === 'member' ? undefined : options.user });
    if (ok) expect(result.ok).toBe(true);
    else expect(result).toEqual({ ok: false, issues: [{ path: ['req'], code: 'required', message: 'req is required' }] });
  });

  it('fills sub-form row columns: literal, formula over the row, another column, $user', () => {
    const lines = field('lines', 'subForm', {
      fields: [
        field('qty', 'number', { default: 1 }),
        field('price', 'money'),
        field('amount', 'money', { defaultFormula: 'qty * price' }),
        field('ship', 'date', { defaultFormula: 'TODAY()' }),
        field('note', 'text', { defaultFrom: 'price' }),
        field('by', 'member', { defaultFrom: '$user.id' }),
        field('must', 'text', { defaultFormula: 'note' }, { required: true }),
      ],
    });
    const rowForm = { ...form, fields: [lines] };
    expect(validateFormDefinition(rowForm)).toEqual([]);
    const result = validateRecordData(rowForm, { lines: [{ price: 2.5 }, { qty: 3, price: 2, amount: 1, note: null }] }, 'create', undefined, options);
    expect(result).toEqual({ ok: false, issues: [{ path: ['lines', 1, 'must'], code: 'required', message: 'row 2: must is required' }] });
    const fine = validateRecordData(rowForm, { lines: [{ price: 2.5 }, { qty: 3, price: 2, amount: 1, note: 'n' }] }, 'update', undefined, options);
    expect(fine).toEqual({
      ok: true,
      values: {
        lines: [
          { qty: 1, price: 2.5, amount: 2.5, ship: '2025-01-01', note: '2.5', by: USER, must: '2.5' },
          { qty: 3, price: 2, amount: 1, note: 'n', ship: '2025-01-01', by: USER, must: 'n' },
        ],
      },
    });
  });
});

describe('validateFormDefinition of defaults', () => {
  const issuesOf = (...more: FieldDefinition[]) =>
    validateFormDefinition({ ...form, fields: [...form.fields, ...more] }).map(({ path, code }) => ({ path: path.slice(1), code }));
  const last = form.fields.length;

  it.each<[string, FieldDefinition[], { path: (string | number)[]; code: string }]>([
    ['two kinds at once', [field('x', 'text', { default: 'a', defaultFormula: 'name' })], { path: [last, 'options', 'defaultFormula'], code: 'conflicting_defaults' }],
    ['formula and from', [field('x', 'text', { defaultFormula: 'name', defaultFrom: 'name' })], { path: [last, 'options', 'defaultFrom'], code: 'conflicting_defaults' }],
    ['a formula that does not compile', [field('x', 'text', { defaultFormula: 'name &' })], { path: [last, 'options', 'defaultFormula'], code: 'formula_syntax' }],
    ['a formula reading an unknown field', [field('x', 'text', { defaultFormula: 'nope & 1' })], { path: [last, 'options', 'defaultFormula'], code: 'formula_unknown_field' }],
    ['a formula reading its own field', [field('x', 'text', { defaultFormula: 'x & 1' })], { path: [last, 'options', 'defaultFormula'], code: 'default_cycle' }],
    ['a formula reading a derived field', [field('x', 'text', { defaultFormula: 'words' })], { path: [last, 'options', 'defaultFormula'], code: 'invalid_reference' }],
    ['defaults in a cycle', [field('x', 'text', { defaultFrom: 'y' }), field('y', 'text', { defaultFormula: 'x & "!"' })], { path: [last, 'options', 'defaultFrom'], code: 'default_cycle' }],
    ['a copy of an unknown field', [field('x', 'text', { defaultFrom: 'nope' })], { path: [last, 'options', 'defaultFrom'], code: 'unknown_field' }],
    ['a copy of its own field', [field('x', 'text', { defaultFrom: 'x' })], { path: [last, 'options', 'defaultFrom'], code: 'default_cycle' }],
    ['a copy of a derived field', [field('x', 'text', { defaultFrom: 'words' })], { path: [last, 'options', 'defaultFrom'], code: 'invalid_reference' }],
    ['a copy through a field that is no relation', [field('x', 'text', { defaultFrom: 'name.level' })], { path: [last, 'options', 'defaultFrom'], code: 'invalid_reference' }],
    ['a copy through an unknown relation', [field('x', 'text', { defaultFrom: 'nope.level' })], { path: [last, 'options', 'defaultFrom'], code: 'unknown_field' }],
    ['a copy through a relation to many', [field('many', 'relation', { targetForm: 'customer', multiple: true }), field('x', 'text', { defaultFrom: 'many.name' })], { path: [last + 1, 'options', 'defaultFrom'], code: 'invalid_reference' }],
    ['$user.id into a text field', [field('x', 'text', { defaultFrom: '$user.id' })], { path: [last, 'options', 'defaultFrom'], code: 'invalid_default_source' }],
    ['$user.departmentId into a member field', [field('x', 'member', { defaultFrom: '$user.departmentId' })], { path: [last, 'options', 'defaultFrom'], code: 'invalid_default_source' }],
    ['an unknown $user property', [field('x', 'member', { defaultFrom: '$user.name' })], { path: [last, 'options', 'defaultFrom'], code: 'invalid_default_source' }],
    ['a path too deep', [field('x', 'text', { defaultFrom: 'a.b.c' })], { path: [last, 'options', 'defaultFrom'], code: 'invalid_default_source' }],
    ['a computed default on a derived type', [field('x', 'formula', { expression: '1', defaultFormula: '2' })], { path: [last, 'options', 'defaultFormula'], code: 'invalid_additionalProperties' }],
    ['an empty formula', [field('x', 'text', { defaultFormula: '' })], { path: [last, 'options', 'defaultFormula'], code: 'invalid_minLength' }],
    ['a sub-form column copying through a relation', [field('rows', 'subForm', { fields: [field('c', 'relation', { targetForm: 'customer' }), field('n', 'text', { defaultFrom: 'c.name' })] })], { path: [last, 'options', 'fields', 1, 'options', 'defaultFrom'], code: 'invalid_default_source' }],
  ])('refuses %s', (_name, more, expected) => {
    expect(issuesOf(...more)).toContainEqual(expected);
  });

  it('names the new issues in both languages', () => {
    for (const code of ['conflicting_defaults', 'default_cycle', 'invalid_default_source']) {
      expect(translateIssue({ code, message: code, params: { options: 'default, defaultFrom', cycle: 'a -> b -> a', source: '$user.x' } }, 'zh-CN')).not.toMatch(/[{}]|^[a-z_]+$/);
      expect(translateIssue({ code, message: code, params: { options: 'default, defaultFrom', cycle: 'a -> b -> a', source: '$user.x' } }, 'en-US')).not.toMatch(/[{}]|^[a-z_]+$/);
    }
  });

  it('refuses a copied target field the target form lacks (resolveFormLinks)', () => {
    const bad = { ...form, fields: [...form.fields, field('x', 'text', { defaultFrom: 'customer.nope' })] };
    expect(resolveFormLinks(bad, new Map([['customer', customer]])).issues).toEqual([
      { path: ['fields', last, 'options', 'defaultFrom'], code: 'unknown_field', message: '"nope" is not a value field of the form "customer"' },
    ]);
  });
});
