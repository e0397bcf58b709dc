import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '@platform/schema';
import { displayText, formatDate, formatDateTime, formatFieldValue, formatMoney, formatPercent, type FormatContext } from './format-value';

const zh: FormatContext = {
  locale: 'zh-CN',
  yes: '是',
  no: '否',
  timeZone: 'Asia/Shanghai',
  countLabel: (n) => `${n} 条`,
  userName: (id) => ({ u1: '张三', u2: '李四' })[id],
  departmentName: (id) => ({ d1: '销售部' })[id],
};
const en: FormatContext = { ...zh, locale: 'en-US', yes: 'Yes', no: 'No' };
const field = (type: FieldDefinition['type'], options?: Record<string, unknown>): FieldDefinition => ({ key: 'f', type, label: 'F', options });
const show = (f: FieldDefinition, value: unknown, ctx = zh) => displayText(formatFieldValue(f, value, ctx));

describe('formatFieldValue', () => {
  it('shows money with ¥, thousands separators and the field decimals', () => {
    expect(show(field('money'), 1234567.8)).toBe('¥1,234,567.80');
    expect(show(field('money', { decimals: 0 }), 1234567.8)).toBe('¥1,234,568');
    expect(formatMoney(-1200, 'zh-CN')).toBe('-¥1,200.00');
    expect(formatMoney(5, 'en-US', 2, 'USD')).toBe('$5.00');
  });

  it('shows percent as the stored number with %', () => {
    expect(show(field('percent'), 85)).toBe('85%');
    expect(show(field('percent', { decimals: 1 }), 12.345)).toBe('12.3%');
    expect(formatPercent(0, 'zh-CN')).toBe('0%');
  });

  it('groups plain numbers and keeps given decimals', () => {
    expect(show(field('number'), 1234567)).toBe('1,234,567');
    expect(show(field('number', { decimals: 2 }), 3)).toBe('3.00');
    expect(show(field('number'), 2.5)).toBe('2.5');
  });

  it('formats dates without shifting the calendar day, per locale', () => {
    expect(formatDate('2024-01-05', 'zh-CN')).toBe('2024/01/05');
    expect(formatDate('2024-01-05', 'en-US')).toBe('01/05/2024');
    expect(show(field('date'), '2024-12-31')).toBe('2024/12/31');
  });

  it('formats datetimes in the time zone, to the minute', () => {
    expect(formatDateTime('2024-01-05T01:30:00.000Z', 'zh-CN', 'Asia/Shanghai')).toBe('2024/01/05 09:30');
    expect(show(field('datetime'), '2024-01-05T23:30:00Z')).toBe('2024/01/06 07:30');
  });

  it('shows select options as coloured tags with the localised label', () => {
    const stage = field('select', { options: [{ key: 'proposal', label: { 'zh-CN': '方案报价', 'en-US': 'Proposal' }, color: '#fa8c16' }] });
    expect(formatFieldValue(stage, 'proposal', zh)).toEqual({ kind: 'tags', tags: [{ key: 'proposal', label: '方案报价', color: '#fa8c16' }] });
    expect(formatFieldValue(stage, 'proposal', en)).toEqual({ kind: 'tags', tags: [{ key: 'proposal', label: 'Proposal', color: '#fa8c16' }] });
    // An option removed from the form still shows its key rather than nothing.
    expect(formatFieldValue(stage, 'gone', zh)).toEqual({ kind: 'tags', tags: [{ key: 'gone', label: 'gone' }] });
  });

  it('shows multiSelect and checkbox values as one tag each', () => {
    const tags = field('multiSelect', { options: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B', color: '#000000' }] });
    expect(formatFieldValue(tags, ['a', 'b'], zh)).toEqual({ kind: 'tags', tags: [{ key: 'a', label: 'A' }, { key: 'b', label: 'B', color: '#000000' }] });
    expect(formatFieldValue(field('checkbox'), [], zh)).toEqual({ kind: 'empty' });
  });

  it('shows switches as yes/no in the user language', () => {
    expect(show(field('switch'), true)).toBe('是');
    expect(show(field('switch'), false)).toBe('否');
    expect(show(field('switch'), false, en)).toBe('No');
  });

  it('shows members and departments by name, falling back to the id', () => {
    expect(show(field('member'), 'u1')).toBe('张三');
    expect(show(field('members'), ['u1', 'u2', 'u9'])).toBe('张三, 李四, u9');
    expect(show(field('department'), 'd1')).toBe('销售部');
  });

  it('treats null, undefined, empty string and [] as empty', () => {
    for (const value of [null, undefined, '', []]) expect(formatFieldValue(field('text'), value, zh)).toEqual({ kind: 'empty' });
  });

  it('formats the structured and derived types', () => {
    expect(show(field('rating', { max: 5 }), 3)).toBe('★★★☆☆');
    expect(show(field('dateRange'), { start: '2024-01-01', end: '2024-01-31' })).toBe('2024/01/01 ~ 2024/01/31');
    expect(show(field('address'), { province: '浙江省', city: '杭州市', district: '西湖区', detail: '文三路 1 号' })).toBe('浙江省杭州市西湖区 文三路 1 号');
    expect(show(field('subForm'), [{ id: 'r1' }, { id: 'r2' }])).toBe('2 条');
    expect(show(field('attachment'), [{ id: 'f1', name: '合同.pdf', size: 1, mime: 'application/pdf' }])).toBe('合同.pdf');
    expect(show(field('formula', { resultType: 'number', decimals: 1 }), 1234.56)).toBe('1,234.6');
    expect(show(field('cascader', { tree: [{ key: 'zj', label: '浙江', children: [{ key: 'hz', label: '杭州' }] }] }), ['zj', 'hz'])).toBe('浙江 / 杭州');
    expect(show(field('moneyInWords'), '壹万贰仟元整')).toBe('壹万贰仟元整');
  });
});
