import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { evaluateFormRules } from '../evaluate-form-rules';
import { formatValue } from '../format-value';
import { getFieldType } from '../get-field-type';
import { listFieldTypes } from '../list-field-types';
import { validateFormDefinition } from '../validate-form-definition';
import { validateRecordData } from '../validate-record-data';

const address = getFieldType('address')!;
const field = (options?: Record<string, unknown>): FieldDefinition => ({ key: 'home', type: 'address', label: '地址', options });
const value = (province: string | null, city: string | null = null, district: string | null = null, detail: string | null = null) => ({ province, city, district, detail });
const SHENZHEN = value('广东省', '深圳市', '南山区', '科技园路1号');

// Rows may leave out their options: the callbacks take them as a rest parameter, since jest treats a
// callback with more parameters than a row has values as one that calls `done`.
describe('address: coerce accepts', () => {
  it.each<[string, unknown, unknown, Record<string, unknown>?]>([
    ['a full address', SHENZHEN, SHENZHEN],
    ['a province alone', { province: '广东省' }, value('广东省')],
    ['a province and a city', { province: '浙江省', city: '杭州市' }, value('浙江省', '杭州市')],
    ['a district without detail', { province: '浙江省', city: '杭州市', district: '西湖区' }, value('浙江省', '杭州市', '西湖区')],
    ['a municipality with the city level of the data', { province: '北京市', city: '市辖区', district: '东城区' }, value('北京市', '市辖区', '东城区')],
    ['a county of 重庆市', { province: '重庆市', city: '县', district: '城口县' }, value('重庆市', '县', '城口县')],
    ['a county-level city under the province', { province: '湖北省', city: '省直辖县级行政区划', district: '仙桃市' }, value('湖北省', '省直辖县级行政区划', '仙桃市')],
    ['a town where a city has no districts', { province: '广东省', city: '东莞市', district: '东城街道' }, value('广东省', '东莞市', '东城街道')],
    ['parts in any order, trimmed', { detail: ' 科技园路1号 ', district: ' 南山区', city: '深圳市 ', province: '\t广东省' }, SHENZHEN],
    ['blank parts as null', { province: '广东省', city: '', district: null, detail: '   ' }, value('广东省')],
    ['detail alone', { detail: '科技园路1号' }, value(null, null, null, '科技园路1号')],
    ['detail of 200 characters', { province: '广东省', detail: '址'.repeat(200) }, value('广东省', null, null, '址'.repeat(200))],
    ['detail of 200 emoji (code points, not UTF-16 units)', { province: '广东省', detail: '🏠'.repeat(200) }, value('广东省', null, null, '🏠'.repeat(200))],
    ['SQL-looking detail, stored as sent', { province: '广东省', detail: "1号'); DROP TABLE x; --" }, value('广东省', null, null, "1号'); DROP TABLE x; --")],
    ['level province: the province', { province: '广东省' }, value('广东省'), { level: 'province' }],
    ['level city: down to the city', { province: '广东省', city: '深圳市' }, value('广东省', '深圳市'), { level: 'city' }],
    ['level district: down to the district', { province: '广东省', city: '深圳市', district: '南山区' }, value('广东省', '深圳市', '南山区'), { level: 'district' }],
    ['an unknown level as the default (detail)', SHENZHEN, SHENZHEN, { level: 'street' }],
  ])('%s', (_label, input, expected, ...options) => {
    expect(address.coerce(input, field(options[0]))).toEqual({ ok: true, value: expected });
  });

  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['an empty string', ''],
    ['an empty object', {}],
    ['every part empty', { province: '', city: null, district: undefined, detail: '  ' }],
  ])('%s as empty (null)', (_label, input) => {
    expect(address.coerce(input, field())).toEqual({ ok: true, value: null });
  });
});

