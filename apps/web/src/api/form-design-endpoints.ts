import { api } from './client';
import type { NavigationItem, SchemaIssue } from '@platform/schema';
import type { AppDetail, FormMeta, RecordPage, RecordQuery } from './types';
import type { FieldTypeInfo, FormDraft } from '../lib/form-designer/types';

const seg = encodeURIComponent;
const formsPath = (appKey: string) => `/api/apps/${seg(appKey)}/forms`;

/** Every field type with its labels, options JSON Schema and flags (GET /api/field-types). */
export const fetchFieldTypes = () => api.get<FieldTypeInfo[]>('/api/field-types');

export const fieldTypesKey = ['field-types'] as const;

/** One form as stored now (with its version), for the designer. */
export const fetchFormDefinition = (appKey: string, formKey: string) => api.get<FormMeta>(`${formsPath(appKey)}/${seg(formKey)}`);

export const formDefinitionKey = (appKey: string, formKey: string) => ['form-definition', appKey, formKey] as const;

/** A new form: version 1, a table of its own. */
export const createFormDefinition = (appKey: string, draft: FormDraft) => api.post<FormMeta>(formsPath(appKey), draft);

/** A new version of a form; `version` is the one the designer started from (409 when someone saved since). */
export const saveFormDefinition = (appKey: string, formKey: string, body: FormDraft & { version: number }) =>
  api.patch<FormMeta & { jobs?: { id: string; type: string; field: string }[] }>(`${formsPath(appKey)}/${seg(formKey)}`, body);

/** What a save of this draft would refuse, without saving (the checks the browser cannot run). */
export const checkFormDefinition = (appKey: string, draft: FormDraft, signal?: AbortSignal) =>
  api.post<{ issues: SchemaIssue[] }>(`${formsPath(appKey)}/check`, draft, { signal });

/** How many records match a query (its `total`): the records a destructive change touches. */
export const countRecords = (appKey: string, formKey: string, body: RecordQuery) =>
  api.post<RecordPage>(`${formsPath(appKey)}/${seg(formKey)}/records/query`, body).then((page) => page.total);

/** The app's menu, given a new form. */
export const saveAppNavigation = (appKey: string, navigation: NavigationItem[]) =>
  api.patch<AppDetail>(`/api/apps/${seg(appKey)}`, { navigation });
