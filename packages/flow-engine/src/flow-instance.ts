import type { ResubmitPolicy } from './flow-definition';

export type FlowInstanceStatus = 'running' | 'approved' | 'rejected' | 'withdrawn' | 'returned';

export type TaskKind = 'approve' | 'handle' | 'resubmit' | 'cc';
export type TaskStatus = 'todo' | 'done' | 'cancelled';
export type TaskDecision =
  | 'approved'
  | 'rejected'
  | 'returned'
  | 'resubmitted'
  | 'transferred'
  | 'delegated'
  | 'signerAdded';

/** Why a task was cancelled. `superseded`: the node or the instance was decided by others (a late
 * approve/reject on such a task succeeds and changes nothing); `returned`: the flow went back;
 * `withdrawn`: the initiator withdrew. */
export type TaskCancelReason = 'superseded' | 'returned' | 'withdrawn';

export type FlowTask = {
  id: string;
  instanceId: string;
  recordId: string;
  nodeKey: string;
  kind: TaskKind;
  assigneeId: string;
  status: TaskStatus;
  /** The approver slot this task decides: sequential nodes have one seat (the whole chain), the other
   * modes one per assignee. Transfers, delegations and added signers stay in their seat. */
  seat: number;
  /** Position in the seat's chain: for sequential nodes the n-th approver. */
  order: number;
  /** Who still decides in this seat after this assignee approves (the rest of a sequential chain,
   * signers added after). */
  next: string[];
  /** One entry of a node: tasks of an earlier run of the same node have another visitId. */
  visitId: string;
  /** On a delegate's task: the delegator, who gets the task back after the delegate acted. */
  delegatedFrom?: string;
  decision?: TaskDecision;
  comment?: string;
  createdAt: string;
  dueAt?: string;
  doneAt?: string;
  cancelReason?: TaskCancelReason;
};

/** Where one path of the flow is. Each parallel branch runs its own token; the token that entered the
 * parallel node waits there (`nodeKey` = the parallel node) until its children have all finished.
 * Condition branches are walked by the same token. */
export type FlowToken = {
  id: string;
  nodeKey: string;
  /** The token waiting at the enclosing parallel node; null on the main chain. */
  parentId: string | null;
  /** The branch of that parallel node this token runs. */
  branchKey: string | null;
  /** Changes on every entry of a node. */
  visitId: string;
  /** Approval and handler nodes: seat counts of this visit. */
  seats?: { total: number; approved: number; rejected: number };
  /** Delay nodes: when the delay ends. */
  waitUntil?: string;
};

export type FlowHistoryEvent =
  | 'started'
  | 'taskCreated'
  | 'approved'
  | 'rejected'
  | 'returned'
  | 'resubmitted'
  | 'transferred'
  | 'delegated'
  | 'delegateReplied'
  | 'signerAdded'
  | 'withdrawn'
  | 'reminded'
  | 'commented'
  | 'branchChosen'
  | 'overdue'
  | 'nodeCompleted'
  | 'completed';

/** Why the engine decided instead of a person: `dedupe` (approved earlier), `initiator` (approver is
 * the initiator, policy skip), `empty` (no approvers, policy pass/reject), `overdue` (deadline policy),
 * `subflow` (the sub-flow did not end approved). */
export type AutoReason = 'dedupe' | 'initiator' | 'empty' | 'overdue' | 'subflow';

export type FlowHistoryEntry = {
  at: string;
  /** null on `completed` and on comments not tied to a task. */
  nodeKey: string | null;
  event: FlowHistoryEvent;
  /** null when the engine acted (see `auto`) or for bookkeeping events. */
  actorId: string | null;
  comment: string | null;
  taskId?: string;
  /** The other user of the event: assignee (taskCreated), new holder (transferred, delegated,
   * signerAdded). */
  userId?: string;
  toNodeKey?: string;
  branchKey?: string;
  position?: 'before' | 'after';
  /** On delegateReplied: the delegate's opinion. */
  decision?: 'approved' | 'rejected';
  /** On completed. */
  status?: FlowInstanceStatus;
  auto?: AutoReason;
};

/** Set while the instance is returned to the initiator: what to do on resubmit. */
export type ReturnedFrom = { nodeKey: string; resubmit: ResubmitPolicy; tokens: FlowToken[] };

export type FlowInstance = {
  id: string;
  flowKey: string;
  version: number;
  recordId: string;
  initiatorId: string;
  status: FlowInstanceStatus;
  /** Users the initiator picked for `initiatorPicks` sources, by node key. */
  picks: Record<string, string[]>;
  tokens: FlowToken[];
  tasks: FlowTask[];
  history: FlowHistoryEntry[];
  returnedFrom: ReturnedFrom | null;
  startedAt: string;
  finishedAt: string | null;
};
