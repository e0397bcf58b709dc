import type { FlowEvent } from './flow-event';
import { flowFailure } from './flow-failure';
import type { FlowRun, HandlerOutcome } from './flow-run';

/** remind (催办): notifies the assignee of one open task, or of every open task. Scheduled reminders
 * (actorId null) that come too late change nothing and leave no history. */
export function handleRemind(run: FlowRun, event: Extract<FlowEvent, { type: 'remind' }>): HandlerOutcome {
  const open = run.instance.tasks.filter((task) => task.status === 'todo' && (event.taskId === undefined || task.id === event.taskId));
  if (open.length === 0) {
    if (event.actorId === null) return 'noop';
    if (event.taskId === undefined) return flowFailure('INVALID_EVENT', 'no open tasks to remind of');
    const exists = run.instance.tasks.some((task) => task.id === event.taskId);
    return exists ? flowFailure('TASK_ALREADY_DONE', 'this task is already done') : flowFailure('TASK_NOT_FOUND', `no task ${event.taskId} in this flow`);
  }
  for (const task of open) {
    run.notify([task.assigneeId], 'flow.remind', task.nodeKey, task.id);
    if (event.actorId !== null) {
      run.log({ nodeKey: task.nodeKey, event: 'reminded', actorId: event.actorId, comment: event.comment, taskId: task.id, userId: task.assigneeId });
    }
  }
  return 'ok';
}
