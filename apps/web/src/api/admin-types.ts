import type { Condition, DataScope, FieldPermissions, GrantAction } from '@platform/schema';

export type { DataScope, FieldPermissions, GrantAction };

/** A user as /api/users answers it (the password is write-only). */
export type AdminUser = {
  id: string;
  username: string;
  name: string;
  /** The first is the user's main department. */
  departmentIds: string[];
  managerId: string | null;
  roleIds: string[];
  active: boolean;
  isAdmin: boolean;
};

export type UserInput = {
  username?: string;
  name?: string;
  password?: string;
  departmentIds?: string[];
  managerId?: string | null;
  roleIds?: string[];
  active?: boolean;
  isAdmin?: boolean;
};

export type AdminDepartment = { id: string; name: string; parentId: string | null; headUserId: string | null };

export type DepartmentInput = { name?: string; parentId?: string | null; headUserId?: string | null };

export type Role = { id: string; name: string; description?: string | null };

export type RoleGrant = {
  appKey: string;
  formKey: string;
  actions: GrantAction[];
  scope: DataScope | { type: 'custom'; condition?: Condition };
  fields?: FieldPermissions;
};

export type RoleDetail = Role & { grants?: RoleGrant[] | null };

export type AuditTargetType = 'record' | 'form' | 'app' | 'role' | 'user' | 'auth' | string;

export type AuditEntry = {
  id: string;
  at: string;
  actorId: string | null;
  action: string;
  target: { type: AuditTargetType; appKey?: string | null; formKey?: string | null; id?: string | null };
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  ip?: string | null;
};

export type AuditQuery = {
  appKey?: string;
  formKey?: string;
  recordId?: string;
  actorId?: string;
  action?: string;
  after?: string | null;
  limit?: number;
};

export type HandoverRequest = { fromUserId: string; toUserId: string; dryRun: boolean };

export type HandoverResult = {
  dryRun: boolean;
  records: { appKey: string; formKey: string; count: number }[];
  tasks: number;
  todos: number;
};
