import type { FormDefinition } from '@platform/schema';
import { validateRecordData } from './validate-record-data';

const U1 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f';
const form: FormDefinition = {
  key: 'opportunity',
  name: '商机',
  fields: [
    { key: 'name', type: 'text', label: { 'zh-CN': '名称', 'en-US': 'Name' }, required: true },
    { key: 'stage', type: 'select', label: '阶段', required: true, options: { options: [{ key: 'lead', label: '线索' }, { key: 'won', label: '赢单' }], default: 'lead' } },
    { key: 'amount', type: 'money', label: '金额' },
    { key: 'amount_words', type: 'moneyInWords', label: '大写金额', options: { sourceField: 'amount' } },
    { key: 'tags', type: 'multiSelect', label: '标签', options: { options: [{ key: 'vip', label: 'VIP' }] } },
    { key: 'owners', type: 'members', label: '协作人', required: true, options: { default: [U1] } },
    { key: 'close_at', type: 'datetime', label: '预计成交' },
    { key: 'probability', type: 'percent', label: '赢率', options: { default: 10 } },
    { key: 'section', type: 'divider', label: '其他' },
    { key: 'note', type: 'textarea', label: '备注' },
  ],
};
type Expected = { ok: true; values: Record<string, unknown> } | { ok: false; issues: { path: (string | number)[]; code: string }[] };
const codes = (result: ReturnType<typeof validateRecordData>) =>
  result.ok ? result : { ok: false, issues: result.issues.map(({ path, code }) => ({ path, code })) };

