import type { FieldDefinition, FieldType } from '@platform/schema';
import type { DisplayLocale, FormatLookup } from './field-type-definition';
import { fieldTypes } from './field-types';
import { fieldTypeFor } from './field-type-for';
import { formatValue } from './format-value';
import { importColumnKind } from './import/import-column-kind';
import { importValue, type ImportCell, type ImportLookup } from './import-value';

const field = (type: FieldType, options?: Record<string, unknown>): FieldDefinition => ({ key: 'f', type, label: 'F', options });
const choices = {
  options: [
    { key: 'won', label: { 'zh-CN': '赢单', 'en-US': 'Won' } },
    { key: 'lost', label: '输单' },
    { key: 'ab', label: { 'zh-CN': '甲、乙', 'en-US': 'A, B' } },
    { key: 'a', label: 'A' },
  ],
};
const tree = {
  tree: [
    { key: 'zj', label: { 'zh-CN': '浙江', 'en-US': 'Zhejiang' }, children: [{ key: 'hz', label: { 'zh-CN': '杭州', 'en-US': 'Hangzhou' }, children: [{ key: 'xh', label: '西湖区' }] }] },
    { key: 'js', label: { 'zh-CN': '江苏', 'en-US': 'Jiangsu' }, children: [{ key: 'nj', label: { 'zh-CN': '南京', 'en-US': 'Nanjing' } }] },
  ],
};
const U1 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f';
const U2 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e70';
const D1 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e71';
const D2 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e72';
const R1 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e73';
const R2 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e74';

// What the API supplies: exports name users "name (username)" and departments by full path.
const users = new Map([[U1, { name: '张三', username: 'zhangsan' }], [U2, { name: 'Smith, John', username: 'jsmith' }]]);
const departments = new Map([[D1, 'HQ/销售部'], [D2, 'HQ/Sales, East']]);
const records = new Map([[R1, 'Acme Ltd.'], [R2, '华东, 一部']]);
const formatLookup: FormatLookup = {
  userName: (id) => (users.has(id) ? `${users.get(id)!.name} (${users.get(id)!.username})` : undefined),
  departmentName: (id) => departments.get(id),
  recordTitle: (_formKey, id) => records.get(id),
  timeZone: 'Asia/Shanghai',
} as FormatLookup;
const lookup: ImportLookup = {
  userId: (text) => [...users].find(([, user]) => `${user.name} (${user.username})` === text || user.username === text)?.[0],
  departmentId: (text) => [...departments].find(([, path]) => path === text || path.split('/').pop() === text)?.[0],
  recordId: (_formKey, text) => [...records].find(([, title]) => title === text)?.[0],
  timeZone: 'Asia/Shanghai',
};

/** Values of every importable type that survive formatValue then importValue (the export/import round trip). */
const SAMPLES: Partial<Record<FieldType, [FieldDefinition, unknown[]]>> = {
  text: [field('text'), ['Hello, world', '  spaced  ', '=not a formula here', '张三']],
  textarea: [field('textarea'), ['line 1\nline 2']],
  richText: [field('richText'), ['<p>Hello &amp; co</p>', '<p>one</p><p>two</p>']],
  number: [field('number', { decimals: 2, thousandsSeparator: true, prefix: '#', suffix: ' 件' }), [1234567.5, -3, 0]],
  money: [field('money', { currency: 'USD' }), [-1234.5, 0.5, 1e12]],
  percent: [field('percent', { decimals: 1 }), [85, 12.3, -0.5]],
  rating: [field('rating'), [0, 4, 5]],
  date: [field('date'), ['2024-05-01', '0999-12-31']],
  datetime: [field('datetime', { precision: 'second' }), ['2024-05-01T16:30:05.000Z', '2024-12-31T23:59:59.000Z']],
  dateRange: [field('dateRange'), [{ start: '2024-05-01', end: '2024-05-31' }]],
  time: [field('time'), ['09:05:00', '23:59:00']],
  radio: [field('radio', choices), ['won', 'lost']],
  select: [field('select', choices), ['won', 'ab', 'a']],
  checkbox: [field('checkbox', choices), [['won', 'lost'], ['ab', 'a'], []]],
  multiSelect: [field('multiSelect', choices), [['a', 'ab', 'won']]],
  cascader: [field('cascader', tree), [['zj', 'hz', 'xh'], ['js'], ['js', 'nj']]],
  switch: [field('switch'), [true, false]],
  member: [field('member'), [U1, U2]],
  members: [field('members'), [[U1, U2], [U2, U1]]],
  department: [field('department'), [D1]],
  departments: [field('departments'), [[D1, D2], [D2]]],
  location: [field('location'), [{ lng: 120.15, lat: 30.28, address: '西湖 (断桥)' }, { lng: -74.006, lat: 40.7128, address: null }]],
  phone: [field('phone'), ['13812345678', '+8613812345678']],
  email: [field('email'), ['li@example.com']],
  idNumber: [field('idNumber'), ['11010519491231002X']],
  url: [field('url'), ['https://example.com/a?b=1']],
  relation: [field('relation', { targetForm: 'customer' }), [R1]],
  address: [field('address'), [
    { province: '广东省', city: '深圳市', district: '南山区', detail: '科技园路1号' },
    { province: '北京市', city: '市辖区', district: '东城区', detail: null },
    { province: '浙江省', city: null, district: null, detail: null },
  ]],
};
// A switch with its own labels, a to-many relation: the same round trip under other options.
const EXTRA_SAMPLES: [FieldDefinition, unknown[]][] = [
  [field('switch', { onLabel: { 'zh-CN': '已签约', 'en-US': 'Signed' }, offLabel: '未签约' }), [true, false]],
  [field('datetime'), ['2024-05-01T16:30:00.000Z']],
  [field('time', { precision: 'second' }), ['09:05:07']],
  [field('money'), [1234.56]],
];

