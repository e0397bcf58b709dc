import { api } from './client';
import type { ListResponse } from './types';
import type {
  AdminDepartment, AdminUser, AuditEntry, AuditQuery, DepartmentInput, HandoverRequest, HandoverResult, Role, RoleDetail,
  RoleGrant, UserInput,
} from './admin-types';

const seg = encodeURIComponent;

// ---- users ----

export const listAdminUsers = (params: { q?: string; after?: string | null; limit?: number }, signal?: AbortSignal) =>
  api.get<ListResponse<AdminUser>>('/api/users', { query: { limit: params.limit ?? 50, after: params.after, q: params.q || undefined }, signal });

export const createUser = (input: UserInput) => api.post<AdminUser>('/api/users', input);

export const updateUser = (id: string, input: UserInput) => api.patch<AdminUser>(`/api/users/${seg(id)}`, input);

// ---- departments ----

export const listAdminDepartments = () => api.get<ListResponse<AdminDepartment>>('/api/departments');

export const createDepartment = (input: DepartmentInput) => api.post<AdminDepartment>('/api/departments', input);

export const updateDepartment = (id: string, input: DepartmentInput) => api.patch<AdminDepartment>(`/api/departments/${seg(id)}`, input);

export const deleteDepartment = (id: string) => api.delete(`/api/departments/${seg(id)}`);

// ---- roles ----

export const listRoles = () => api.get<ListResponse<Role>>('/api/roles');

export const fetchRole = (id: string) => api.get<RoleDetail>(`/api/roles/${seg(id)}`);

export const createRole = (input: { name: string; description?: string }) => api.post<RoleDetail>('/api/roles', input);

export const updateRole = (id: string, input: { name?: string; description?: string }) => api.patch<RoleDetail>(`/api/roles/${seg(id)}`, input);

export const deleteRole = (id: string) => api.delete(`/api/roles/${seg(id)}`);

/** Replaces every grant of the role: the body is a bare array. */
export const replaceRoleGrants = (id: string, grants: RoleGrant[]) => api.put<RoleDetail>(`/api/roles/${seg(id)}/grants`, grants);

// ---- audit and handover ----

export const fetchAudit = (query: AuditQuery, signal?: AbortSignal) =>
  api.get<ListResponse<AuditEntry>>('/api/audit', {
    query: {
      appKey: query.appKey || undefined,
      formKey: query.formKey || undefined,
      recordId: query.recordId || undefined,
      actorId: query.actorId || undefined,
      action: query.action || undefined,
      after: query.after || undefined,
      limit: query.limit,
    },
    signal,
  });

export const runHandover = (request: HandoverRequest) => api.post<HandoverResult>('/api/handover', request);
