import type { Department } from '../api/types';

export type DepartmentNode = { value: string; title: string; children: DepartmentNode[] };

/**
 * The flat department list as a tree for TreeSelect. A department whose parent is unknown (hidden or
 * deleted) becomes a root; a cycle in bad data is cut rather than looping.
 */
export function buildDepartmentTree(departments: readonly Department[]): DepartmentNode[] {
  const nodes = new Map<string, DepartmentNode>();
  for (const department of departments) nodes.set(department.id, { value: department.id, title: department.name, children: [] });

  const parentOf = new Map(departments.map((department) => [department.id, department.parentId]));
  const createsCycle = (id: string): boolean => {
    const seen = new Set<string>([id]);
    let current = parentOf.get(id) ?? null;
    while (current) {
      if (seen.has(current)) return true;
      seen.add(current);
      current = parentOf.get(current) ?? null;
    }
    return false;
  };

  const roots: DepartmentNode[] = [];
  for (const department of departments) {
    const node = nodes.get(department.id);
    if (!node) continue;
    const parent = department.parentId ? nodes.get(department.parentId) : undefined;
    if (parent && !createsCycle(department.id)) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}

/** "总部 / 销售部 / 华东区": a department's path from the root. */
export function departmentPath(departments: readonly Department[], id: string): string {
  const byId = new Map(departments.map((department) => [department.id, department]));
  const names: string[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    names.unshift(current.name);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return names.join(' / ');
}