const LOCALES: DisplayLocale[] = ['zh-CN', 'en-US'];
const read = (f: FieldDefinition, cell: ImportCell, locale: DisplayLocale = 'zh-CN') => importValue(f, cell, lookup, locale);

describe('importValue: the export round trip', () => {
  const cases = [...Object.values(SAMPLES), ...EXTRA_SAMPLES].flatMap(([f, values]) =>
    values.flatMap((value) => LOCALES.map((locale) => [`${f.type} ${JSON.stringify(f.options ?? {})} ${JSON.stringify(value)} ${locale}`, f, value, locale] as const)));

  it.each(cases)('%s', (_name, f, value, locale) => {
    const stored = fieldTypeFor(f)!.coerce(value, f);
    expect(stored.ok).toBe(true);
    const text = formatValue(f, value, locale, formatLookup);
    expect(read(f, text, locale)).toEqual(stored);
  });

  it('covers every registered type: a round trip for each importable one, the rest are skipped', () => {
    for (const [type, definition] of fieldTypes) {
      const f = { ...field(type), options: SAMPLES[type]?.[0].options };
      const kind = importColumnKind(f);
      if (definition.layout) expect(kind).toBe('layout');
      else if (definition.derived) expect(kind).toBe('derived');
      else if (kind === 'value') {
        // A type added to the registry later reads by its value kind until it gets samples here.
        if (!SAMPLES[type]) expect(read(f, '').ok).toBe(true);
        else expect(SAMPLES[type]![1].length).toBeGreaterThan(0);
      }
      if (kind !== 'value') expect(read(f, 'x')).toMatchObject({ ok: false, code: 'not_importable' });
    }
    expect(Object.keys(SAMPLES).length).toBeGreaterThanOrEqual(27);
  });
});

