import type { FlowEvent } from './flow-event';
import type { FlowRun, HandlerOutcome } from './flow-run';

/** timeout: a task's deadline passed; the node's `onOverdue` policy acts. A timeout for a task that is
 * no longer open (or a node with policy none) changes nothing. Escalation transfers the task to the
 * assignee's manager; without one it notifies instead. */
export function handleTimeout(run: FlowRun, event: Extract<FlowEvent, { type: 'timeout' }>): HandlerOutcome {
  const task = run.instance.tasks.find((candidate) => candidate.id === event.taskId);
  if (task === undefined || task.status !== 'todo' || (task.kind !== 'approve' && task.kind !== 'handle')) return 'noop';
  const node = run.approvalNode(task.nodeKey);
  const policy = node?.onOverdue ?? 'none';
  if (node === null || policy === 'none') return 'noop';
  run.log({ nodeKey: task.nodeKey, event: 'overdue', actorId: null, taskId: task.id, userId: task.assigneeId });
  if (policy === 'approve' || policy === 'reject') {
    run.decide(task, policy === 'approve' ? 'approved' : 'rejected', null, undefined, 'overdue');
    return 'ok';
  }
  if (policy === 'escalate') {
    const manager = run.context.managerOf(task.assigneeId, 1);
    if (manager !== null && manager !== '' && manager !== task.assigneeId && !run.hasOpenTask(task.visitId, manager)) {
      run.reassign(task, manager, 'transfer', null, undefined, 'overdue');
      return 'ok';
    }
  }
  run.notify([task.assigneeId, run.instance.initiatorId], 'flow.overdue', task.nodeKey, task.id);
  return 'ok';
}
