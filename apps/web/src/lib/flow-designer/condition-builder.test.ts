import { describe, expect, it } from 'vitest';
import { quoteForm } from '../../test/sample-flow-design';
import { builderToLogic, conditionFields, incompleteRows, isEmptyCondition, logicToBuilder, sameCondition, type ConditionBuilder } from './condition-builder';

const fields = quoteForm.fields;

describe('branch condition builder <-> json-logic', () => {
  it('writes rows as the platform condition, always wrapped in and/or', () => {
    const builder: ConditionBuilder = { combinator: 'and', rows: [{ id: 'a', field: 'discount', operator: '<', value: 90 }] };
    expect(builderToLogic(builder, fields)).toEqual({ and: [{ '<': [{ var: 'discount' }, 90] }] });
    const or: ConditionBuilder = {
      combinator: 'or',
      rows: [
        { id: 'a', field: 'amount', operator: 'between', value: [1000, 5000] },
        { id: 'b', field: 'stage', operator: 'in', value: ['sent'] },
        { id: 'c', field: 'title', operator: 'isEmpty' },
      ],
    };
    expect(builderToLogic(or, fields)).toEqual({
      or: [{ between: [{ var: 'amount' }, 1000, 5000] }, { in: [{ var: 'stage' }, ['sent']] }, { isEmpty: [{ var: 'title' }] }],
    });
  });

  it('leaves out rows without a value, and says which they are', () => {
    const builder: ConditionBuilder = {
      combinator: 'and',
      rows: [{ id: 'a', field: 'discount', operator: '<' }, { id: 'b', field: 'amount', operator: '>=', value: 10 }],
    };
    expect(builderToLogic(builder, fields)).toEqual({ and: [{ '>=': [{ var: 'amount' }, 10] }] });
    expect(incompleteRows(builder, fields).map((row) => row.id)).toEqual(['a']);
  });

  it('reads stored conditions back into rows, round trip', () => {
    const stored = { and: [{ '<': [{ var: 'discount' }, 90] }, { '==': [{ var: 'title' }, '大单'] }] };
    const builder = logicToBuilder(stored, fields, (i) => `id${i}`);
    expect(builder).toEqual({
      combinator: 'and',
      rows: [{ id: 'id0', field: 'discount', operator: '<', value: 90 }, { id: 'id1', field: 'title', operator: '==', value: '大单' }],
    });
    expect(builderToLogic(builder!, fields)).toEqual(stored);
    // A bare clause (as the CRM package ships it) becomes one row; no condition is an empty builder.
    expect(logicToBuilder({ '<': [{ var: 'discount' }, 90] }, fields)?.rows).toHaveLength(1);
    expect(logicToBuilder(null, fields)).toEqual({ combinator: 'and', rows: [] });
    expect(logicToBuilder({ or: [] }, fields)).toEqual({ combinator: 'or', rows: [] });
    expect(logicToBuilder({ or: [{ isNotEmpty: [{ var: 'owner' }] }] }, fields)?.rows[0]).toMatchObject({ field: 'owner', operator: 'isNotEmpty' });
  });

  it('gives up (JSON editing) on what rows cannot say exactly', () => {
    const cannot = [
      { and: [{ or: [{ '<': [{ var: 'discount' }, 90] }] }] }, // nesting
      { '!': { '<': [{ var: 'discount' }, 90] } }, // negation
      { '<': [{ var: 'discount' }, '90'] }, // a number field compared with text
      { '==': [{ var: 'unknown_field' }, 1] }, // a field the form lacks
      { contains: [{ var: 'discount' }, 1] }, // an operator the field does not take
      { '==': [{ var: 'owner' }, { var: '$user.id' }] }, // a variable
      { and: [{ '<': [{ var: 'discount' }, 90] }], or: [] }, // two operators
    ];
    for (const condition of cannot) expect(logicToBuilder(condition, fields)).toBeNull();
  });

  it('offers only value fields that conditions can test', () => {
    expect(conditionFields(fields).map((field) => field.key)).toEqual(['title', 'discount', 'amount', 'stage', 'owner', 'dept', 'valid_until']);
  });

  it('offers the parts of an address and reads them back from a stored condition', () => {
    const withAddress = [...fields, { key: 'site', type: 'address', label: { 'zh-CN': '地址', 'en-US': 'Site' } }] as typeof fields;
    expect(conditionFields(withAddress).map((field) => field.key).slice(-5)).toEqual(['site', 'site.province', 'site.city', 'site.district', 'site.detail']);
    const builder: ConditionBuilder = {
      combinator: 'or',
      rows: [
        { id: 'a', field: 'site.city', operator: 'in', value: ['杭州市', '宁波市'] },
        { id: 'b', field: 'site.detail', operator: 'contains', value: '西湖' },
      ],
    };
    const logic = builderToLogic(builder, conditionFields(withAddress));
    expect(logic).toEqual({ or: [{ in: [{ var: 'site.city' }, ['杭州市', '宁波市']] }, { contains: [{ var: 'site.detail' }, '西湖'] }] });
    expect(logicToBuilder(logic, withAddress, (index) => ['a', 'b'][index])).toEqual(builder);
  });

  it('tells empty conditions and equal conditions', () => {
    expect(isEmptyCondition({ and: [] })).toBe(true);
    expect(isEmptyCondition(null)).toBe(true);
    expect(isEmptyCondition({ and: [{ isEmpty: [{ var: 'title' }] }] })).toBe(false);
    expect(sameCondition({ and: [] }, { and: [] })).toBe(true);
    expect(sameCondition({ and: [] }, { or: [] })).toBe(false);
  });
});
