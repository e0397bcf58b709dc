import type { FlowInstance, InboxBox, InboxPage, InboxTask } from '../api/flow-types';

export const INBOX_BOXES: readonly InboxBox[] = ['todo', 'done', 'started', 'cc'];

/** Every inbox query lives under this prefix: the live events and every action invalidate it at once. */
export const INBOX_KEY = ['inbox'] as const;
export const inboxQueryKey = (box: InboxBox) => ['inbox', 'box', box] as const;
export const INBOX_COUNTS_KEY = ['inbox', 'counts'] as const;

export function isInboxBox(value: unknown): value is InboxBox {
  return typeof value === 'string' && (INBOX_BOXES as readonly string[]).includes(value);
}

/** Past its due time (and still open). */
export function isOverdue(task: { dueAt: string | null; status?: string }, now: number = Date.now()): boolean {
  if (!task.dueAt || (task.status !== undefined && task.status !== 'todo')) return false;
  const due = Date.parse(task.dueAt);
  return Number.isFinite(due) && due < now;
}

/** The rows of all loaded pages in order, each id once (a row met twice because the box changed between pages). */
export function flattenInboxPages<T extends { id: string }>(pages: readonly InboxPage<T>[] | undefined): T[] {
  const seen = new Set<string>();
  const rows: T[] = [];
  for (const page of pages ?? []) {
    for (const item of page.items) {
      if (seen.has(item.id)) continue;
      seen.add(item.id);
      rows.push(item);
    }
  }
  return rows;
}

export type DetailTarget = { appKey: string; formKey: string; recordId: string };

const detailQuery = (target: DetailTarget) =>
  new URLSearchParams({ app: target.appKey, form: target.formKey, record: target.recordId }).toString();

/** The approval detail of a task (to-do, done, cc): /inbox/tasks/:taskId?app=&form=&record=. */
export function taskDetailPath(task: Pick<InboxTask, 'id' | 'appKey' | 'formKey' | 'recordId'>): string {
  return `/inbox/tasks/${encodeURIComponent(task.id)}?${detailQuery({ appKey: task.appKey, formKey: task.formKey, recordId: task.recordId })}`;
}

/** The approval detail of a flow the user started: /inbox/instances/:instanceId?app=&form=&record=. */
export function instanceDetailPath(instance: Pick<FlowInstance, 'id' | 'appKey' | 'formKey' | 'recordId'>): string {
  return `/inbox/instances/${encodeURIComponent(instance.id)}?${detailQuery({ appKey: instance.appKey, formKey: instance.formKey, recordId: instance.recordId })}`;
}

/** The record a detail link names, or null when a parameter is missing. */
export function parseDetailTarget(search: URLSearchParams): DetailTarget | null {
  const appKey = search.get('app');
  const formKey = search.get('form');
  const recordId = search.get('record');
  return appKey && formKey && recordId ? { appKey, formKey, recordId } : null;
}

/** The record path the inbox and the detail link to. */
export function recordPath(target: DetailTarget): string {
  return `/apps/${encodeURIComponent(target.appKey)}/forms/${encodeURIComponent(target.formKey)}/records/${encodeURIComponent(target.recordId)}`;
}
