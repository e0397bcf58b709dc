import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { fetchApp, fetchForms } from '../api/endpoints';
import type { AppDetail, FormMeta } from '../api/types';

const META_STALE_MS = 60 * 1000;

export function appQueryOptions(appKey: string) {
  return { queryKey: ['app', appKey], queryFn: () => fetchApp(appKey), staleTime: META_STALE_MS };
}

export function formsQueryOptions(appKey: string) {
  return { queryKey: ['forms', appKey], queryFn: () => fetchForms(appKey), staleTime: META_STALE_MS };
}

/** The app and its forms (one request each, shared by the shell, the list and the record drawer). */
export function useAppMeta(appKey: string) {
  const app = useQuery(appQueryOptions(appKey));
  const forms = useQuery(formsQueryOptions(appKey));
  const formList = useMemo<FormMeta[]>(() => forms.data?.items ?? [], [forms.data]);
  return {
    app: app.data as AppDetail | undefined,
    forms: formList,
    formByKey: (key: string | undefined) => formList.find((form) => form.key === key),
    isLoading: app.isLoading || forms.isLoading,
    error: app.error ?? forms.error,
    refetch: () => {
      void app.refetch();
      void forms.refetch();
    },
  };
}
