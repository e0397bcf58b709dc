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

  it('refuses a field of a type not implemented yet as unknown', () => {
    const withRichText: FormDefinition = { ...form, fields: [...form.fields, { key: 'body', type: 'richText', label: 'x' }] };
    expect(codes(validateRecordData(withRichText, { body: '<p>x</p>' }, 'update'))).toEqual({ ok: false, issues: [{ path: ['body'], code: 'unknown_field' }] });
  });
});
