import type { FieldDefinition, FieldType } from '@platform/schema';
import type { DisplayLocale, FormatLookup } from './field-type-definition';
import { formatValue } from './format-value';

const field = (type: FieldType, options?: Record<string, unknown>): FieldDefinition => ({ key: 'f', type, label: 'F', options });
const choices = { options: [{ key: 'won', label: { 'zh-CN': '赢单', 'en-US': 'Won' } }, { key: 'lost', label: '输单' }] };
const tree = {
  tree: [{ key: 'zj', label: { 'zh-CN': '浙江', 'en-US': 'Zhejiang' }, children: [{ key: 'hz', label: { 'zh-CN': '杭州', 'en-US': 'Hangzhou' }, children: [{ key: 'xh', label: '西湖区' }] }] }],
};
const formula = (resultType: string, decimals?: number) => field('formula', { expression: 'x', resultType, ...(decimals === undefined ? {} : { decimals }) });
const U1 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e6f';
const U2 = '0190a6f2-7c3b-7d4e-8f00-1a2b3c4d5e70';
const lookup: FormatLookup = {
  userName: (id) => ({ [U1]: '张三', [U2]: '李四' })[id],
  departmentName: (id) => (id === U1 ? '销售部' : undefined),
  timeZone: 'Asia/Shanghai',
};

