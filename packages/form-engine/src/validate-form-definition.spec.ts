import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { validateFormDefinition } from './validate-form-definition';

const stage = { options: [{ key: 'lead', label: '线索' }, { key: 'proposal', label: '方案报价' }] };
const fields: FieldDefinition[] = [
  { key: 'name', type: 'text', label: '名称', required: true },
  { key: 'stage', type: 'select', label: '阶段', options: stage },
  { key: 'amount', type: 'money', label: '金额' },
  { key: 'amount_words', type: 'moneyInWords', label: '大写', options: { sourceField: 'amount' } },
  { key: 'owner', type: 'member', label: '负责人' },
  { key: 'section', type: 'divider', label: '详情', options: { title: '详情' } },
];
const form: FormDefinition = {
  key: 'opportunity',
  name: '商机',
  fields,
  rules: [{ key: 'big', when: { '>': [{ var: 'amount' }, 100000] }, then: [{ action: 'require', fields: ['owner'] }, { action: 'hide', fields: ['section'] }] }],
  settings: { titleField: 'name', stageGates: { field: 'stage', requirements: { proposal: ['amount', 'owner'] } } },
};
const withField = (field: FieldDefinition): FormDefinition => ({ ...form, fields: [...fields, field] });
const issuesOf = (doc: unknown) => validateFormDefinition(doc).map(({ path, code }) => ({ path, code }));

