import { api } from './client';
import type { ListResponse } from './types';
import type {
  FlowDefinitionSummary, FlowInstance, InboxBox, InboxPage, InboxTask, TaskActionBody,
} from './flow-types';

const seg = encodeURIComponent;
const recordPath = (appKey: string, formKey: string, id: string) =>
  `/api/apps/${seg(appKey)}/forms/${seg(formKey)}/records/${seg(id)}`;

export const INBOX_PAGE_SIZE = 20;

export function fetchInbox(box: 'started', after?: string | null, limit?: number, signal?: AbortSignal): Promise<InboxPage<FlowInstance>>;
export function fetchInbox(box: Exclude<InboxBox, 'started'>, after?: string | null, limit?: number, signal?: AbortSignal): Promise<InboxPage<InboxTask>>;
export function fetchInbox(box: InboxBox, after?: string | null, limit?: number, signal?: AbortSignal): Promise<InboxPage<InboxTask | FlowInstance>>;
export function fetchInbox(box: InboxBox, after?: string | null, limit = INBOX_PAGE_SIZE, signal?: AbortSignal) {
  return api.get<InboxPage<InboxTask | FlowInstance>>('/api/tasks', { query: { box, after: after || undefined, limit }, signal });
}

export const fetchFlows = (appKey: string) => api.get<ListResponse<FlowDefinitionSummary>>(`/api/apps/${seg(appKey)}/flows`);

export const startFlow = (appKey: string, formKey: string, recordId: string, flowKey: string, picks?: Record<string, string[]>) =>
  api.post<FlowInstance>(`${recordPath(appKey, formKey, recordId)}/flow`, picks && Object.keys(picks).length > 0 ? { flowKey, picks } : { flowKey });

/** The record's latest flow instance, or null when it never went through one (the API answers 404). */
export const fetchRecordFlow = async (appKey: string, formKey: string, recordId: string): Promise<FlowInstance | null> => {
  try {
    return await api.get<FlowInstance>(`${recordPath(appKey, formKey, recordId)}/flow`);
  } catch (error) {
    if (error && typeof error === 'object' && 'status' in error && (error as { status: number }).status === 404) return null;
    throw error;
  }
};

export const actOnTask = (taskId: string, body: TaskActionBody) => api.post<FlowInstance>(`/api/tasks/${seg(taskId)}/actions`, body);

export const withdrawFlow = (instanceId: string, comment?: string) =>
  api.post<FlowInstance>(`/api/flow-instances/${seg(instanceId)}/withdraw`, comment ? { comment } : {});
