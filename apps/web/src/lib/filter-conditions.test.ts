import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '@platform/schema';
import {
  addressPartOf, buildFilter, changeOperator, combineAnd, conditionToLogic, countCompleteConditions, isConditionComplete, newCondition,
  operatorsFor, quickSearchCondition, valueInputFor, withAddressParts, type FilterCondition,
} from './filter-conditions';

const fields: FieldDefinition[] = [
  { key: 'name', type: 'text', label: '名称' },
  { key: 'email', type: 'email', label: '邮箱' },
  { key: 'amount', type: 'money', label: '金额' },
  { key: 'stage', type: 'select', label: '阶段', options: { options: [{ key: 'proposal', label: '方案' }] } },
  { key: 'tags', type: 'multiSelect', label: '标签' },
  { key: 'closed', type: 'date', label: '成交日期' },
  { key: 'seen', type: 'datetime', label: '最近' },
  { key: 'vip', type: 'switch', label: 'VIP' },
  { key: 'owner', type: 'member', label: '负责人' },
  { key: 'files', type: 'attachment', label: '附件' },
  { key: 'section', type: 'divider', label: '分组' },
];
const byKey = (key: string) => fields.find((field) => field.key === key)!;
const row = (field: string, operator: FilterCondition['operator'], value?: unknown): FilterCondition => ({ id: field, field, operator, value });

describe('operatorsFor', () => {
  it('offers per-type operators', () => {
    expect(operatorsFor(byKey('name'))).toEqual(expect.arrayContaining(['contains', '==', 'startsWith', 'isEmpty', 'isNotEmpty']));
    expect(operatorsFor(byKey('amount'))).toEqual(expect.arrayContaining(['==', '>', '<', 'between']));
    expect(operatorsFor(byKey('closed'))).toEqual(expect.arrayContaining(['between', '>', '<']));
    expect(operatorsFor(byKey('stage'))[0]).toBe('in');
    expect(operatorsFor(byKey('tags'))[0]).toBe('containsAny');
    expect(operatorsFor(byKey('vip'))[0]).toBe('==');
    expect(operatorsFor(byKey('owner'))).toContain('in');
  });

  it('offers nothing for files and layout items', () => {
    expect(operatorsFor(byKey('files'))).toEqual([]);
    expect(operatorsFor(byKey('section'))).toEqual([]);
  });

  it('picks a value editor matching type and operator', () => {
    expect(valueInputFor(byKey('amount'), 'between')).toBe('numberRange');
    expect(valueInputFor(byKey('closed'), 'between')).toBe('dateRange');
    expect(valueInputFor(byKey('seen'), '>')).toBe('datetime');
    expect(valueInputFor(byKey('stage'), 'in')).toBe('options');
    expect(valueInputFor(byKey('name'), 'isEmpty')).toBe('none');
    expect(valueInputFor(byKey('owner'), 'in')).toBe('users');
  });
});

describe('conditionToLogic', () => {
  it('builds json-logic for each operator shape', () => {
    expect(conditionToLogic(row('amount', '>', 10000), byKey('amount'))).toEqual({ '>': [{ var: 'amount' }, 10000] });
    expect(conditionToLogic(row('stage', 'in', ['proposal', 'negotiation']), byKey('stage'))).toEqual({ in: [{ var: 'stage' }, ['proposal', 'negotiation']] });
    expect(conditionToLogic(row('amount', 'between', [1, 5]), byKey('amount'))).toEqual({ between: [{ var: 'amount' }, 1, 5] });
    expect(conditionToLogic(row('closed', 'between', ['2024-01-01', '2024-03-31']), byKey('closed'))).toEqual({ between: [{ var: 'closed' }, '2024-01-01', '2024-03-31'] });
    expect(conditionToLogic(row('tags', 'containsAny', ['vip']), byKey('tags'))).toEqual({ containsAny: [{ var: 'tags' }, ['vip']] });
    expect(conditionToLogic(row('vip', '==', false), byKey('vip'))).toEqual({ '==': [{ var: 'vip' }, false] });
    expect(conditionToLogic(row('name', 'isEmpty'), byKey('name'))).toEqual({ isEmpty: [{ var: 'name' }] });
    expect(conditionToLogic(row('name', 'startsWith', '华'), byKey('name'))).toEqual({ startsWith: [{ var: 'name' }, '华'] });
  });

  it('skips rows still missing a value (never sends null: the API refuses it)', () => {
    expect(conditionToLogic(row('amount', '>'), byKey('amount'))).toBeNull();
    expect(conditionToLogic(row('amount', 'between', [1, null]), byKey('amount'))).toBeNull();
    expect(conditionToLogic(row('stage', 'in', []), byKey('stage'))).toBeNull();
    expect(conditionToLogic(row('name', 'contains', ''), byKey('name'))).toBeNull();
    expect(isConditionComplete(row('vip', '=='), byKey('vip'))).toBe(false);
  });

  it('rejects an operator the field does not offer', () => {
    expect(conditionToLogic(row('stage', 'contains', 'x'), byKey('stage'))).toBeNull();
  });
});