describe('validateFormDefinition', () => {
  it('accepts a well-formed form', () => {
    expect(validateFormDefinition(form)).toEqual([]);
  });

  it('accepts every implemented type with typical options', () => {
    const all: FieldDefinition[] = [
      { key: 'a1', type: 'text', label: 'x', options: { maxLength: 100, minLength: 2, pattern: '^[A-Z]', unique: true, default: 'AB', placeholder: '请输入' } },
      { key: 'a2', type: 'textarea', label: 'x', options: { rows: 4, maxLength: 20000 } },
      { key: 'a3', type: 'number', label: 'x', options: { decimals: 2, min: 0, max: 100, default: 1.5, thousandsSeparator: true, suffix: '件' } },
      { key: 'a4', type: 'money', label: 'x', options: { currency: 'USD', decimals: 2, default: 0 } },
      { key: 'a5', type: 'percent', label: 'x', options: { decimals: 1 } },
      { key: 'a6', type: 'date', label: 'x', options: { min: '2020-01-01', max: '2030-12-31', default: '2024-01-01' } },
      { key: 'a7', type: 'datetime', label: 'x', options: { precision: 'second', default: '2024-01-01T00:00:00Z' } },
      { key: 'a8', type: 'time', label: 'x', options: { default: '09:00' } },
      { key: 'a9', type: 'radio', label: 'x', options: { ...stage, direction: 'vertical', default: 'lead' } },
      { key: 'b1', type: 'checkbox', label: 'x', options: { ...stage, minCount: 1, maxCount: 2, default: ['lead'] } },
      { key: 'b2', type: 'multiSelect', label: 'x', options: { options: [{ key: 'x', label: 'X', color: '#ff0000' }] } },
      { key: 'b3', type: 'switch', label: 'x', options: { default: true, onLabel: '开', offLabel: '关' } },
      { key: 'b4', type: 'rating', label: 'x', options: { max: 10, default: 3, icon: 'heart' } },
      { key: 'b5', type: 'members', label: 'x', options: { maxCount: 5 } },
      { key: 'b6', type: 'department', label: 'x', options: { showFullPath: true } },
      { key: 'b7', type: 'departments', label: 'x' },
      { key: 'b8', type: 'phone', label: 'x', options: { unique: true } },
      { key: 'b9', type: 'email', label: 'x', options: { domains: ['example.com'] } },
      { key: 'c1', type: 'url', label: 'x' },
      { key: 'c2', type: 'description', label: 'x', options: { text: { 'zh-CN': '请填写', 'en-US': 'Please fill in' } } },
    ];
    expect(validateFormDefinition({ ...form, fields: [...fields, ...all] })).toEqual([]);
  });

  it.each<[string, unknown, (string | number)[], string]>([
    ['a structural problem (from @platform/schema)', { ...form, fields: [{ key: 'Bad Key', type: 'text', label: 'x' }] }, ['fields', 0, 'key'], 'invalid_key'],
    ['a type that is not in the catalog', { ...form, fields: [{ key: 'x', type: 'sql', label: 'x' }] }, ['fields', 0, 'type'], 'invalid_enum'],
    ['a duplicate field key', withField({ key: 'name', type: 'textarea', label: 'x' }), ['fields', 6, 'key'], 'duplicate_key'],
    ['a field named like a system field', withField({ key: 'id', type: 'text', label: 'x' }), ['fields', 6, 'key'], 'reserved_key'],
    ['a catalog type not implemented yet', withField({ key: 'x', type: 'richText', label: 'x' }), ['fields', 6, 'type'], 'unsupported_type'],
    ['an unknown option', withField({ key: 'x', type: 'text', label: 'x', options: { maxLenght: 5 } }), ['fields', 6, 'options', 'maxLenght'], 'invalid_additionalProperties'],
    ['maxLength above the cap', withField({ key: 'x', type: 'text', label: 'x', options: { maxLength: 10001 } }), ['fields', 6, 'options', 'maxLength'], 'invalid_maximum'],
    ['money with 3 decimals', withField({ key: 'x', type: 'money', label: 'x', options: { decimals: 3 } }), ['fields', 6, 'options', 'decimals'], 'invalid_maximum'],
    ['a lower-case currency', withField({ key: 'x', type: 'money', label: 'x', options: { currency: 'cny' } }), ['fields', 6, 'options', 'currency'], 'invalid_pattern'],
    ['rating max above 10', withField({ key: 'x', type: 'rating', label: 'x', options: { max: 11 } }), ['fields', 6, 'options', 'max'], 'invalid_maximum'],
    ['an option key that is not a key', withField({ key: 'x', type: 'select', label: 'x', options: { options: [{ key: 'Big Deal', label: 'x' }] } }), ['fields', 6, 'options', 'options', 0, 'key'], 'invalid_key'],
    ['an option without a label', withField({ key: 'x', type: 'select', label: 'x', options: { options: [{ key: 'a' }] } }), ['fields', 6, 'options', 'options', 0, 'label'], 'required'],
    ['a bad colour', withField({ key: 'x', type: 'radio', label: 'x', options: { options: [{ key: 'a', label: 'A', color: 'red' }] } }), ['fields', 6, 'options', 'options', 0, 'color'], 'invalid_pattern'],
    ['duplicate option keys', withField({ key: 'x', type: 'checkbox', label: 'x', options: { options: [{ key: 'a', label: 'A' }, { key: 'a', label: 'B' }] } }), ['fields', 6, 'options', 'options', 1, 'key'], 'duplicate_key'],
    ['moneyInWords without sourceField', withField({ key: 'x', type: 'moneyInWords', label: 'x' }), ['fields', 6, 'options', 'sourceField'], 'required'],
    ['moneyInWords of a number field', withField({ key: 'x', type: 'moneyInWords', label: 'x', options: { sourceField: 'name' } }), ['fields', 6, 'options', 'sourceField'], 'invalid_reference'],
    ['moneyInWords of a missing field', withField({ key: 'x', type: 'moneyInWords', label: 'x', options: { sourceField: 'nope' } }), ['fields', 6, 'options', 'sourceField'], 'invalid_reference'],
    ['minLength above maxLength', withField({ key: 'x', type: 'text', label: 'x', options: { minLength: 10, maxLength: 5 } }), ['fields', 6, 'options', 'minLength'], 'invalid_range'],
    ['min above max', withField({ key: 'x', type: 'number', label: 'x', options: { min: 10, max: 5 } }), ['fields', 6, 'options', 'min'], 'invalid_range'],
    ['date min after max', withField({ key: 'x', type: 'date', label: 'x', options: { min: '2025-01-01', max: '2024-01-01' } }), ['fields', 6, 'options', 'min'], 'invalid_range'],
    ['date bound not a calendar day', withField({ key: 'x', type: 'date', label: 'x', options: { max: '2024-02-30' } }), ['fields', 6, 'options', 'max'], 'invalid_format'],
    ['minCount above maxCount', withField({ key: 'x', type: 'multiSelect', label: 'x', options: { minCount: 3, maxCount: 2 } }), ['fields', 6, 'options', 'minCount'], 'invalid_range'],
    ['a pattern that does not compile', withField({ key: 'x', type: 'text', label: 'x', options: { pattern: '([a-z' } }), ['fields', 6, 'options', 'pattern'], 'invalid_pattern'],
    ['a default of the wrong type', withField({ key: 'x', type: 'number', label: 'x', options: { default: 'ten' } }), ['fields', 6, 'options', 'default'], 'invalid_anyOf'],
    ['a default outside min/max', withField({ key: 'x', type: 'number', label: 'x', options: { min: 0, default: -1 } }), ['fields', 6, 'options', 'default'], 'invalid_default'],
    ['a default that is not an option', withField({ key: 'x', type: 'select', label: 'x', options: { ...stage, default: 'won' } }), ['fields', 6, 'options', 'default'], 'invalid_default'],
    ['a multi default with an unknown option', withField({ key: 'x', type: 'checkbox', label: 'x', options: { ...stage, default: ['lead', 'won'] } }), ['fields', 6, 'options', 'default', 1], 'invalid_default'],
    ['a default that is not a date', withField({ key: 'x', type: 'date', label: 'x', options: { default: '2024-02-30' } }), ['fields', 6, 'options', 'default'], 'invalid_default'],
    ['a default longer than maxLength', withField({ key: 'x', type: 'text', label: 'x', options: { maxLength: 2, default: 'abc' } }), ['fields', 6, 'options', 'default'], 'invalid_default'],
    ['a default on a derived field', withField({ key: 'x', type: 'moneyInWords', label: 'x', options: { sourceField: 'amount', default: 'x' } }), ['fields', 6, 'options', 'default'], 'invalid_additionalProperties'],
    ['a titleField that does not exist', { ...form, settings: { titleField: 'nope' } }, ['settings', 'titleField'], 'unknown_field'],
    ['a titleField on a layout item', { ...form, settings: { titleField: 'section' } }, ['settings', 'titleField'], 'unknown_field'],
    ['a stage gate on a missing field', { ...form, settings: { stageGates: { field: 'nope', requirements: {} } } }, ['settings', 'stageGates', 'field'], 'invalid_reference'],
    ['a stage gate on a text field', { ...form, settings: { stageGates: { field: 'name', requirements: {} } } }, ['settings', 'stageGates', 'field'], 'invalid_reference'],
    ['a stage gate on an unknown stage', { ...form, settings: { stageGates: { field: 'stage', requirements: { won: ['amount'] } } } }, ['settings', 'stageGates', 'requirements', 'won'], 'invalid_option'],
    ['a stage gate requiring a missing field', { ...form, settings: { stageGates: { field: 'stage', requirements: { proposal: ['amount', 'budget'] } } } }, ['settings', 'stageGates', 'requirements', 'proposal', 1], 'unknown_field'],
    ['a stage gate requiring a derived field', { ...form, settings: { stageGates: { field: 'stage', requirements: { proposal: ['amount_words'] } } } }, ['settings', 'stageGates', 'requirements', 'proposal', 0], 'unknown_field'],
    ['a rule reading a missing field', { ...form, rules: [{ key: 'r', when: { and: [{ '==': [{ var: 'stage' }, 'lead'] }, { '>': [{ var: 'budget' }, 1] }] }, then: [] }] }, ['rules', 0, 'when'], 'unknown_field'],
    ['a rule reading a missing field with a default', { ...form, rules: [{ key: 'r', when: { '==': [{ var: ['budget', 0] }, 1] }, then: [] }] }, ['rules', 0, 'when'], 'unknown_field'],
    ['a rule acting on a missing field', { ...form, rules: [{ key: 'r', when: {}, then: [{ action: 'show', fields: ['name', 'budget'] }] }] }, ['rules', 0, 'then', 0, 'fields', 1], 'unknown_field'],
    ['a rule requiring a layout item', { ...form, rules: [{ key: 'r', when: {}, then: [{ action: 'require', fields: ['section'] }] }] }, ['rules', 0, 'then', 0, 'fields', 0], 'unknown_field'],
    ['duplicate rule keys', { ...form, rules: [{ key: 'r', when: {}, then: [] }, { key: 'r', when: {}, then: [] }] }, ['rules', 1, 'key'], 'duplicate_key'],
  ])('refuses %s', (_label, doc, path, code) => {
    expect(issuesOf(doc)).toContainEqual({ path, code });
  });

  it('lets rules read system fields, variables and structured paths', () => {
    const when = { and: [{ '==': [{ var: 'ownerId' }, { var: '$user.id' }] }, { '<': [{ var: 'createdAt' }, { $daysAgo: 3 }] }, { '==': [{ var: 'stage.x' }, 1] }] };
    expect(validateFormDefinition({ ...form, rules: [{ key: 'r', when, then: [] }] })).toEqual([]);
  });

  it('gives every issue a message', () => {
    const issues = validateFormDefinition(withField({ key: 'name', type: 'richText', label: 'x' }));
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.message).toMatch(/\S/);
  });

  it('refuses what is not a form at all', () => {
    expect(validateFormDefinition(null).length).toBeGreaterThan(0);
    expect(validateFormDefinition('form').length).toBeGreaterThan(0);
  });
});
