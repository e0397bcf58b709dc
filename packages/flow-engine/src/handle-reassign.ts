import type { FlowEvent } from './flow-event';
import { flowFailure } from './flow-failure';
import type { FlowRun, HandlerOutcome } from './flow-run';
import { openTask } from './open-task';

/** transfer (转交: the new assignee decides) / delegate (委派: the delegate acts, then the task comes
 * back to the delegator) / addSigner (加签 before or after the assignee, in the same seat). */
export function handleReassign(run: FlowRun, event: Extract<FlowEvent, { type: 'transfer' | 'delegate' | 'addSigner' }>): HandlerOutcome {
  const task = openTask(run, event.taskId, event.actorId, ['approve', 'handle'], false);
  if (task === 'noop' || !('nodeKey' in task)) return task;
  if (task.delegatedFrom !== undefined) return flowFailure('INVALID_EVENT', 'a delegate gives an opinion; the delegator decides');
  if (typeof event.toUserId !== 'string' || event.toUserId === '' || event.toUserId === task.assigneeId) {
    return flowFailure('INVALID_EVENT', 'choose another user', ['toUserId']);
  }
  if (run.hasOpenTask(task.visitId, event.toUserId) || task.next.includes(event.toUserId)) {
    return flowFailure('INVALID_EVENT', 'that user already has this step', ['toUserId']);
  }
  if (event.type === 'addSigner') {
    if (event.position !== 'before' && event.position !== 'after') return flowFailure('INVALID_EVENT', 'position is before or after', ['position']);
    run.addSigner(task, event.toUserId, event.position, event.actorId, event.comment);
  } else {
    run.reassign(task, event.toUserId, event.type, event.actorId, event.comment);
  }
  return 'ok';
}
