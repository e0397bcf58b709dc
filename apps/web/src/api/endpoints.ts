import { api } from './client';
import type {
  AppDetail, AppSummary, CurrentUser, Department, FormMeta, ListResponse, LoginResponse, RecordData,
  RecordItem, RecordPage, RecordQuery, UserSummary,
} from './types';

const seg = encodeURIComponent;
const formPath = (appKey: string, formKey: string) => `/api/apps/${seg(appKey)}/forms/${seg(formKey)}`;

export const login = (username: string, password: string) =>
  api.post<LoginResponse>('/api/auth/login', { username, password }, { skipAuthRedirect: true });

export const logout = () => api.post<void>('/api/auth/logout', undefined, { skipAuthRedirect: true });

export const fetchMe = () => api.get<CurrentUser>('/api/auth/me', { skipAuthRedirect: true });

export const fetchApps = () => api.get<ListResponse<AppSummary>>('/api/apps');

export const fetchApp = (appKey: string) => api.get<AppDetail>(`/api/apps/${seg(appKey)}`);

export const fetchForms = (appKey: string) => api.get<ListResponse<FormMeta>>(`/api/apps/${seg(appKey)}/forms`);

export const queryRecords = (appKey: string, formKey: string, body: RecordQuery, signal?: AbortSignal) =>
  api.post<RecordPage>(`${formPath(appKey, formKey)}/records/query`, body, { signal });

export const fetchRecord = (appKey: string, formKey: string, id: string) =>
  api.get<RecordItem>(`${formPath(appKey, formKey)}/records/${seg(id)}`);

export const createRecord = (appKey: string, formKey: string, data: RecordData) =>
  api.post<RecordItem>(`${formPath(appKey, formKey)}/records`, { data });

export const updateRecord = (appKey: string, formKey: string, id: string, data: RecordData, version: number) =>
  api.patch<RecordItem>(`${formPath(appKey, formKey)}/records/${seg(id)}`, { data, version });

export const deleteRecord = (appKey: string, formKey: string, id: string) =>
  api.delete(`${formPath(appKey, formKey)}/records/${seg(id)}`);

export const fetchUsers = () => api.get<ListResponse<UserSummary>>('/api/users', { query: { limit: 500 } });

export const fetchDepartments = () => api.get<ListResponse<Department>>('/api/departments');