describe('quick search and combination', () => {
  it('ORs contains over the text fields only', () => {
    expect(quickSearchCondition(fields, '  华为 ')).toEqual({
      or: [{ contains: [{ var: 'name' }, '华为'] }, { contains: [{ var: 'email' }, '华为'] }],
    });
    expect(quickSearchCondition(fields, '   ')).toBeNull();
  });

  it('ANDs the rows and the search, omitting the filter when nothing applies', () => {
    expect(buildFilter(fields, [], '')).toBeUndefined();
    expect(buildFilter(fields, [row('amount', '>', 10000)], '')).toEqual({ '>': [{ var: 'amount' }, 10000] });
    expect(buildFilter(fields, [row('amount', '>', 10000), row('stage', 'in', ['proposal', 'negotiation'])], '')).toEqual({
      and: [{ '>': [{ var: 'amount' }, 10000] }, { in: [{ var: 'stage' }, ['proposal', 'negotiation']] }],
    });
    const withSearch = buildFilter([byKey('name'), byKey('amount')], [row('amount', '>', 1), row('amount', '<')], 'ab');
    expect(withSearch).toEqual({ and: [{ '>': [{ var: 'amount' }, 1] }, { contains: [{ var: 'name' }, 'ab'] }] });
    expect(combineAnd([null, undefined])).toBeUndefined();
  });

  it('keeps the value when switching between operators with the same editor', () => {
    const amount = byKey('amount');
    const start = { ...newCondition(amount, 'x'), value: 5 };
    expect(start.operator).toBe('==');
    expect(changeOperator(start, amount, '>').value).toBe(5);
    expect(changeOperator(start, amount, 'between').value).toBeUndefined();
  });
});

describe('address parts', () => {
  const home: FieldDefinition = { key: 'home', type: 'address', label: { 'zh-CN': '地址', 'en-US': 'Address' } };
  const withHome = [byKey('name'), home];
  const parts = withAddressParts(withHome);
  const part = (key: string) => parts.find((field) => field.key === key)!;

  it('follows each address field with its four parts, keyed by the var path', () => {
    expect(parts.map((field) => field.key)).toEqual(['name', 'home', 'home.province', 'home.city', 'home.district', 'home.detail']);
    expect(addressPartOf(part('home.city'))).toEqual({ parent: home, part: 'city' });
    expect(addressPartOf(home)).toBeUndefined();
    // A masked address is left out of the fields the filter gets, and so are its parts.
    expect(withAddressParts([byKey('name')]).map((field) => field.key)).toEqual(['name']);
  });

  it('offers the text operators the engine declares for a part, the whole address only emptiness', () => {
    expect(operatorsFor(home)).toEqual(['isEmpty', 'isNotEmpty']);
    expect(operatorsFor(part('home.city'))).toEqual(['==', 'in', '!=', 'contains', 'startsWith', 'endsWith', 'isEmpty', 'isNotEmpty']);
    expect(operatorsFor(part('home.detail'))[0]).toBe('contains');
    expect(operatorsFor(part('home.detail'))).not.toContain('>');
  });

  it('picks region names for equality and lists, text for the rest and for the street address', () => {
    expect(valueInputFor(part('home.province'), '==')).toBe('region');
    expect(valueInputFor(part('home.district'), '!=')).toBe('region');
    expect(valueInputFor(part('home.city'), 'in')).toBe('regions');
    expect(valueInputFor(part('home.city'), 'startsWith')).toBe('text');
    expect(valueInputFor(part('home.detail'), '==')).toBe('text');
    expect(valueInputFor(part('home.detail'), 'in')).toBe('texts');
    expect(valueInputFor(part('home.city'), 'isEmpty')).toBe('none');
  });

  it('builds conditions on the part path', () => {
    const conditions = [row('home.city', '==', '深圳市'), row('home.province', 'in', ['广东省', '浙江省']), row('home.detail', 'in', []), row('home.district', 'isEmpty')];
    expect(buildFilter(withHome, conditions, '')).toEqual({
      and: [
        { '==': [{ var: 'home.city' }, '深圳市'] },
        { in: [{ var: 'home.province' }, ['广东省', '浙江省']] },
        { isEmpty: [{ var: 'home.district' }] },
      ],
    });
    expect(countCompleteConditions(withHome, conditions)).toBe(3);
    expect(isConditionComplete(row('home.city', 'in', ['深圳市', '']), part('home.city'))).toBe(false);
    expect(newCondition(part('home.city'), 'c').operator).toBe('==');
    // Switching between a region picker and free text drops the value.
    expect(changeOperator({ ...row('home.city', '==', '深圳市') }, part('home.city'), 'contains').value).toBeUndefined();
  });
});