describe('address: coerce refuses', () => {
  it.each<[string, unknown, string, (string | number)[] | undefined, Record<string, unknown>?]>([
    ['a string', '广东省深圳市', 'invalid_type', undefined],
    ['an array', ['广东省', '深圳市'], 'invalid_type', undefined],
    ['an unexpected part', { province: '广东省', street: '科技园路' }, 'invalid_type', ['street']],
    ['a province that is not text', { province: 44 }, 'invalid_type', ['province']],
    ['detail that is not text', { province: '广东省', detail: { no: 1 } }, 'invalid_type', ['detail']],
    ['an unknown province', { province: '火星省' }, 'invalid_option', ['province']],
    ['a short province name', { province: '广东' }, 'invalid_option', ['province']],
    ['a city of another province', { province: '广东省', city: '杭州市' }, 'invalid_option', ['city']],
    ['a district of another city', { province: '广东省', city: '深圳市', district: '西湖区' }, 'invalid_option', ['district']],
    ['a municipality named again as its city (the data has 市辖区)', { province: '北京市', city: '北京市', district: '东城区' }, 'invalid_option', ['city']],
    ['a city without its province', { city: '深圳市' }, 'required', ['province']],
    ['a district without its city', { province: '广东省', district: '南山区' }, 'required', ['city']],
    ['a district alone', { district: '南山区' }, 'required', ['province']],
    ['an unknown province before a missing city', { province: '火星省', district: '南山区' }, 'invalid_option', ['province']],
    ['detail of 201 characters', { province: '广东省', detail: '址'.repeat(201) }, 'too_long', ['detail']],
    ['NUL in the detail', { province: '广东省', detail: '1号\u0000' }, 'invalid_format', ['detail']],
    ['a lone surrogate in the detail', { province: '广东省', detail: '1号\uD800' }, 'invalid_format', ['detail']],
    ['NUL in a region name', { province: '广东省\u0000' }, 'invalid_format', ['province']],
    ['a city when the level is province', { province: '广东省', city: '深圳市' }, 'invalid_option', ['city'], { level: 'province' }],
    ['a district when the level is city', { province: '广东省', city: '深圳市', district: '南山区' }, 'invalid_option', ['district'], { level: 'city' }],
    ['detail when the level is district', SHENZHEN, 'invalid_option', ['detail'], { level: 'district' }],
  ])('%s', (_label, input, code, path, ...options) => {
    const result = address.coerce(input, field(options[0]));
    expect(result).toMatchObject({ ok: false, code });
    expect(result.ok ? undefined : result.path).toEqual(path);
  });

  it('says where the name is missing from', () => {
    expect(address.coerce({ province: '广东省', city: '杭州市' }, field())).toMatchObject({ message: '"杭州市" is not a city of 广东省', params: { value: '杭州市' } });
    expect(address.coerce({ province: '广东省', detail: '址'.repeat(201) }, field())).toMatchObject({ params: { max: 200 } });
  });
});

describe('address: format', () => {
  it.each<[string, unknown, 'zh-CN' | 'en-US', string]>([
    ['zh-CN without separators', SHENZHEN, 'zh-CN', '广东省深圳市南山区科技园路1号'],
    ['en-US the same names, space-separated', SHENZHEN, 'en-US', '广东省 深圳市 南山区 科技园路1号'],
    ['a province alone', value('广东省'), 'zh-CN', '广东省'],
    ['a municipality without its 市辖区 city level', value('北京市', '市辖区', '东城区', '东华门街道1号'), 'zh-CN', '北京市东城区东华门街道1号'],
    ['a municipality in en-US', value('北京市', '市辖区', '东城区'), 'en-US', '北京市 东城区'],
    ['a county of 重庆市', value('重庆市', '县', '城口县'), 'zh-CN', '重庆市城口县'],
    ['a county-level city under its province', value('湖北省', '省直辖县级行政区划', '仙桃市'), 'zh-CN', '湖北省仙桃市'],
    ['detail alone', value(null, null, null, '科技园路1号'), 'zh-CN', '科技园路1号'],
    ['not an address', '广东省', 'zh-CN', ''],
  ])('%s', (_label, input, locale, expected) => {
    expect(formatValue(field(), input, locale)).toBe(expected);
  });

  it('formats empty as an empty string', () => {
    expect(formatValue(field(), null, 'zh-CN')).toBe('');
  });
});

describe('address: storage', () => {
  it.each<[string, unknown]>([
    ['a full address', SHENZHEN],
    ['a province alone', value('广东省')],
    ['detail alone', value(null, null, null, "科技园路1号 \"A\"栋 \\ 'x'")],
    ['null', null],
  ])('survives toDb then fromDb: %s', (_label, input) => {
    const stored = address.toDb(input);
    expect(stored === null || typeof stored === 'string').toBe(true);
    expect(address.fromDb(stored)).toEqual(input);
    // The driver hands jsonb back parsed.
    expect(address.fromDb(typeof stored === 'string' ? JSON.parse(stored) : stored)).toEqual(input);
  });

  it.each<[string, unknown, unknown]>([
    ['missing parts as null', { province: '广东省' }, value('广东省')],
    ['parts of another type as null', { province: '广东省', city: 4403, detail: ['x'] }, value('广东省')],
    ['no parts at all', {}, null],
    ['an array', ['广东省'], null],
    ['malformed JSON text', '{"province":', null],
    ['SQL NULL', null, null],
  ])('reads %s from the column', (_label, stored, expected) => {
    expect(address.fromDb(stored)).toEqual(expected);
  });

  it('is a jsonb column, filtered only by emptiness and never sorted', () => {
    expect(address.column(field())).toEqual({ sqlType: 'jsonb', index: null });
    expect(address).toMatchObject({
      label: { 'zh-CN': '地址', 'en-US': 'Address' },
      valueKind: 'object',
      conditionKind: 'json',
      operators: ['isEmpty', 'isNotEmpty'],
      sortable: false,
      filterable: true,
    });
  });

  it('offers its four parts to conditions, as text', () => {
    expect(address.parts?.map(({ key, conditionKind }) => [key, conditionKind])).toEqual([
      ['province', 'text'], ['city', 'text'], ['district', 'text'], ['detail', 'text'],
    ]);
    for (const part of address.parts ?? []) {
      expect(part.operators).toEqual(['==', '!=', 'in', 'contains', 'startsWith', 'endsWith', 'isEmpty', 'isNotEmpty']);
      expect(part.label['zh-CN']).toMatch(/\S/);
      expect(part.label['en-US']).toMatch(/\S/);
    }
  });

  it('sits between departments and location in the catalog order', () => {
    const types = listFieldTypes().map((definition) => definition.type);
    expect(types.slice(types.indexOf('departments'), types.indexOf('departments') + 3)).toEqual(['departments', 'address', 'location']);
  });
});

