import type { FlowEvent } from './flow-event';
import { flowFailure } from './flow-failure';
import type { FlowRun, HandlerOutcome } from './flow-run';

/** comment: a history entry, on a task's node or (without taskId) on the instance; any status. */
export function handleComment(run: FlowRun, event: Extract<FlowEvent, { type: 'comment' }>): HandlerOutcome {
  if (typeof event.comment !== 'string' || event.comment.trim() === '') return flowFailure('VALIDATION_FAILED', 'a comment needs text', ['comment']);
  const task = event.taskId === undefined ? undefined : run.instance.tasks.find((candidate) => candidate.id === event.taskId);
  if (event.taskId !== undefined && task === undefined) return flowFailure('TASK_NOT_FOUND', `no task ${event.taskId} in this flow`);
  run.log({ nodeKey: task?.nodeKey ?? null, event: 'commented', actorId: event.actorId, comment: event.comment, ...(task === undefined ? {} : { taskId: task.id }) });
  return 'ok';
}