describe('importValue: what people type', () => {
  const at = (y: number, mo: number, d: number, h = 0, mi = 0, s = 0) => new Date(Date.UTC(y, mo - 1, d, h, mi, s));
  it.each<[string, FieldDefinition, ImportCell, unknown]>([
    ['text from a number cell', field('phone'), 13812345678, '13812345678'],
    ['text loses the quote exports put before a formula', field('text'), "'=1+1", '=1+1'],
    ['text keeps other quotes', field('text'), "'quoted'", "'quoted'"],
    ['rich text from lines', field('richText'), 'a < b\nnext', '<p>a &lt; b</p><p>next</p>'],
    ['number with separators', field('number'), '12,345', 12345],
    ['number from a number cell', field('number', { decimals: 2 }), 3.14159, 3.14],
    ['number full width', field('number'), '１２３', 123],
    ['number accounting negative', field('number'), '(1,234)', -1234],
    ['number exponent', field('number'), '1.5E+3', 1500],
    ['money with ¥', field('money'), '¥1,234.50', 1234.5],
    ['money with full-width ￥', field('money'), '￥88', 88],
    ['money sign after symbol', field('money'), '¥-12.00', -12],
    ['money with a code', field('money'), 'CNY 1,000', 1000],
    ['money with 元', field('money'), '1000元', 1000],
    ['percent with %', field('percent'), '85%', 85],
    ['percent without %', field('percent'), '85', 85],
    ['rating stars', field('rating'), '★★★☆☆', 3],
    ['date slashes', field('date'), '2024/5/1', '2024-05-01'],
    ['date dots', field('date'), '2024.05.01', '2024-05-01'],
    ['date Chinese', field('date'), '2024年5月1日', '2024-05-01'],
    ['date with a time', field('date'), '2024/5/1 0:00', '2024-05-01'],
    ['date from an Excel date cell', field('date'), at(2024, 5, 1), '2024-05-01'],
    ['date from an Excel serial', field('date'), 45413, '2024-05-01'],
    ['datetime in the zone', field('datetime'), '2024-05-02 00:30', '2024-05-01T16:30:00.000Z'],
    ['datetime slashes and seconds', field('datetime'), '2024/5/2 0:30:05', '2024-05-01T16:30:05.000Z'],
    ['datetime ISO with offset', field('datetime'), '2024-05-01T08:30:00+08:00', '2024-05-01T00:30:00.000Z'],
    ['datetime date only is midnight', field('datetime'), '2024-05-02', '2024-05-01T16:00:00.000Z'],
    ['datetime from an Excel date cell', field('datetime'), at(2024, 5, 2, 0, 30), '2024-05-01T16:30:00.000Z'],
    ['datetime PM', field('datetime'), '2024-05-02 3:00 PM', '2024-05-02T07:00:00.000Z'],
    ['time short hour', field('time'), '9:05', '09:05:00'],
    ['time from an Excel time cell', field('time'), at(1899, 12, 30, 14, 15, 16), '14:15:16'],
    ['time from a day fraction', field('time'), 0.5, '12:00:00'],
    ['time 下午', field('time'), '下午 3:00', '15:00:00'],
    ['dateRange with ~', field('dateRange'), '2024-05-01 ~ 2024-05-31', { start: '2024-05-01', end: '2024-05-31' }],
    ['dateRange with dash', field('dateRange'), '2024/5/1 - 2024/5/31', { start: '2024-05-01', end: '2024-05-31' }],
    ['dateRange as JSON', field('dateRange'), '{"start":"2024-05-01","end":"2024-05-02"}', { start: '2024-05-01', end: '2024-05-02' }],
    ['select by key', field('select', choices), 'lost', 'lost'],
    ['select by the other language', field('select', choices), 'Won', 'won'],
    ['select ignoring case', field('select', choices), 'won ', 'won'],
    ['multiSelect with commas', field('multiSelect', choices), '赢单,输单', ['won', 'lost']],
    ['multiSelect with semicolons and keys', field('multiSelect', choices), 'won; lost', ['won', 'lost']],
    ['multiSelect with 、', field('checkbox', choices), 'Won、输单', ['won', 'lost']],
    ['multiSelect label holding a comma', field('multiSelect', choices), 'A, B, A', ['ab', 'a']],
    ['multiSelect as JSON keys', field('multiSelect', choices), '["won","a"]', ['won', 'a']],
    ['multiSelect trailing separator', field('multiSelect', choices), '赢单，', ['won']],
    ['cascader keys', field('cascader', tree), 'zj/hz', ['zj', 'hz']],
    ['cascader mixed languages', field('cascader', tree), 'Zhejiang > 杭州', ['zj', 'hz']],
    ['cascader JSON', field('cascader', tree), '["js","nj"]', ['js', 'nj']],
    ['switch 是', field('switch'), '是', true],
    ['switch no', field('switch'), 'NO', false],
    ['switch 1', field('switch'), 1, true],
    ['switch 0', field('switch'), '0', false],
    ['switch true cell', field('switch'), true, true],
    ['switch custom label', field('switch', { onLabel: '已签约', offLabel: '未签约' }), '未签约', false],
    ['member by username', field('member'), 'zhangsan', U1],
    ['member by id', field('member'), U2, U2],
    ['members mixed', field('members'), 'zhangsan; Smith, John (jsmith)', [U1, U2]],
    ['department by its own name', field('department'), '销售部', D1],
    ['address with spaces', field('address'), '广东省 深圳市 南山区 科技园路1号', { province: '广东省', city: '深圳市', district: '南山区', detail: '科技园路1号' }],
    ['address detail only', field('address'), '科技园路1号', { province: null, city: null, district: null, detail: '科技园路1号' }],
    ['location bare point', field('location'), '120.1, 30.2', { lng: 120.1, lat: 30.2, address: null }],
    ['location JSON', field('location'), '{"lng":1,"lat":2}', { lng: 1, lat: 2, address: null }],
    ['relation by title', field('relation', { targetForm: 'customer' }), 'Acme Ltd.', R1],
    ['relations by titles and ids', field('relation', { targetForm: 'customer', multiple: true }), `华东, 一部、${R1}`, [R2, R1]],
    ['empty text', field('text'), '', null],
    ['blank number', field('number'), '  ', null],
    ['empty multiSelect', field('multiSelect', choices), null, []],
  ])('%s', (_name, f, cell, value) => {
    expect(read(f, cell)).toEqual({ ok: true, value });
  });

  it.each<[string, FieldDefinition, ImportCell, string, DisplayLocale, RegExp]>([
    ['not a number', field('number'), '12abc', 'invalid_type', 'zh-CN', /“12abc”不是有效的数字/],
    ['European decimal comma', field('money'), '1,5', 'invalid_type', 'en-US', /"1,5" is not a number/],
    ['too big for the field', field('number', { max: 10 }), '11', 'too_big', 'zh-CN', /不能大于 10/],
    ['not a date', field('date'), '2024-02-30', 'invalid_format', 'en-US', /is not a date/],
    ['US order is not guessed', field('date'), '5/1/2024', 'invalid_format', 'en-US', /is not a date/],
    ['not a time', field('time'), '25:00', 'invalid_format', 'zh-CN', /不是有效的时间/],
    ['range ending first', field('dateRange'), '2024-05-31 至 2024-05-01', 'invalid_range', 'en-US', /start \(minimum\)/],
    ['unknown option', field('select', choices), 'maybe', 'invalid_option', 'zh-CN', /“maybe”不是可选的选项/],
    ['one unknown option in a list', field('multiSelect', choices), '赢单、平局', 'invalid_option', 'zh-CN', /“平局”/],
    ['not a path', field('cascader', tree), '浙江 / 南京', 'invalid_option', 'en-US', /not a path/],
    ['leaf only', field('cascader', { ...tree, leafOnly: true }), '浙江', 'not_leaf', 'zh-CN', /最后一级/],
    ['not a switch value', field('switch'), 'maybe', 'invalid_type', 'en-US', /must be yes or no/],
    ['unknown user', field('member'), '王五 (wangwu)', 'not_found', 'zh-CN', /找不到成员“王五 \(wangwu\)”/],
    ['unknown department in a list', field('departments'), 'HQ/销售部、Nowhere', 'not_found', 'en-US', /No department "Nowhere"/],
    ['bad phone', field('phone'), '12345', 'invalid_format', 'en-US', /Invalid format/],
    ['location out of range', field('location'), 'lng 200, lat 1', 'too_big', 'en-US', /at most 180/],
    ['derived field', field('moneyInWords', { sourceField: 'a' }), '壹元整', 'not_importable', 'zh-CN', /不能导入/],
    ['layout item', field('divider'), 'x', 'not_importable', 'en-US', /cannot be imported/],
    ['type unknown to the registry', { key: 'f', type: 'hologram' as FieldType, label: 'F' }, 'x', 'not_importable', 'en-US', /cannot be imported/],
  ])('%s', (_name, f, cell, code, locale, message) => {
    const result = importValue(f, cell, lookup, locale);
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok ? '' : result.message).toMatch(message);
  });

  it('reads derived and layout fields as not importable, whatever the cell', () => {
    expect(importColumnKind(field('formula', { expression: '1' }))).toBe('derived');
    expect(importColumnKind(field('tabs'))).toBe('layout');
    expect(importColumnKind({ key: 'f', type: 'hologram' as FieldType, label: 'F' })).toBe('unsupported');
  });
});
