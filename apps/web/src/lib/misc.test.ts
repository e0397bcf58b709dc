import { describe, expect, it } from 'vitest';
import { buildDepartmentTree, departmentPath } from './department-tree';
import { allGroupIds, buildNavEntries, firstFormKey, groupIdsOf } from './navigation';
import { buildColumns, recordValue, systemField } from './record-columns';
import { labelText } from './label-text';
import { safeNextPath } from './safe-next-path';
import { titleFieldKey } from './field-kinds';
import { sampleForm } from '../test/sample-form';

describe('departments', () => {
  const departments = [
    { id: 'd1', name: '总部', parentId: null },
    { id: 'd2', name: '销售部', parentId: 'd1' },
    { id: 'd3', name: '华东区', parentId: 'd2' },
    { id: 'd4', name: '孤儿', parentId: 'missing' },
    { id: 'x1', name: '环A', parentId: 'x2' },
    { id: 'x2', name: '环B', parentId: 'x1' },
  ];

  it('builds a tree, keeping orphans and cutting cycles as roots', () => {
    const tree = buildDepartmentTree(departments);
    expect(tree.map((node) => node.value)).toEqual(['d1', 'd4', 'x1', 'x2']);
    expect(tree[0].children[0].children[0].title).toBe('华东区');
  });

  it('names a department by its path', () => {
    expect(departmentPath(departments, 'd3')).toBe('总部 / 销售部 / 华东区');
    expect(departmentPath(departments, 'x1')).toBe('环B / 环A');
  });
});

describe('navigation', () => {
  const forms = [{ key: 'lead', name: '线索' }, { key: 'account', name: '客户' }, { key: 'deal', name: '商机' }];

  it('resolves groups and forms, dropping forms the user cannot see and empty groups', () => {
    const entries = buildNavEntries(
      [
        { type: 'group', label: { 'zh-CN': '销售', 'en-US': 'Sales' }, children: [{ type: 'form', formKey: 'lead' }, { type: 'form', formKey: 'secret' }] },
        { type: 'group', label: '空', children: [{ type: 'form', formKey: 'hidden' }] },
        { type: 'form', formKey: 'account' },
      ],
      forms,
    );
    expect(entries).toEqual([
      { kind: 'group', id: 'group:0', label: { 'zh-CN': '销售', 'en-US': 'Sales' }, children: [{ kind: 'form', id: 'form:lead', formKey: 'lead', label: '线索' }] },
      { kind: 'form', id: 'form:account', formKey: 'account', label: '客户' },
    ]);
    expect(groupIdsOf(entries, 'lead')).toEqual(['group:0']);
    expect(allGroupIds(entries)).toEqual(['group:0']);
    expect(firstFormKey([{ type: 'group', label: 'g', children: [{ type: 'form', formKey: 'deal' }] }], forms)).toBe('deal');
  });

  it('lists every form when the app has no navigation', () => {
    expect(buildNavEntries(undefined, forms).map((entry) => entry.id)).toEqual(['form:lead', 'form:account', 'form:deal']);
    expect(firstFormKey([], [])).toBeUndefined();
  });
});

describe('columns', () => {
  it('has a column per value field plus createdAt, and reads system values beside data', () => {
    const columns = buildColumns(sampleForm.fields, [systemField('createdAt', '创建时间')]);
    const keys = columns.map((column) => column.key);
    expect(keys).not.toContain('basics');
    expect(keys).not.toContain('intro');
    expect(keys[0]).toBe('name');
    expect(keys[keys.length - 1]).toBe('createdAt');
    expect(columns.find((column) => column.key === 'tags')?.sortable).toBe(false);
    expect(columns.find((column) => column.key === 'amount')?.sortable).toBe(true);
    const record = { id: 'r', data: { name: 'A' }, version: 1, createdAt: '2024-01-01T00:00:00Z', updatedAt: '', createdBy: null, ownerId: 'u1' };
    expect(recordValue(record, 'createdAt')).toBe('2024-01-01T00:00:00Z');
    expect(recordValue(record, 'name')).toBe('A');
  });

  it('finds the title field', () => {
    expect(titleFieldKey(sampleForm.fields, 'name')).toBe('name');
    expect(titleFieldKey(sampleForm.fields, 'nope')).toBe('name');
    expect(titleFieldKey([{ key: 'n', type: 'number', label: 'n' }])).toBe('n');
  });
});

describe('small helpers', () => {
  it('picks the label for the locale with fallbacks', () => {
    expect(labelText({ 'zh-CN': '金额', 'en-US': 'Amount' }, 'en-US')).toBe('Amount');
    expect(labelText({ 'zh-CN': '金额' }, 'en-US')).toBe('金额');
    expect(labelText('金额', 'en-US')).toBe('金额');
    expect(labelText(undefined, 'zh-CN')).toBe('');
  });

  it('follows only same-site paths after login', () => {
    expect(safeNextPath('/apps/crm')).toBe('/apps/crm');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
  });
});
