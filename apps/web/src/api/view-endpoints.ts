import type { ViewDefinition } from '@platform/schema';
import { api } from './client';
import type { ListResponse, RecordData } from './types';

/** A saved view as GET .../views answers it (docs/views.md). */
export type SavedView = ViewDefinition & {
  id: string;
  /** The caller's own view; false: shared with every reader of the form. */
  personal: boolean;
  ownerId: string | null;
  /** Whether the caller may change or delete it. */
  editable: boolean;
  createdAt: string;
  updatedAt: string;
};

/** What POST and PATCH take: a view document without its form, and whether it is personal. */
export type ViewInput = Partial<Omit<ViewDefinition, 'formKey' | 'filter' | 'frozenColumns' | 'groupField' | 'columnWidths'>> & {
  filter?: ViewDefinition['filter'];
  frozenColumns?: number | null;
  groupField?: string | null;
  columnWidths?: Record<string, number> | null;
  personal?: boolean;
};

export type BulkFailure = { id: string; status: number; code: string; message: string; details?: { issues?: { path: (string | number)[]; code: string; message: string }[] } };
export type BulkResult = { succeeded: string[]; failed: BulkFailure[] };

const seg = encodeURIComponent;
const formPath = (appKey: string, formKey: string) => `/api/apps/${seg(appKey)}/forms/${seg(formKey)}`;

export const viewsQueryKey = (appKey: string, formKey: string) => ['views', appKey, formKey] as const;

export const fetchViews = (appKey: string, formKey: string) => api.get<ListResponse<SavedView>>(`${formPath(appKey, formKey)}/views`);

export const createView = (appKey: string, formKey: string, body: ViewInput) => api.post<SavedView>(`${formPath(appKey, formKey)}/views`, body);

export const updateView = (appKey: string, formKey: string, viewKey: string, patch: ViewInput) =>
  api.patch<SavedView>(`${formPath(appKey, formKey)}/views/${seg(viewKey)}`, patch);

export const deleteView = (appKey: string, formKey: string, viewKey: string) => api.delete(`${formPath(appKey, formKey)}/views/${seg(viewKey)}`);

export const bulkUpdateRecords = (appKey: string, formKey: string, ids: string[], data: RecordData) =>
  api.post<BulkResult>(`${formPath(appKey, formKey)}/records/bulk-update`, { ids, data });

export const bulkDeleteRecords = (appKey: string, formKey: string, ids: string[]) =>
  api.post<BulkResult>(`${formPath(appKey, formKey)}/records/bulk-delete`, { ids });
