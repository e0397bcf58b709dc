import { START_NODE_KEY } from './flow-definition';
import type { FlowEvent } from './flow-event';
import { flowFailure } from './flow-failure';
import type { FlowRun, HandlerOutcome } from './flow-run';
import { listReturnTargets } from './list-return-targets';
import { openTask } from './open-task';

/** return: to the initiator (default) or to a passed approval/handler node before this one. */
export function handleReturn(run: FlowRun, event: Extract<FlowEvent, { type: 'return' }>): HandlerOutcome {
  const task = openTask(run, event.taskId, event.actorId, ['approve', 'handle'], false);
  if (task === 'noop' || !('nodeKey' in task)) return task;
  if (task.delegatedFrom !== undefined) return flowFailure('INVALID_EVENT', 'a delegate gives an opinion; the delegator decides');
  const node = run.approvalNode(task.nodeKey);
  if (node === null) return flowFailure('INVALID_EVENT', `node ${task.nodeKey} is not in this version of the flow`);
  const target = event.toNodeKey ?? START_NODE_KEY;
  if (target === START_NODE_KEY) {
    run.returnToStart(task, node, event.actorId, event.comment);
    return 'ok';
  }
  if (!listReturnTargets(run.definition, run.instance, task.id).includes(target)) {
    return flowFailure('INVALID_EVENT', `cannot return to ${target}: only to start or a passed approval node before this one`);
  }
  run.returnToNode(task, target, event.actorId, event.comment);
  return 'ok';
}
