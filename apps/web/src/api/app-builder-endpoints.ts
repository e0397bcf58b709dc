import type { LocalizedText, NavigationItem, SchemaIssue } from '@platform/schema';
import { api } from './client';
import type { AppDetail, FormDefinition, FormMeta } from './types';

const seg = encodeURIComponent;
const appPath = (appKey: string) => `/api/apps/${seg(appKey)}`;

/** The app builder's unpublished changes to the app itself. */
export type AppDraft = { name: LocalizedText; description?: LocalizedText; icon?: string; navigation: NavigationItem[] };
export type FormDraftSummary = { key: string; name: LocalizedText; isNew: boolean; baseVersion: number | null; version: number | null; stale: boolean; updatedAt: string };
/** GET /api/apps/{app}/draft: what publishing would apply. */
export type AppDrafts = { published: boolean; app: AppDraft | null; forms: FormDraftSummary[] };
export type FormDraftView = { key: string; definition: FormDefinition; baseVersion: number | null; updatedAt: string; updatedBy: string };

export const appDraftsKey = (appKey: string) => ['app-drafts', appKey] as const;

export const createApp = (body: { key: string; name: LocalizedText; icon?: string; description?: LocalizedText; published: boolean }) =>
  api.post<AppDetail>('/api/apps', body);

export const fetchAppDrafts = (appKey: string) => api.get<AppDrafts>(`${appPath(appKey)}/draft`);

export const saveAppDraft = (appKey: string, body: Partial<Omit<AppDraft, 'description' | 'icon'>> & { description?: LocalizedText | null; icon?: string | null }) =>
  api.put<AppDrafts>(`${appPath(appKey)}/draft`, body);

export const discardAppDraft = (appKey: string) => api.delete<void>(`${appPath(appKey)}/draft`);

/** DELETE /api/apps/{app}/drafts: what went (the builder's changes, and which form drafts). */
export type DiscardedDrafts = { app: boolean; forms: string[] };

/** Discards the builder's changes and every form draft of the app, in one go. */
export const discardAllDrafts = (appKey: string) => api.delete<DiscardedDrafts>(`${appPath(appKey)}/drafts`);

/** Publishes every draft of the app (or only `forms`) and the app builder's changes. */
export const publishApp = (appKey: string, forms?: string[]) =>
  api.post<{ app: AppDetail; forms: FormMeta[] }>(`${appPath(appKey)}/publish`, forms ? { forms } : {});

export const formDraftKey = (appKey: string, formKey: string) => ['form-draft', appKey, formKey] as const;

export const fetchFormDraft = (appKey: string, formKey: string) => api.get<FormDraftView>(`${appPath(appKey)}/forms/${seg(formKey)}/draft`);

/** Keeps a form document unpublished; the answer lists what a publish would refuse. */
export const saveFormDraft = (appKey: string, formKey: string, body: object & { version?: number }) =>
  api.put<FormDraftView & { issues: SchemaIssue[] }>(`${appPath(appKey)}/forms/${seg(formKey)}/draft`, body);

export const discardFormDraft = (appKey: string, formKey: string) => api.delete<void>(`${appPath(appKey)}/forms/${seg(formKey)}/draft`);
