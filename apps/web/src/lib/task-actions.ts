import type { FlowHistoryEntry, FlowInstance, FlowTask, TaskActionName } from '../api/flow-types';
import { START_NODE_KEY } from './flow-definition';

export type WithdrawPolicy = 'beforeFirstDecision' | 'whileRunning' | 'never';

/** What the current user may do on a flow instance, as the detail view offers it. */
export type OfferedActions = {
  /** The user's open task the decision buttons act on (null: nothing to decide). */
  task: FlowTask | null;
  /** Decision and hand-over actions on that task, in button order. */
  actions: TaskActionName[];
  /** The initiator may withdraw now (the API still has the last word: 409 WITHDRAW_NOT_ALLOWED). */
  canWithdraw: boolean;
  /** The initiator may remind (催办) whoever the flow waits on. */
  canRemind: boolean;
  /** A task id a comment can be posted on (comments go through a task of the instance), or null. */
  commentTaskId: string | null;
};

const DECISION_ACTIONS: TaskActionName[] = ['approve', 'reject', 'return', 'transfer', 'delegate', 'addSigner', 'comment'];
const RESUBMIT_ACTIONS: TaskActionName[] = ['resubmit', 'comment'];

/** History since the flow was last started or resubmitted. */
function sinceLastSubmit(history: readonly FlowHistoryEntry[]): FlowHistoryEntry[] {
  let from = 0;
  history.forEach((entry, index) => {
    if (entry.event === 'started' || entry.event === 'resubmitted') from = index;
  });
  return history.slice(from);
}

/** A person approved, rejected or returned since the last submission (engine passes have no actor). */
export function hasDecisionSinceSubmit(history: readonly FlowHistoryEntry[]): boolean {
  return sinceLastSubmit(history).some((entry) => (entry.event === 'approved' || entry.event === 'rejected' || entry.event === 'returned') && entry.actorId !== null);
}

export function offeredActions(
  instance: Pick<FlowInstance, 'status' | 'initiatorId' | 'currentTasks' | 'history'>,
  userId: string | undefined,
  options: { preferredTaskId?: string; withdrawPolicy?: WithdrawPolicy } = {},
): OfferedActions {
  const none: OfferedActions = { task: null, actions: [], canWithdraw: false, canRemind: false, commentTaskId: null };
  if (!userId) return none;
  const active = instance.status === 'running' || instance.status === 'returned';
  const mine = active ? instance.currentTasks.filter((task) => task.assigneeId === userId && task.status === 'todo' && task.kind !== 'cc') : [];
  const task = mine.find((candidate) => candidate.id === options.preferredTaskId) ?? mine[0] ?? null;
  const actions = task === null ? [] : task.kind === 'resubmit' ? RESUBMIT_ACTIONS : DECISION_ACTIONS;

  const isInitiator = instance.initiatorId === userId;
  const policy = options.withdrawPolicy ?? 'beforeFirstDecision';
  const canWithdraw =
    isInitiator && active && policy !== 'never' &&
    (instance.status === 'returned' || policy === 'whileRunning' || !hasDecisionSinceSubmit(instance.history));
  const canRemind =
    isInitiator && instance.status === 'running' &&
    instance.currentTasks.some((candidate) => candidate.status === 'todo' && candidate.kind !== 'cc' && candidate.assigneeId !== userId);

  // Comments need a task of the instance: the user's own first, else (for the initiator) any current one.
  const anyOfMine = instance.currentTasks.find((candidate) => candidate.assigneeId === userId);
  const commentTaskId = task?.id ?? anyOfMine?.id ?? (isInitiator && active ? instance.currentTasks[0]?.id ?? null : null);
  return { task, actions, canWithdraw, canRemind, commentTaskId };
}

/**
 * Where a task may return the flow: `start` (the initiator) first, then the nodes that completed since the
 * last submission (as the history shows them), oldest first, never the task's own node. `isReturnable`
 * keeps approval and handler nodes (the definition knows the types; branches complete too).
 */
export function returnTargets(
  history: readonly FlowHistoryEntry[],
  currentNodeKey: string,
  isReturnable: (nodeKey: string) => boolean = () => true,
): string[] {
  const targets = [START_NODE_KEY];
  for (const entry of sinceLastSubmit(history)) {
    if (entry.event !== 'nodeCompleted' || entry.nodeKey === null) continue;
    if (entry.nodeKey === currentNodeKey || targets.includes(entry.nodeKey) || !isReturnable(entry.nodeKey)) continue;
    targets.push(entry.nodeKey);
  }
  return targets;
}

/** The open tasks the initiator's reminder goes to (one request per task). */
export function remindableTaskIds(instance: Pick<FlowInstance, 'currentTasks'>, userId: string): string[] {
  return instance.currentTasks.filter((task) => task.status === 'todo' && task.kind !== 'cc' && task.assigneeId !== userId).map((task) => task.id);
}
