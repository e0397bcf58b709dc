import type { AdminDepartment } from '../api/admin-types';

/** A node of the administration tree: the department and its sub-departments, sorted as the API sent them. */
export type DepartmentTreeNode = {
  key: string;
  department: AdminDepartment;
  depth: number;
  children: DepartmentTreeNode[];
};

/**
 * The flat list of GET /api/departments as a tree. A department whose parent is missing becomes a root,
 * and a cycle in bad data is cut (its members become roots) rather than looping.
 */
export function buildDepartmentAdminTree(departments: readonly AdminDepartment[]): DepartmentTreeNode[] {
  const byId = new Map(departments.map((department) => [department.id, department]));
  const children = new Map<string | null, AdminDepartment[]>();
  const reachesRoot = (department: AdminDepartment): boolean => {
    const seen = new Set<string>([department.id]);
    let parentId = department.parentId;
    while (parentId) {
      const parent = byId.get(parentId);
      if (!parent) return true;
      if (seen.has(parent.id)) return false;
      seen.add(parent.id);
      parentId = parent.parentId;
    }
    return true;
  };
  for (const department of departments) {
    const parentKnown = department.parentId !== null && byId.has(department.parentId);
    const parentId = parentKnown && reachesRoot(department) ? department.parentId : null;
    children.set(parentId, [...(children.get(parentId) ?? []), department]);
  }
  const build = (parentId: string | null, depth: number): DepartmentTreeNode[] =>
    (children.get(parentId) ?? []).map((department) => ({
      key: department.id,
      department,
      depth,
      children: build(department.id, depth + 1),
    }));
  return build(null, 0);
}

/** Ids of a department's sub-departments at every depth (not the department itself). */
export function descendantIds(departments: readonly AdminDepartment[], id: string): Set<string> {
  const childrenOf = new Map<string, string[]>();
  for (const department of departments) {
    if (department.parentId) childrenOf.set(department.parentId, [...(childrenOf.get(department.parentId) ?? []), department.id]);
  }
  const result = new Set<string>();
  const stack = [...(childrenOf.get(id) ?? [])];
  while (stack.length > 0) {
    const next = stack.pop() as string;
    if (result.has(next) || next === id) continue;
    result.add(next);
    stack.push(...(childrenOf.get(next) ?? []));
  }
  return result;
}

/** Where a department may move: anywhere but itself and its own sub-departments. */
export function moveTargets(departments: readonly AdminDepartment[], id: string): AdminDepartment[] {
  const excluded = descendantIds(departments, id);
  excluded.add(id);
  return departments.filter((department) => !excluded.has(department.id));
}

/** Keys of every node, for expanding the whole tree. */
export function allNodeKeys(nodes: readonly DepartmentTreeNode[]): string[] {
  return nodes.flatMap((node) => [node.key, ...allNodeKeys(node.children)]);
}

/** A user's departmentIds as the API takes them: the main department first, then the others as picked. */
export function orderedDepartmentIds(departmentIds: readonly string[] | undefined, mainId: string | undefined): string[] {
  const ids = [...new Set(departmentIds ?? [])];
  if (!mainId || !ids.includes(mainId)) return ids;
  return [mainId, ...ids.filter((id) => id !== mainId)];
}
