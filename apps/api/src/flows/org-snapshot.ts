import type { ApproverSource } from '@platform/flow-engine';

export type OrgUser = { id: string; managerId: string | null; departmentIds: string[]; roleIds: string[]; active: boolean; isAdmin: boolean };
export type OrgDepartment = { id: string; parentId: string | null; headUserId: string | null };

/**
 * The organisation as the flow engine needs it, synchronously: approver sources resolved to active
 * users (manager chains, department heads, roles, member fields). Pure over a loaded snapshot.
 */
export class OrgSnapshot {
  private readonly users: Map<string, OrgUser>;
  private readonly departments: Map<string, OrgDepartment>;

  constructor(users: OrgUser[], departments: OrgDepartment[]) {
    this.users = new Map(users.map((u) => [u.id, u]));
    this.departments = new Map(departments.map((d) => [d.id, d]));
  }

  get adminUserId(): string | null {
    for (const u of this.users.values()) if (u.isAdmin && u.active) return u.id;
    return null;
  }

  private active(ids: (string | null | undefined)[]): string[] {
    return [...new Set(ids.filter((id): id is string => !!id && !!this.users.get(id)?.active))];
  }

  /** The head of the user's main department, `level` - 1 departments up (skipping the user themself). */
  departmentHead(userId: string, level = 1): string | null {
    let dept = this.departments.get(this.users.get(userId)?.departmentIds[0] ?? '');
    for (let i = 1; i < level && dept; i++) dept = dept.parentId ? this.departments.get(dept.parentId) : undefined;
    while (dept && (!dept.headUserId || dept.headUserId === userId)) dept = dept.parentId ? this.departments.get(dept.parentId) : undefined;
    return dept?.headUserId ?? null;
  }

  /** `managerId` followed `level` steps up; where a manager is missing, the department head stands in. */
  managerOf(userId: string, level = 1): string | null {
    let current: string | null = userId;
    for (let i = 0; i < level && current; i++) {
      const u: OrgUser | undefined = this.users.get(current);
      current = u?.managerId ?? this.departmentHead(current, 1);
    }
    return current && current !== userId ? current : null;
  }

  resolve(source: ApproverSource, initiatorId: string, record: Record<string, unknown>): string[] {
    switch (source.source) {
      case 'users':
        return this.active(source.userIds);
      case 'roles':
        return this.active([...this.users.values()].filter((u) => u.roleIds.some((r) => source.roleIds.includes(r))).map((u) => u.id));
      case 'manager':
        return this.active([this.managerOf(initiatorId, source.level ?? 1)]);
      case 'departmentHead':
        return this.active([this.departmentHead(initiatorId, source.level ?? 1)]);
      case 'field': {
        const v = record[source.fieldKey];
        const ids = Array.isArray(v) ? v : [v];
        // A department field means its head.
        return this.active(ids.map((id) => (typeof id !== 'string' ? null : this.users.has(id) ? id : this.departments.get(id)?.headUserId ?? null)));
      }
      case 'initiator':
        return this.active([initiatorId]);
      case 'initiatorPicks':
        return [];
    }
  }
}
