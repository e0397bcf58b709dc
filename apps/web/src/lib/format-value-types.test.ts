import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '@platform/schema';
import { displayText, formatFieldValue, type FormatContext } from './format-value';
import { rulesForm } from '../test/sample-rules-form';

const zh: FormatContext = { locale: 'zh-CN', yes: '是', no: '否', timeZone: 'Asia/Shanghai' };
const en: FormatContext = { ...zh, locale: 'en-US', yes: 'Yes', no: 'No' };
const byKey = (key: string) => rulesForm.fields.find((field) => field.key === key)!;
const show = (field: FieldDefinition, value: unknown, ctx = zh) => displayText(formatFieldValue(field, value, ctx));

describe('cells of the richer types', () => {
  it("shows a date range as 'start ~ end'", () => {
    expect(show(byKey('period'), { start: '2026-03-01', end: '2026-03-31' }, en)).toBe('03/01/2026 ~ 03/31/2026');
    expect(show(byKey('period'), { start: '2026-03-01', end: '2026-03-31' })).toMatch(/^2026.03.01 ~ 2026.03.31$/);
    expect(show(byKey('period'), null)).toBe('');
  });

  it("shows a cascader path as its labels joined by ' / '", () => {
    expect(show(byKey('category'), ['hw', 'server'])).toBe('硬件 / 服务器');
    expect(show(byKey('category'), ['hw', 'server'], en)).toBe('Hardware / Server');
    expect(show(byKey('category'), ['gone'])).toBe('gone');
    expect(formatFieldValue(byKey('category'), [], zh)).toEqual({ kind: 'empty' });
  });

  it('shows a location by its address, else its coordinates', () => {
    expect(show(byKey('site'), { lng: 121.47, lat: 31.23, address: '上海市黄浦区' })).toBe('上海市黄浦区');
    expect(show(byKey('site'), { lng: 121.47, lat: 31.23, address: null })).toBe('121.47, 31.23');
    expect(show(byKey('site'), { lng: 0, lat: 0, address: '  ' })).toBe('0, 0');
  });

  it('shows rich text as a plain-text excerpt', () => {
    expect(show(byKey('notes'), '<p><b>重要</b>客户</p><ul><li>报价</li></ul>')).toBe('重要客户 报价');
    expect(show(byKey('notes'), '<script>x</script>')).not.toContain('<');
    expect(formatFieldValue(byKey('notes'), '<p><br></p>', zh)).toEqual({ kind: 'empty' });
  });

  it('shows formulas per their result type', () => {
    expect(show(byKey('total'), 12001.5)).toBe('12,001.50');
    expect(show(byKey('big'), true)).toBe('是');
    expect(show(byKey('big'), false, en)).toBe('No');
    const dated = { key: 'd', type: 'formula', label: 'D', options: { expression: 'TODAY()', resultType: 'date' } } as FieldDefinition;
    expect(show(dated, '2026-03-01', en)).toBe('03/01/2026');
    const texted = { key: 't', type: 'formula', label: 'T', options: { expression: '"a"', resultType: 'text' } } as FieldDefinition;
    expect(show(texted, 'abc')).toBe('abc');
  });

  it('shows an ID number as it is', () => {
    expect(show(byKey('id_no'), '11010519491231002X')).toBe('11010519491231002X');
  });

  it('shows a lookup as its source field would: option labels, money, a list through a many relation', () => {
    const grade: FieldDefinition = { key: 'grade', type: 'select', label: '等级', options: { options: [{ key: 'a', label: { 'zh-CN': '甲级', 'en-US': 'Grade A' } }] } };
    const lookup: FieldDefinition = { key: 'g', type: 'lookup', label: '等级', options: { relationField: 'p', targetField: 'grade', valueField: grade } };
    expect(show(lookup, 'a')).toBe('甲级');
    expect(show(lookup, 'a', en)).toBe('Grade A');
    const price: FieldDefinition = { key: 'price', type: 'money', label: '价', options: { decimals: 2 } };
    const many: FieldDefinition = { key: 'ps', type: 'lookup', label: '价', options: { relationField: 'p', targetField: 'price', valueField: price, many: true } };
    expect(show(many, [1200, 5])).toBe('¥1,200.00, ¥5.00');
    expect(show({ key: 'x', type: 'lookup', label: 'x', options: {} }, 'raw')).toBe('raw');
  });
});
