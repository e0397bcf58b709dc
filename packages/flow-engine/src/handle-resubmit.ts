import { checkFieldData } from './check-field-data';
import { START_NODE_KEY } from './flow-definition';
import type { FlowEvent } from './flow-event';
import type { FlowRun, HandlerOutcome } from './flow-run';
import { openTask } from './open-task';

/** resubmit: the initiator answers a return. `data` follows the start step's field permissions (all
 * fields when it has none). */
export function handleResubmit(run: FlowRun, event: Extract<FlowEvent, { type: 'resubmit' }>): HandlerOutcome {
  const task = openTask(run, event.taskId, event.actorId, ['resubmit'], false);
  if (task === 'noop' || !('nodeKey' in task)) return task;
  const failure = checkFieldData(run.definition.start?.fieldPermissions, 'editable', event.data, run.record);
  if (failure !== null) return failure;
  run.setFields(event.data);
  run.completeTask(task, 'resubmitted', event.comment);
  run.log({ nodeKey: START_NODE_KEY, event: 'resubmitted', actorId: event.actorId, comment: event.comment, taskId: task.id });
  run.resume();
  return 'ok';
}
