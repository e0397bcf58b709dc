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
const withFields = (...more: FieldDefinition[]): FormDefinition => ({ ...form, fields: [...fields, ...more] });
const formulaField = (key: string, expression: string, options: Record<string, unknown> = {}): FieldDefinition => ({ key, type: 'formula', label: key, options: { expression, ...options } });
const tabsField = (key: string, tabs: { key: string; fieldKeys: string[] }[]): FieldDefinition => ({ key, type: 'tabs', label: key, options: { tabs: tabs.map((tab) => ({ label: tab.key, ...tab })) } });
const region = { tree: [{ key: 'zj', label: '浙江', children: [{ key: 'hz', label: '杭州' }, { key: 'nb', label: '宁波' }] }, { key: 'js', label: '江苏' }] };
const deepTree = (levels: number): object[] => (levels === 0 ? [] : [{ key: `l${levels}`, label: 'x', children: deepTree(levels - 1) }]);
const issuesOf = (doc: unknown) => validateFormDefinition(doc).map(({ path, code }) => ({ path, code }));

describe('validateFormDefinition', () => {
  it('accepts a well-formed form', () => {
    expect(validateFormDefinition(form)).toEqual([]);
  });

  it('refuses a rule condition the rules could never run: an unknown part, an operator the field does not take', () => {
    const withAddress = { ...withField({ key: 'addr', type: 'address', label: '地址' }) };
    const rule = (when: unknown) => ({ ...withAddress, rules: [{ key: 'r', when, then: [{ action: 'hide', fields: ['section'] }] }] });
    expect(issuesOf(rule({ '==': [{ var: 'addr.city' }, '杭州市'] }))).toEqual([]);
    expect(issuesOf(rule({ '==': [{ var: 'addr.zip' }, '310000'] }))).toEqual([{ path: ['rules', 0, 'when', '==', 0], code: 'invalid_condition' }]);
    expect(issuesOf(rule({ contains: [{ var: 'amount' }, 'x'] }))).toEqual([expect.objectContaining({ code: 'invalid_condition' })]);
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
      { key: 'c3', type: 'richText', label: 'x', options: { default: '<p>x</p>', toolbar: ['bold', 'link', 'image'], images: true } },
      { key: 'c4', type: 'dateRange', label: 'x', options: { minDays: 1, maxDays: 30, default: { start: '2024-05-01', end: '2024-05-02' } } },
      { key: 'c5', type: 'cascader', label: 'x', options: { ...region, leafOnly: true, default: ['zj', 'hz'] } },
      { key: 'c6', type: 'location', label: 'x', options: { default: { lng: 116.4, lat: 39.9, address: '北京' } } },
      { key: 'c7', type: 'idNumber', label: 'x', options: { kind: 'passport', unique: true } },
      { key: 'c8', type: 'idNumber', label: 'x', options: { default: '11010519491231002X' } },
      { key: 'c9', type: 'formula', label: 'x', options: { expression: 'ROUND(amount * 1.13, 2)', resultType: 'number', decimals: 2 } },
      { key: 'd1', type: 'formula', label: 'x', options: { expression: 'c9 - amount', decimals: 2 } },
      { key: 'd2', type: 'formula', label: 'x', options: { expression: 'name & "：" & amount_words', resultType: 'text' } },
      { key: 'd3', type: 'formula', label: 'x', options: { expression: 'DATEADD(c4.start, 7, "d")', resultType: 'date' } },
      { key: 'd4', type: 'formula', label: 'x', options: { expression: 'NOW()', resultType: 'datetime' } },
      { key: 'd5', type: 'formula', label: 'x', options: { expression: 'amount > 100000', resultType: 'boolean' } },
      { key: 'd6', type: 'tabs', label: 'x', options: { tabs: [{ key: 'basic', label: '基本', fieldKeys: ['name', 'stage', 'section'] }, { key: 'more', label: { 'zh-CN': '更多', 'en-US': 'More' }, fieldKeys: ['c3', 'c9'] }, { key: 'empty', label: '空', fieldKeys: [] }] } },
    ];
    expect(validateFormDefinition({ ...form, fields: [...fields, ...all] })).toEqual([]);
  });

  it.each<[string, unknown, (string | number)[], string]>([
    ['a structural problem (from @platform/schema)', { ...form, fields: [{ key: 'Bad Key', type: 'text', label: 'x' }] }, ['fields', 0, 'key'], 'invalid_key'],
    ['a type that is not in the catalog', { ...form, fields: [{ key: 'x', type: 'sql', label: 'x' }] }, ['fields', 0, 'type'], 'invalid_enum'],
    ['a duplicate field key', withField({ key: 'name', type: 'textarea', label: 'x' }), ['fields', 6, 'key'], 'duplicate_key'],
    ['a field named like a system field', withField({ key: 'id', type: 'text', label: 'x' }), ['fields', 6, 'key'], 'reserved_key'],
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
    ['a formula without expression', withField({ key: 'x', type: 'formula', label: 'x', options: { resultType: 'number' } }), ['fields', 6, 'options', 'expression'], 'required'],
    ['a formula with an empty expression', withField(formulaField('x', '')), ['fields', 6, 'options', 'expression'], 'invalid_minLength'],
    ['a formula of an unknown result type', withField(formulaField('x', '1', { resultType: 'money' })), ['fields', 6, 'options', 'resultType'], 'invalid_enum'],
    ['a formula with 11 decimals', withField(formulaField('x', '1', { decimals: 11 })), ['fields', 6, 'options', 'decimals'], 'invalid_maximum'],
    ['a formula with a default', withField(formulaField('x', '1', { default: 1 })), ['fields', 6, 'options', 'default'], 'invalid_additionalProperties'],
    ['a formula syntax error', withField(formulaField('x', 'amount *')), ['fields', 6, 'options', 'expression'], 'formula_syntax'],
    ['a formula reading a missing field', withField(formulaField('x', 'budget * 2')), ['fields', 6, 'options', 'expression'], 'formula_unknown_field'],
    ['a formula reading a layout item', withField(formulaField('x', 'LEN(section)')), ['fields', 6, 'options', 'expression'], 'formula_unknown_field'],
    ['a formula calling an unknown function', withField(formulaField('x', 'EVAL(amount)')), ['fields', 6, 'options', 'expression'], 'formula_unknown_function'],
    ['a formula calling a function with too few arguments', withField(formulaField('x', 'ROUND()')), ['fields', 6, 'options', 'expression'], 'formula_arity'],
    ['a formula too long', withField(formulaField('x', `1${' + 1'.repeat(1000)}`)), ['fields', 6, 'options', 'expression'], 'invalid_maxLength'],
    ['a formula reading itself', withField(formulaField('x', 'x + 1')), ['fields', 6, 'options', 'expression'], 'formula_cycle'],
    ['a formula cycle of two', withFields(formulaField('x', 'y + 1'), formulaField('y', 'x * 2')), ['fields', 7, 'options', 'expression'], 'formula_cycle'],
    ['a formula cycle of three', withFields(formulaField('x', 'y'), formulaField('y', 'z'), formulaField('z', 'amount + x')), ['fields', 6, 'options', 'expression'], 'formula_cycle'],
    ['tabs without tabs', withField({ key: 'x', type: 'tabs', label: 'x' }), ['fields', 6, 'options', 'tabs'], 'required'],
    ['tabs with no tab', withField({ key: 'x', type: 'tabs', label: 'x', options: { tabs: [] } }), ['fields', 6, 'options', 'tabs'], 'invalid_minItems'],
    ['a tab without fieldKeys', withField({ key: 'x', type: 'tabs', label: 'x', options: { tabs: [{ key: 'a', label: 'A' }] } }), ['fields', 6, 'options', 'tabs', 0, 'fieldKeys'], 'required'],
    ['a tab naming a missing field', withField(tabsField('x', [{ key: 'a', fieldKeys: ['name', 'budget'] }])), ['fields', 6, 'options', 'tabs', 0, 'fieldKeys', 1], 'unknown_field'],
    ['a tab holding itself', withField(tabsField('x', [{ key: 'a', fieldKeys: ['x'] }])), ['fields', 6, 'options', 'tabs', 0, 'fieldKeys', 0], 'invalid_reference'],
    ['a field in two tabs', withField(tabsField('x', [{ key: 'a', fieldKeys: ['name'] }, { key: 'b', fieldKeys: ['amount', 'name'] }])), ['fields', 6, 'options', 'tabs', 1, 'fieldKeys', 1], 'duplicate_tab_field'],
    ['a field in two tabs items', withFields(tabsField('x', [{ key: 'a', fieldKeys: ['name'] }]), tabsField('y', [{ key: 'a', fieldKeys: ['stage', 'name'] }])), ['fields', 7, 'options', 'tabs', 0, 'fieldKeys', 1], 'duplicate_tab_field'],
    ['a field twice in one tab', withField(tabsField('x', [{ key: 'a', fieldKeys: ['name', 'name'] }])), ['fields', 6, 'options', 'tabs', 0, 'fieldKeys', 1], 'duplicate_tab_field'],
    ['duplicate tab keys', withField(tabsField('x', [{ key: 'a', fieldKeys: [] }, { key: 'a', fieldKeys: [] }])), ['fields', 6, 'options', 'tabs', 1, 'key'], 'duplicate_key'],
    ['a cascader without tree', withField({ key: 'x', type: 'cascader', label: 'x' }), ['fields', 6, 'options', 'tree'], 'required'],
    ['a cascader node without label', withField({ key: 'x', type: 'cascader', label: 'x', options: { tree: [{ key: 'a', children: [] }] } }), ['fields', 6, 'options', 'tree', 0, 'label'], 'required'],
    ['a cascader node key that is not a key', withField({ key: 'x', type: 'cascader', label: 'x', options: { tree: [{ key: 'a', label: 'A', children: [{ key: 'B B', label: 'B' }] }] } }), ['fields', 6, 'options', 'tree', 0, 'children', 0, 'key'], 'invalid_key'],
    ['duplicate sibling keys in a cascader', withField({ key: 'x', type: 'cascader', label: 'x', options: { tree: [{ key: 'a', label: 'A', children: [{ key: 'b', label: 'B' }, { key: 'b', label: 'B2' }] }] } }), ['fields', 6, 'options', 'tree', 0, 'children', 1, 'key'], 'duplicate_key'],
    ['a cascader 11 levels deep', withField({ key: 'x', type: 'cascader', label: 'x', options: { tree: deepTree(11) } }), ['fields', 6, 'options', 'tree', 0, 'children', 0, 'children', 0, 'children', 0, 'children', 0, 'children', 0, 'children', 0, 'children', 0, 'children', 0, 'children', 0, 'children'], 'invalid_maxItems'],
    ['a cascader of more than 10,000 options', withField({ key: 'x', type: 'cascader', label: 'x', options: { tree: Array.from({ length: 11 }, (_, i) => ({ key: `p${i}`, label: 'x', children: Array.from({ length: 1000 }, (_, j) => ({ key: `c${j}`, label: 'x' })) })) } }), ['fields', 6, 'options', 'tree'], 'tree_too_large'],
    ['a cascader default that is not a path', withField({ key: 'x', type: 'cascader', label: 'x', options: { ...region, default: ['js', 'hz'] } }), ['fields', 6, 'options', 'default', 1], 'invalid_default'],
    ['a leafOnly cascader default stopping early', withField({ key: 'x', type: 'cascader', label: 'x', options: { ...region, leafOnly: true, default: ['zj'] } }), ['fields', 6, 'options', 'default', 0], 'invalid_default'],
    ['a dateRange minDays above maxDays', withField({ key: 'x', type: 'dateRange', label: 'x', options: { minDays: 10, maxDays: 5 } }), ['fields', 6, 'options', 'minDays'], 'invalid_range'],
    ['a dateRange minDays of 0', withField({ key: 'x', type: 'dateRange', label: 'x', options: { minDays: 0 } }), ['fields', 6, 'options', 'minDays'], 'invalid_minimum'],
    ['a dateRange default ending before it starts', withField({ key: 'x', type: 'dateRange', label: 'x', options: { default: { start: '2024-05-02', end: '2024-05-01' } } }), ['fields', 6, 'options', 'default', 'end'], 'invalid_default'],
    ['a location default off the globe', withField({ key: 'x', type: 'location', label: 'x', options: { default: { lng: 200, lat: 0 } } }), ['fields', 6, 'options', 'default'], 'invalid_anyOf'],
    ['a location with an unknown option', withField({ key: 'x', type: 'location', label: 'x', options: { radius: 100 } }), ['fields', 6, 'options', 'radius'], 'invalid_additionalProperties'],
    ['an idNumber of an unknown kind', withField({ key: 'x', type: 'idNumber', label: 'x', options: { kind: 'driversLicence' } }), ['fields', 6, 'options', 'kind'], 'invalid_enum'],
    ['an idNumber default with a wrong check character', withField({ key: 'x', type: 'idNumber', label: 'x', options: { default: '110101199003074478' } }), ['fields', 6, 'options', 'default'], 'invalid_default'],
    ['a richText toolbar entry that is not a name', withField({ key: 'x', type: 'richText', label: 'x', options: { toolbar: ['<script>'] } }), ['fields', 6, 'options', 'toolbar', 0], 'invalid_pattern'],
    ['duplicate rule keys', { ...form, rules: [{ key: 'r', when: {}, then: [] }, { key: 'r', when: {}, then: [] }] }, ['rules', 1, 'key'], 'duplicate_key'],
  ])('refuses %s', (_label, doc, path, code) => {
    expect(issuesOf(doc)).toContainEqual({ path, code });
  });

  it('reports a formula issue with its position and code for the designer', () => {
    const issues = validateFormDefinition(withField(formulaField('x', 'amount + budget')));
    expect(issues).toEqual([{
      path: ['fields', 6, 'options', 'expression'],
      code: 'formula_unknown_field',
      message: expect.stringContaining('budget'),
      params: { key: 'budget', position: 9, character: 10 },
    }]);
  });

  it('reports a cycle on every formula in it, naming the path', () => {
    const issues = validateFormDefinition(withFields(formulaField('x', 'y + 1'), formulaField('y', 'x * 2'), formulaField('z', 'x')));
    expect(issues.map(({ path, code }) => ({ path, code }))).toEqual([
      { path: ['fields', 6, 'options', 'expression'], code: 'formula_cycle' },
      { path: ['fields', 7, 'options', 'expression'], code: 'formula_cycle' },
    ]);
    expect(issues[0].message).toContain('x -> y -> x');
  });

  it('accepts formulas reading formulas declared later, and moneyInWords', () => {
    expect(validateFormDefinition(withFields(formulaField('total', 'net + tax'), formulaField('net', 'amount'), formulaField('tax', 'net * 0.13'), formulaField('words', 'amount_words', { resultType: 'text' })))).toEqual([]);
  });

  it('lets rules read system fields, variables and structured paths', () => {
    const when = { and: [{ '==': [{ var: 'ownerId' }, { var: '$user.id' }] }, { '<': [{ var: 'createdAt' }, { $daysAgo: 3 }] }, { '==': [{ var: 'stage.x' }, 1] }] };
    expect(validateFormDefinition({ ...form, rules: [{ key: 'r', when, then: [] }] })).toEqual([]);
  });

  it('gives every issue a message', () => {
    const issues = validateFormDefinition(withFields({ key: 'name', type: 'richText', label: 'x' }, formulaField('f', 'f +'), tabsField('t', [{ key: 'a', fieldKeys: ['nope'] }])));
    expect(issues.length).toBeGreaterThan(2);
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) expect(issue.message).toMatch(/\S/);
  });

  it('refuses what is not a form at all', () => {
    expect(validateFormDefinition(null).length).toBeGreaterThan(0);
    expect(validateFormDefinition('form').length).toBeGreaterThan(0);
  });
});
