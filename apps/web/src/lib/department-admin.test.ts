import { describe, expect, it } from 'vitest';
import type { AdminDepartment } from '../api/admin-types';
import { allNodeKeys, buildDepartmentAdminTree, descendantIds, moveTargets, orderedDepartmentIds } from './department-admin';

const dept = (id: string, parentId: string | null, name = id): AdminDepartment => ({ id, name, parentId, headUserId: null });

const departments = [
  dept('hq', null, '总部'),
  dept('sales', 'hq', '销售部'),
  dept('east', 'sales', '华东区'),
  dept('west', 'sales', '华西区'),
  dept('rd', 'hq', '研发部'),
  dept('orphan', 'missing', '孤儿'),
  dept('c1', 'c2'),
  dept('c2', 'c1'),
];

describe('department administration tree', () => {
  it('nests departments under their parents in the order given, with depths', () => {
    const tree = buildDepartmentAdminTree(departments);
    expect(tree.map((node) => node.key)).toEqual(['hq', 'orphan', 'c1', 'c2']);
    const hq = tree[0];
    expect(hq.children.map((node) => node.department.name)).toEqual(['销售部', '研发部']);
    expect(hq.children[0].children.map((node) => [node.key, node.depth])).toEqual([['east', 2], ['west', 2]]);
    expect(allNodeKeys(tree)).toHaveLength(departments.length);
  });

  it('lists every descendant and never a department under itself', () => {
    expect([...descendantIds(departments, 'hq')].sort()).toEqual(['east', 'rd', 'sales', 'west']);
    expect([...descendantIds(departments, 'east')]).toEqual([]);
    expect([...descendantIds(departments, 'c1')]).toEqual(['c2']);
    expect(moveTargets(departments, 'sales').map((department) => department.id)).toEqual(['hq', 'rd', 'orphan', 'c1', 'c2']);
  });

  it('puts the main department first', () => {
    expect(orderedDepartmentIds(['a', 'b', 'c'], 'c')).toEqual(['c', 'a', 'b']);
    expect(orderedDepartmentIds(['a', 'b'], 'x')).toEqual(['a', 'b']);
    expect(orderedDepartmentIds(undefined, undefined)).toEqual([]);
    expect(orderedDepartmentIds(['a', 'a', 'b'], undefined)).toEqual(['a', 'b']);
  });
});
