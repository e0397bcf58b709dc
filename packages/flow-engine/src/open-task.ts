import type { FlowFailure } from './flow-error';
import { flowFailure } from './flow-failure';
import type { FlowTask, TaskKind } from './flow-instance';
import type { FlowRun } from './flow-run';

/** The open task an action is for, after the common checks. `noop` for a late approve/reject on a
 * task the node or instance was decided without (concurrent decisions all succeed, the first wins). */
export function openTask(
  run: FlowRun,
  taskId: string,
  actorId: string,
  kinds: readonly TaskKind[],
  lateDecision: boolean,
): FlowTask | FlowFailure | 'noop' {
  const task = run.instance.tasks.find((candidate) => candidate.id === taskId);
  if (task === undefined) return flowFailure('TASK_NOT_FOUND', `no task ${taskId} in this flow`);
  if (task.assigneeId !== actorId) return flowFailure('NOT_ASSIGNEE', 'this task is assigned to someone else');
  if (task.status === 'cancelled' && task.cancelReason === 'superseded' && lateDecision) return 'noop';
  if (task.status !== 'todo') return flowFailure('TASK_ALREADY_DONE', 'this task is already done');
  if (!kinds.includes(task.kind)) return flowFailure('INVALID_EVENT', `a ${task.kind} task does not take this action`);
  return task;
}
