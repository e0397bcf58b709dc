import type { LocalizedText } from './types';

/** Where a flow instance stands (API.md "Flows and tasks"); a record under approval carries it as `flowStatus`. */
export type FlowStatus = 'running' | 'approved' | 'rejected' | 'withdrawn' | 'returned';

/** approve: an approval node; handle: a handler node; resubmit: the initiator's `start` task after a return; cc: a copy. */
export type TaskKind = 'approve' | 'handle' | 'resubmit' | 'cc';

export type TaskStatus = 'todo' | 'done' | 'cancelled';

/** What a flow step lets its assignee do with a field of the record. */
export type FieldPermission = 'hidden' | 'readonly' | 'editable' | 'required';

/** A task of an instance (currentTasks). Open tasks that may edit the record carry their step's field
 * access: `fieldPermissions` by field, and `unlistedFields` for the fields it does not list. */
export type FlowTask = {
  id: string;
  instanceId: string;
  recordId: string;
  nodeKey: string;
  assigneeId: string;
  status: TaskStatus;
  kind: TaskKind;
  createdAt: string;
  dueAt: string | null;
  fieldPermissions?: Record<string, FieldPermission>;
  unlistedFields?: 'editable' | 'readonly';
};

/** A row of the to-do, done and cc boxes: the task plus where its record lives. */
export type InboxTask = FlowTask & { appKey: string; formKey: string; flowKey: string };

export type FlowHistoryEvent =
  | 'started' | 'taskCreated' | 'approved' | 'rejected' | 'returned' | 'resubmitted' | 'transferred' | 'delegated'
  | 'delegateReplied' | 'signerAdded' | 'withdrawn' | 'reminded' | 'commented' | 'branchChosen' | 'overdue'
  | 'nodeCompleted' | 'completed';

export type FlowHistoryEntry = {
  at: string;
  nodeKey: string | null;
  event: FlowHistoryEvent | string;
  actorId: string | null;
  comment: string | null;
};

export type FlowInstance = {
  id: string;
  appKey: string;
  formKey: string;
  flowKey: string;
  version: number;
  recordId: string;
  initiatorId: string;
  status: FlowStatus;
  /** A sub-flow's instance: the instance whose sub-flow node started it. */
  parentId?: string | null;
  currentTasks: FlowTask[];
  history: FlowHistoryEntry[];
};

/** A flow node as far as the web app reads it: its key, name and children (condition and parallel branches). */
export type FlowNodeSummary = {
  key: string;
  type: string;
  name?: LocalizedText;
  approvers?: { source: string }[];
  branches?: { key: string; name?: LocalizedText; nodes: FlowNodeSummary[] }[];
  rejectCommentRequired?: boolean;
};

export type FlowDefinitionSummary = {
  key: string;
  name: LocalizedText;
  formKey: string;
  version: number;
  nodes: FlowNodeSummary[];
  withdraw?: 'beforeFirstDecision' | 'whileRunning' | 'never';
};

export type InboxBox = 'todo' | 'done' | 'started' | 'cc';

export type InboxCounts = { todo: number; cc: number };

export type InboxPage<T> = { items: T[]; nextCursor: string | null; counts?: InboxCounts };

export type TaskActionName =
  | 'approve' | 'reject' | 'return' | 'resubmit' | 'transfer' | 'delegate' | 'addSigner' | 'remind' | 'comment'
  /** Writes the fields the step lets the assignee edit (`data`) without deciding. */
  | 'save';

export type TaskActionBody = {
  action: TaskActionName;
  comment?: string;
  toUserId?: string;
  toNodeKey?: string;
  position?: 'before' | 'after';
  data?: Record<string, unknown>;
};