describe('formatValue', () => {
  it.each<[string, FieldDefinition, unknown, DisplayLocale, string]>([
    ['money in CNY', field('money'), 1234.5, 'zh-CN', '¥1,234.50'],
    ['money millions', field('money'), 1234567.891, 'en-US', '¥1,234,567.89'],
    ['money negative', field('money'), -1234.5, 'zh-CN', '-¥1,234.50'],
    ['money USD', field('money', { currency: 'USD' }), 0.5, 'en-US', '$0.50'],
    ['money unknown currency', field('money', { currency: 'XAU' }), 1, 'en-US', 'XAU 1.00'],
    ['money decimals 0', field('money', { decimals: 0 }), 1000, 'zh-CN', '¥1,000'],
    ['number plain', field('number'), 1234, 'zh-CN', '1234'],
    ['number decimals', field('number', { decimals: 2 }), 3, 'zh-CN', '3.00'],
    ['number separator and unit', field('number', { thousandsSeparator: true, suffix: ' 件' }), 12345, 'zh-CN', '12,345 件'],
    ['number prefix', field('number', { prefix: '#' }), 7, 'en-US', '#7'],
    ['percent', field('percent'), 85, 'zh-CN', '85%'],
    ['percent decimals', field('percent', { decimals: 1 }), 12.25, 'en-US', '12.3%'],
    ['rating', field('rating'), 4, 'zh-CN', '4'],
    ['switch on zh', field('switch'), true, 'zh-CN', '是'],
    ['switch off zh', field('switch'), false, 'zh-CN', '否'],
    ['switch on en', field('switch'), true, 'en-US', 'Yes'],
    ['switch off en', field('switch'), false, 'en-US', 'No'],
    ['switch custom labels', field('switch', { onLabel: { 'zh-CN': '已签约', 'en-US': 'Signed' } }), true, 'en-US', 'Signed'],
    ['select label zh', field('select', choices), 'won', 'zh-CN', '赢单'],
    ['select label en', field('select', choices), 'won', 'en-US', 'Won'],
    ['select label single string', field('radio', choices), 'lost', 'en-US', '输单'],
    ['select removed option shows key', field('select', choices), 'gone', 'en-US', 'gone'],
    ['multiSelect zh', field('multiSelect', choices), ['won', 'lost'], 'zh-CN', '赢单、输单'],
    ['checkbox en', field('checkbox', choices), ['won', 'lost'], 'en-US', 'Won, 输单'],
    ['multiSelect empty', field('multiSelect', choices), [], 'en-US', ''],
    ['member by name', field('member'), U1, 'zh-CN', '张三'],
    ['members by name', field('members'), [U1, U2], 'en-US', '张三, 李四'],
    ['department by name', field('department'), U1, 'zh-CN', '销售部'],
    ['unknown department shows id', field('departments'), [U2], 'zh-CN', U2],
    ['date', field('date'), '2024-05-01', 'zh-CN', '2024-05-01'],
    ['datetime in the zone', field('datetime'), '2024-05-01T16:30:00.000Z', 'zh-CN', '2024-05-02 00:30'],
    ['datetime seconds', field('datetime', { precision: 'second' }), '2024-05-01T16:30:05.000Z', 'en-US', '2024-05-02 00:30:05'],
    ['time', field('time'), '09:05:00', 'zh-CN', '09:05'],
    ['time seconds', field('time', { precision: 'second' }), '09:05:07', 'zh-CN', '09:05:07'],
    ['text', field('text'), '<b>x</b>', 'zh-CN', '<b>x</b>'],
    ['moneyInWords', field('moneyInWords', { sourceField: 'amount' }), '壹万贰仟元整', 'zh-CN', '壹万贰仟元整'],
    ['divider', field('divider'), 'x', 'zh-CN', ''],
    ['tabs', field('tabs'), 'x', 'en-US', ''],
    ['idNumber', field('idNumber'), '11010519491231002X', 'zh-CN', '11010519491231002X'],
    ['richText as text', field('richText'), '<p>Hello <b>world</b> &amp; co</p><ul><li>one</li><li>two</li></ul>', 'zh-CN', 'Hello world & co\none\ntwo'],
    ['richText line breaks', field('richText'), '<p>a<br>b</p><p>&lt;svg&gt;</p>', 'en-US', 'a\nb\n<svg>'],
    ['richText image only', field('richText'), '<img src="/api/files/x">', 'en-US', ''],
    ['dateRange zh', field('dateRange'), { start: '2024-05-01', end: '2024-05-03' }, 'zh-CN', '2024-05-01 至 2024-05-03'],
    ['dateRange en', field('dateRange'), { start: '2024-05-01', end: '2024-05-03' }, 'en-US', '2024-05-01 to 2024-05-03'],
    ['dateRange malformed', field('dateRange'), { start: '2024-05-01' }, 'en-US', ''],
    ['location with address zh', field('location'), { lng: 116.397428, lat: 39.90923, address: '北京市东城区' }, 'zh-CN', '北京市东城区（经度 116.397428，纬度 39.90923）'],
    ['location with address en', field('location'), { lng: 116.397428, lat: 39.90923, address: 'Dongcheng, Beijing' }, 'en-US', 'Dongcheng, Beijing (lng 116.397428, lat 39.90923)'],
    ['location without address', field('location'), { lng: -0.0000001, lat: 51.5, address: null }, 'en-US', 'lng -0.0000001, lat 51.5'],
    ['cascader zh', field('cascader', tree), ['zj', 'hz', 'xh'], 'zh-CN', '浙江 / 杭州 / 西湖区'],
    ['cascader en', field('cascader', tree), ['zj', 'hz'], 'en-US', 'Zhejiang / Hangzhou'],
    ['cascader removed option shows keys', field('cascader', tree), ['zj', 'gone', 'x'], 'zh-CN', '浙江 / gone / x'],
    ['cascader empty', field('cascader', tree), [], 'zh-CN', ''],
    ['formula number with decimals', formula('number', 2), 1234.5, 'zh-CN', '1234.50'],
    ['formula number as computed', formula('number'), 0.0000001, 'en-US', '0.0000001'],
    ['formula number from the driver', formula('number', 1), '12.25', 'en-US', '12.3'],
    ['formula text', formula('text'), '<b>x</b>', 'zh-CN', '<b>x</b>'],
    ['formula date', formula('date'), '2024-05-01', 'zh-CN', '2024-05-01'],
    ['formula datetime in the zone', formula('datetime'), '2024-05-01T16:30:00.000Z', 'en-US', '2024-05-02 00:30'],
    ['formula boolean zh', formula('boolean'), true, 'zh-CN', '是'],
    ['formula boolean en', formula('boolean'), false, 'en-US', 'No'],
    ['null', field('money'), null, 'zh-CN', ''],
    ['undefined', field('text'), undefined, 'zh-CN', ''],
  ])('%s', (_label, definition, value, locale, expected) => {
    expect(formatValue(definition, value, locale, lookup)).toBe(expected);
  });

  it('shows ids when no lookup is given', () => {
    expect(formatValue(field('member'), U1, 'zh-CN')).toBe(U1);
  });

  it('shows UTC rather than failing on an unknown time zone', () => {
    expect(formatValue(field('datetime'), '2024-05-01T16:30:00.000Z', 'en-US', { timeZone: 'Mars/Olympus' })).toBe('2024-05-01 16:30');
  });
});