describe('address in forms', () => {
  const form = (options?: Record<string, unknown>): FormDefinition => ({
    key: 'customer',
    name: '客户',
    fields: [
      { key: 'name', type: 'text', label: '名称' },
      { key: 'home', type: 'address', label: '地址', options },
      { key: 'courier', type: 'text', label: '快递' },
    ],
    rules: [{ key: 'no_address', when: { isEmpty: [{ var: 'home' }] }, then: [{ action: 'hide', fields: ['courier'] }] }],
  });
  const issuesOf = (doc: FormDefinition) => validateFormDefinition(doc).map(({ path, code }) => ({ path, code }));

  it('accepts a level and a default that is a valid address', () => {
    expect(validateFormDefinition(form({ level: 'city', default: { province: '广东省', city: '深圳市' } }))).toEqual([]);
  });

  it.each<[string, Record<string, unknown>, (string | number)[], string]>([
    ['an unknown level', { level: 'street' }, ['fields', 1, 'options', 'level'], 'invalid_enum'],
    ['a default outside the region data', { default: { province: '广东省', city: '杭州市' } }, ['fields', 1, 'options', 'default', 'city'], 'invalid_default'],
    ['a default deeper than the level', { level: 'province', default: { province: '广东省', city: '深圳市' } }, ['fields', 1, 'options', 'default', 'city'], 'invalid_default'],
  ])('refuses %s', (_label, options, path, code) => {
    expect(issuesOf(form(options))).toEqual([{ path, code }]);
  });

  it('refuses a record whose address is not a region path, at the part', () => {
    const result = validateRecordData(form(), { home: { province: '广东省', city: '杭州市' } }, 'create');
    expect(result.ok ? [] : result.issues.map(({ path, code }) => ({ path, code }))).toEqual([{ path: ['home', 'city'], code: 'invalid_option' }]);
  });

  it('lets rules test the parts of an address', () => {
    const doc: FormDefinition = {
      ...form(),
      rules: [
        { key: 'local', when: { in: [{ var: 'home.city' }, ['深圳市', '广州市']] }, then: [{ action: 'hide', fields: ['courier'] }] },
        { key: 'no_detail', when: { isEmpty: [{ var: 'home.detail' }] }, then: [{ action: 'require', fields: ['name'] }] },
      ],
    };
    const ctx = { now: new Date('2026-01-01T00:00:00Z'), timeZone: 'Asia/Shanghai' };
    expect(evaluateFormRules(doc, { home: SHENZHEN }, ctx)).toMatchObject({ hidden: new Set(['courier']), required: new Set() });
    expect(evaluateFormRules(doc, { home: value('浙江省', '杭州市') }, ctx)).toMatchObject({ hidden: new Set(), required: new Set(['name']) });
    expect(evaluateFormRules(doc, { home: null }, ctx)).toMatchObject({ hidden: new Set(), required: new Set(['name']) });
  });

  it('never fires a rule on a part an address does not have', () => {
    const doc: FormDefinition = { ...form(), rules: [{ key: 'zip', when: { isEmpty: [{ var: 'home.zip' }] }, then: [{ action: 'hide', fields: ['courier'] }] }] };
    const ctx = { now: new Date('2026-01-01T00:00:00Z'), timeZone: 'Asia/Shanghai' };
    expect(evaluateFormRules(doc, { home: null }, ctx).hidden).toEqual(new Set());
  });

  it('lets rules test whether an address is set', () => {
    const ctx = { now: new Date('2026-01-01T00:00:00Z'), timeZone: 'Asia/Shanghai' };
    expect(evaluateFormRules(form(), { home: null }, ctx).hidden).toEqual(new Set(['courier']));
    expect(evaluateFormRules(form(), { home: value('广东省') }, ctx).hidden).toEqual(new Set());
  });
});
