import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '@platform/schema';
import {
  buildFilter, changeOperator, combineAnd, conditionToLogic, isConditionComplete, newCondition, operatorsFor,
  quickSearchCondition, valueInputFor, type FilterCondition,
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