describe('validateRecordData', () => {
  it.each<[string, 'create' | 'update', unknown, Expected]>([
    [
      'create: coerces values, applies defaults, derives amount in words',
      'create',
      { name: 'Acme', amount: 12000, close_at: '2024-05-01T08:30:00+08:00', tags: ['vip', 'vip'] },
      { ok: true, values: { name: 'Acme', amount: 12000, close_at: '2024-05-01T00:30:00.000Z', tags: ['vip'], stage: 'lead', owners: [U1], probability: 10, amount_words: '壹万贰仟元整' } },
    ],
    [
      'create: a given value wins over the default, an explicit null skips it',
      'create',
      { name: 'Acme', stage: 'won', owners: [U1], probability: null },
      { ok: true, values: { name: 'Acme', stage: 'won', owners: [U1], probability: null } },
    ],
    [
      'create: missing required field',
      'create',
      { amount: 1 },
      { ok: false, issues: [{ path: ['name'], code: 'required' }] },
    ],
    [
      'create: required field sent empty',
      'create',
      { name: '', owners: [] },
      { ok: false, issues: [{ path: ['name'], code: 'required' }, { path: ['owners'], code: 'required' }] },
    ],
    [
      'create: unknown key, layout key, derived key',
      'create',
      { name: 'Acme', budget: 1, section: 'x', amount_words: '壹元整', id: U1 },
      { ok: false, issues: [
        { path: ['budget'], code: 'unknown_field' },
        { path: ['section'], code: 'unknown_field' },
        { path: ['amount_words'], code: 'read_only' },
        { path: ['id'], code: 'unknown_field' },
      ] },
    ],
    [
      'create: every bad value is reported, with array indexes in paths',
      'create',
      { name: 'a'.repeat(501), amount: 'lots', tags: ['vip', 'nope'], close_at: '2024-05-01' },
      { ok: false, issues: [
        { path: ['name'], code: 'too_long' },
        { path: ['amount'], code: 'invalid_type' },
        { path: ['tags', 1], code: 'invalid_option' },
        { path: ['close_at'], code: 'invalid_format' },
      ] },
    ],
    [
      'update: only the given keys are checked, no defaults',
      'update',
      { note: 'called back' },
      { ok: true, values: { note: 'called back' } },
    ],
    [
      'update: an empty object is fine',
      'update',
      {},
      { ok: true, values: {} },
    ],
    [
      'update: a required field cannot be emptied',
      'update',
      { name: null, owners: [] },
      { ok: false, issues: [{ path: ['name'], code: 'required' }, { path: ['owners'], code: 'required' }] },
    ],
    [
      'update: a new amount recomputes the words, a cleared one clears them',
      'update',
      { amount: 1234.5 },
      { ok: true, values: { amount: 1234.5, amount_words: '壹仟贰佰叁拾肆元伍角' } },
    ],
    [
      'update: clearing the amount clears the words',
      'update',
      { amount: '' },
      { ok: true, values: { amount: null, amount_words: null } },
    ],
    [
      'update: a read-only field is refused even with a correct value',
      'update',
      { amount_words: '壹元整' },
      { ok: false, issues: [{ path: ['amount_words'], code: 'read_only' }] },
    ],
    [
      'SQL- and HTML-looking text is data',
      'update',
      { name: "'; DROP TABLE data.opportunity; --", note: '<img src=x onerror=alert(1)>' },
      { ok: true, values: { name: "'; DROP TABLE data.opportunity; --", note: '<img src=x onerror=alert(1)>' } },
    ],
  ])('%s', (_label, mode, data, expected) => {
    expect(codes(validateRecordData(form, data, mode))).toEqual(expected);
  });

  it.each([null, [], 'name', 42, new Date()])('refuses data that is not an object: %p', (data) => {
    expect(codes(validateRecordData(form, data, 'create'))).toEqual({ ok: false, issues: [{ path: [], code: 'invalid_type' }] });
  });

  it('treats __proto__ as an unknown key and never copies it', () => {
    const data = JSON.parse('{"name":"Acme","__proto__":{"polluted":true}}');
    expect(codes(validateRecordData(form, data, 'update'))).toEqual({ ok: false, issues: [{ path: ['__proto__'], code: 'unknown_field' }] });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('names the field and the limit in messages and params', () => {
    const result = validateRecordData(form, { name: 'a'.repeat(501) }, 'update');
    expect(result).toEqual({ ok: false, issues: [{ path: ['name'], code: 'too_long', message: 'Name must be at most 500 characters', params: { max: 500 } }] });
  });

  it('refuses a field of a type the registry does not know as unknown', () => {
    const withUnknownType: FormDefinition = { ...form, fields: [...form.fields, { key: 'home', type: 'sql' as never, label: 'x' }] };
    expect(codes(validateRecordData(withUnknownType, { home: { province: '浙江省' } }, 'update'))).toEqual({ ok: false, issues: [{ path: ['home'], code: 'unknown_field' }] });
  });
});

describe('validateRecordData: formulas', () => {
  // Declared out of dependency order on purpose: total reads subtotal and tax, which come later.
  const quote: FormDefinition = {
    key: 'quote',
    name: '报价',
    fields: [
      { key: 'total', type: 'formula', label: '合计', options: { expression: 'subtotal + tax', decimals: 2 } },
      { key: 'name', type: 'text', label: '名称' },
      { key: 'qty', type: 'number', label: '数量' },
      { key: 'price', type: 'money', label: '单价' },
      { key: 'price_words', type: 'moneyInWords', label: '单价大写', options: { sourceField: 'price' } },
      { key: 'subtotal', type: 'formula', label: '小计', options: { expression: 'qty * price', decimals: 2 } },
      { key: 'tax', type: 'formula', label: '税额', options: { expression: 'subtotal * 0.13', decimals: 2 } },
      { key: 'period', type: 'dateRange', label: '周期' },
      { key: 'days', type: 'formula', label: '天数', options: { expression: 'DAYS(period.end, period.start) + 1' } },
      { key: 'due', type: 'formula', label: '到期', options: { expression: 'DATEADD(period.end, 30, "d")', resultType: 'date' } },
      { key: 'today', type: 'formula', label: '今天', options: { expression: 'TODAY()', resultType: 'date' } },
      { key: 'title', type: 'formula', label: '标题', options: { expression: 'name & " × " & qty', resultType: 'text' } },
      { key: 'big', type: 'formula', label: '大单', options: { expression: 'total > 100', resultType: 'boolean' } },
      { key: 'unit', type: 'formula', label: '单位价', options: { expression: 'price / qty', decimals: 4 } },
      { key: 'tabs', type: 'tabs', label: '页', options: { tabs: [{ key: 'a', label: 'A', fieldKeys: ['name', 'qty'] }] } },
    ],
  };
  // 02:00 on 2 May in Shanghai, still 1 May in UTC.
  const now = new Date('2024-05-01T18:00:00Z');
  const stored = {
    name: '螺丝', qty: 3, price: 12.5, price_words: '壹拾贰元伍角', subtotal: 37.5, tax: 4.88, total: 42.38,
    period: { start: '2024-05-01', end: '2024-05-03' }, days: 3, due: '2024-06-02', today: '2024-05-02', title: '螺丝 × 3', big: false, unit: 4.1667,
  };

  it('create: computes every formula in dependency order, over the written and defaulted values', () => {
    const result = validateRecordData(quote, { name: '螺丝', qty: '3', price: 12.5, period: { start: '2024-05-01', end: '2024-05-03' } }, 'create', undefined, { now });
    expect(result).toEqual({ ok: true, values: stored });
  });

  it.each<[string, { now?: Date; timeZone?: string } | undefined, string]>([
    ['Asia/Shanghai by default', { now }, '2024-05-02'],
    ['the given time zone', { now, timeZone: 'UTC' }, '2024-05-01'],
    ['the given clock', { now: new Date('2030-01-01T00:00:00Z') }, '2030-01-01'],
  ])('create: TODAY() reads %s', (_label, options, today) => {
    expect(validateRecordData(quote, {}, 'create', undefined, options)).toMatchObject({ ok: true, values: { today } });
  });

  it('create: an evaluation error stores null and fails nothing; null formulas are left out', () => {
    const result = validateRecordData(quote, { qty: 0, price: 10 }, 'create', undefined, { now });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.values).not.toHaveProperty('unit'); // 10 / 0
      expect(result.values).not.toHaveProperty('due'); // no period
      expect(result.values).toMatchObject({ subtotal: 0, total: 0, big: false, days: 1 });
    }
  });

  it.each(['create', 'update'] as const)('%s: writing a formula is read_only', (mode) => {
    expect(codes(validateRecordData(quote, { total: 1, qty: 1 }, mode, stored, { now }))).toEqual({ ok: false, issues: [{ path: ['total'], code: 'read_only' }] });
  });

  it('update with before: recomputes over {...before, ...data} and returns only what changed', () => {
    const result = validateRecordData(quote, { qty: 10 }, 'update', stored, { now });
    expect(result).toEqual({ ok: true, values: { qty: 10, subtotal: 125, tax: 16.25, total: 141.25, big: true, title: '螺丝 × 10', unit: 1.25 } });
  });

  it('update with before: a change no formula reads returns no formula', () => {
    expect(validateRecordData(quote, { name: '螺丝' }, 'update', stored, { now })).toEqual({ ok: true, values: { name: '螺丝' } });
  });

  it('update with before: a stale stored value is refreshed on the next write', () => {
    const result = validateRecordData(quote, { name: '螺母' }, 'update', { ...stored, today: '2024-04-30' }, { now });
    expect(result).toEqual({ ok: true, values: { name: '螺母', title: '螺母 × 3', today: '2024-05-02' } });
  });

  it('update with before: an evaluation error now stores null', () => {
    expect(validateRecordData(quote, { qty: 0 }, 'update', stored, { now })).toEqual({
      ok: true,
      values: { qty: 0, subtotal: 0, tax: 0, total: 0, title: '螺丝 × 0', unit: null },
    });
  });

  it('update with before: clearing a structured source clears what it computes', () => {
    expect(validateRecordData(quote, { period: null }, 'update', stored, { now })).toEqual({ ok: true, values: { period: null, days: 1, due: null } });
  });

  it('update with before: moneyInWords follows its source, and only when it changes', () => {
    expect(validateRecordData(quote, { price: 20 }, 'update', stored, { now })).toMatchObject({ ok: true, values: { price: 20, price_words: '贰拾元整', subtotal: 60 } });
    const same = validateRecordData(quote, { price: '12.50' }, 'update', stored, { now });
    expect(same).toEqual({ ok: true, values: { price: 12.5 } });
  });

  it('update without before: recomputes only the formulas whose sources were all written, through chains', () => {
    expect(validateRecordData(quote, { qty: 2 }, 'update', undefined, { now })).toEqual({ ok: true, values: { qty: 2 } });
    expect(validateRecordData(quote, { qty: 2, price: 10 }, 'update', undefined, { now })).toEqual({
      ok: true,
      values: { qty: 2, price: 10, price_words: '壹拾元整', subtotal: 20, tax: 2.6, total: 22.6, big: false, unit: 5 },
    });
  });

  it('never throws on a form with a formula cycle (which validateFormDefinition refuses): the cycle computes to null', () => {
    const cyclic: FormDefinition = {
      key: 'c', name: 'c',
      fields: [
        { key: 'n', type: 'number', label: 'n' },
        { key: 'a', type: 'formula', label: 'a', options: { expression: 'b + n' } },
        { key: 'b', type: 'formula', label: 'b', options: { expression: 'a + 1' } },
        { key: 'c', type: 'formula', label: 'c', options: { expression: 'n * 2' } },
      ],
    };
    expect(validateRecordData(cyclic, { n: 2 }, 'create')).toEqual({ ok: true, values: { n: 2, c: 4 } });
    expect(validateRecordData(cyclic, { n: 3 }, 'update', { n: 2, a: 5, b: 6, c: 4 })).toEqual({ ok: true, values: { n: 3, a: null, b: null, c: 6 } });
  });

  it('a formula whose expression does not compile stores null', () => {
    const broken: FormDefinition = { key: 'b', name: 'b', fields: [{ key: 'n', type: 'number', label: 'n' }, { key: 'f', type: 'formula', label: 'f', options: { expression: 'n +' } }] };
    expect(validateRecordData(broken, { n: 1 }, 'update', { n: 0, f: 5 })).toEqual({ ok: true, values: { n: 1, f: null } });
  });

  it('ignores before on create', () => {
    expect(validateRecordData(quote, { qty: 1 }, 'create', { price: 99 }, { now })).toMatchObject({ ok: true, values: { qty: 1, subtotal: 0 } });
  });
});

