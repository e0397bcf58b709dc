import { checkFieldData } from './check-field-data';
import type { FlowEvent } from './flow-event';
import { flowFailure } from './flow-failure';
import type { FlowRun, HandlerOutcome } from './flow-run';
import { openTask } from './open-task';

/** approve / reject an approval or handler task. `data` (approve only) may touch only the fields the
 * node marks editable or required, and required fields must have a value afterwards. */
export function handleDecision(run: FlowRun, event: Extract<FlowEvent, { type: 'approve' | 'reject' }>): HandlerOutcome {
  const task = openTask(run, event.taskId, event.actorId, ['approve', 'handle'], true);
  if (task === 'noop' || !('nodeKey' in task)) return task;
  const node = run.approvalNode(task.nodeKey);
  if (node === null) return flowFailure('INVALID_EVENT', `node ${task.nodeKey} is not in this version of the flow`);
  if (event.type === 'approve') {
    const failure = checkFieldData(node.fieldPermissions, 'readonly', event.data, run.record);
    if (failure !== null) return failure;
    run.setFields(event.data);
  } else if (node.rejectCommentRequired === true && (event.comment ?? '').trim() === '') {
    return flowFailure('VALIDATION_FAILED', 'a rejection needs a comment', ['comment']);
  }
  run.decide(task, event.type === 'approve' ? 'approved' : 'rejected', event.actorId, event.comment);
  return 'ok';
}
