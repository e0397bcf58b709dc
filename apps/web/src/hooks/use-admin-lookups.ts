import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { listAdminDepartments, listRoles } from '../api/admin-endpoints';
import type { AdminDepartment, Role } from '../api/admin-types';

/** Departments with their heads; shares its cache with the department lookups of record forms. */
export function useAdminDepartments() {
  const query = useQuery({ queryKey: ['departments'], queryFn: listAdminDepartments, staleTime: 30 * 1000 });
  return useMemo(() => {
    const departments = (query.data?.items ?? []) as AdminDepartment[];
    const byId = new Map(departments.map((department) => [department.id, department]));
    return { ...query, departments, departmentById: (id: string) => byId.get(id) };
  }, [query]);
}

export function useRoles() {
  const query = useQuery({ queryKey: ['roles'], queryFn: listRoles, staleTime: 30 * 1000 });
  return useMemo(() => {
    const roles: Role[] = query.data?.items ?? [];
    const byId = new Map(roles.map((role) => [role.id, role]));
    return { ...query, roles, roleById: (id: string) => byId.get(id) };
  }, [query]);
}
