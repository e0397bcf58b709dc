import { useQuery } from '@tanstack/react-query';
import { fetchMe } from '../api/endpoints';
import { isApiError } from '../api/client';

export const ME_QUERY_KEY = ['me'] as const;

/** GET /api/auth/me: who is signed in (401 means nobody; the login screen shows). */
export function useCurrentUser() {
  const query = useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, retry: false, staleTime: Infinity });
  const unauthenticated = isApiError(query.error) && query.error.status === 401;
  return { ...query, user: query.data, unauthenticated };
}