describe('validateRecordData: the new value types', () => {
  const form: FormDefinition = {
    key: 'visit',
    name: '拜访',
    fields: [
      { key: 'id_no', type: 'idNumber', label: '身份证', required: true },
      { key: 'notes', type: 'richText', label: '纪要' },
      { key: 'period', type: 'dateRange', label: '周期', options: { maxDays: 7 } },
      { key: 'region', type: 'cascader', label: '地区', options: { tree: [{ key: 'zj', label: '浙江', children: [{ key: 'hz', label: '杭州' }] }], default: ['zj'] } },
      { key: 'spot', type: 'location', label: '位置' },
      { key: 'pages', type: 'tabs', label: '页', options: { tabs: [{ key: 'a', label: 'A', fieldKeys: ['id_no'] }] } },
    ],
  };

  it('create: normalises each value and applies the cascader default', () => {
    const result = validateRecordData(form, { id_no: '11010519491231002x', notes: '<p onclick="x()">hi<script>alert(1)</script></p>', spot: { lng: '120.1', lat: 30.2 } }, 'create');
    expect(result).toEqual({
      ok: true,
      values: { id_no: '11010519491231002X', notes: '<p>hi</p>', spot: { lng: 120.1, lat: 30.2, address: null }, region: ['zj'] },
    });
  });

  it('create: reports each problem at its path inside the value', () => {
    const result = validateRecordData(form, { id_no: '110101199003074478', period: { start: '2024-05-09', end: '2024-05-01' }, region: ['zj', 'nb'], spot: { lng: 200, lat: 0 }, pages: {} }, 'create');
    expect(codes(result)).toEqual({
      ok: false,
      issues: [
        { path: ['id_no'], code: 'invalid_format' },
        { path: ['period', 'end'], code: 'invalid_range' },
        { path: ['region', 1], code: 'invalid_option' },
        { path: ['spot', 'lng'], code: 'too_big' },
        { path: ['pages'], code: 'unknown_field' },
      ],
    });
  });

  it('update: a required idNumber cannot be emptied; rich text that sanitises to nothing is empty', () => {
    expect(codes(validateRecordData(form, { id_no: ' ', notes: '<p><br></p>' }, 'update'))).toEqual({ ok: false, issues: [{ path: ['id_no'], code: 'required' }] });
    expect(validateRecordData(form, { notes: '<p><br></p>' }, 'update')).toEqual({ ok: true, values: { notes: null } });
  });
});
