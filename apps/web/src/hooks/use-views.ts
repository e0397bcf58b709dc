import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createView, deleteView, fetchViews, updateView, viewsQueryKey, type SavedView, type ViewInput } from '../api/view-endpoints';

/** A form's saved views (shared ones first, then the user's own) and the calls that change them. */
export function useViews(appKey: string, formKey: string, enabled = true) {
  const queryClient = useQueryClient();
  const key = viewsQueryKey(appKey, formKey);
  const query = useQuery({ queryKey: key, queryFn: () => fetchViews(appKey, formKey), enabled, staleTime: 60_000 });
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });
  const create = useMutation({
    mutationFn: (body: ViewInput) => createView(appKey, formKey, body),
    onSuccess: (view: SavedView) => {
      queryClient.setQueryData(key, (old: { items: SavedView[] } | undefined) => (old ? { ...old, items: [...old.items, view] } : old));
      void refresh();
    },
  });
  const update = useMutation({
    mutationFn: ({ viewKey, patch }: { viewKey: string; patch: ViewInput }) => updateView(appKey, formKey, viewKey, patch),
    onSuccess: (view: SavedView) => {
      queryClient.setQueryData(key, (old: { items: SavedView[] } | undefined) => (old ? { ...old, items: old.items.map((v) => (v.key === view.key ? view : v)) } : old));
      void refresh();
    },
  });
  const remove = useMutation({
    mutationFn: (viewKey: string) => deleteView(appKey, formKey, viewKey),
    onSuccess: (_: unknown, viewKey: string) => {
      queryClient.setQueryData(key, (old: { items: SavedView[] } | undefined) => (old ? { ...old, items: old.items.filter((v) => v.key !== viewKey) } : old));
      void refresh();
    },
  });
  return { views: query.data?.items ?? [], isLoading: query.isLoading, error: query.error, create, update, remove };
}
