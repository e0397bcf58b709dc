import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchDepartments, fetchUsers } from '../api/endpoints';
import type { Department, UserSummary } from '../api/types';

const LOOKUP_STALE_MS = 5 * 60 * 1000;

/** Users for member fields (GET /api/users?limit=500), cached for the session. */
export function useUsers(): { users: UserSummary[]; userName: (id: string) => string | undefined } {
  const query = useQuery({ queryKey: ['users'], queryFn: fetchUsers, staleTime: LOOKUP_STALE_MS, retry: false });
  return useMemo(() => {
    const users = query.data?.items ?? [];
    const names = new Map(users.map((user) => [user.id, user.name || user.username]));
    return { users, userName: (id: string) => names.get(id) };
  }, [query.data]);
}

/** Departments for department fields (GET /api/departments, flat with parentId), cached for the session. */
export function useDepartments(): { departments: Department[]; departmentName: (id: string) => string | undefined } {
  const query = useQuery({ queryKey: ['departments'], queryFn: fetchDepartments, staleTime: LOOKUP_STALE_MS, retry: false });
  return useMemo(() => {
    const departments = query.data?.items ?? [];
    const names = new Map(departments.map((department) => [department.id, department.name]));
    return { departments, departmentName: (id: string) => names.get(id) };
  }, [query.data]);
}
