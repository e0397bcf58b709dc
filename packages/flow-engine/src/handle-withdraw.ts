import { START_NODE_KEY } from './flow-definition';
import type { FlowEvent } from './flow-event';
import { flowFailure } from './flow-failure';
import type { FlowHistoryEntry } from './flow-instance';
import type { FlowRun, HandlerOutcome } from './flow-run';
import { historySince } from './history-since';

/** Passing automatically on arrival is not somebody's decision. */
const ARRIVAL_PASSES = new Set(['dedupe', 'initiator', 'empty']);

/** withdraw: only the initiator; under the default policy only until the first decision (approve,
 * reject or return, by a person or by an overdue policy) since the flow was last (re)submitted. A
 * flow returned to the initiator can always be withdrawn, unless the policy is `never`. */
export function handleWithdraw(run: FlowRun, event: Extract<FlowEvent, { type: 'withdraw' }>): HandlerOutcome {
  const instance = run.instance;
  if (instance.status !== 'running' && instance.status !== 'returned') return flowFailure('INVALID_EVENT', `the flow has ended (${instance.status})`);
  if (event.actorId !== instance.initiatorId) return flowFailure('NOT_INITIATOR', 'only the initiator can withdraw');
  const policy = run.definition.withdraw ?? 'beforeFirstDecision';
  if (policy === 'never') return flowFailure('WITHDRAW_NOT_ALLOWED', 'this flow cannot be withdrawn');
  if (instance.status === 'running' && policy === 'beforeFirstDecision' && historySince(instance.history, ['started', 'resubmitted']).some(isDecision)) {
    return flowFailure('WITHDRAW_NOT_ALLOWED', 'an approver has already decided');
  }
  run.log({ nodeKey: START_NODE_KEY, event: 'withdrawn', actorId: event.actorId, comment: event.comment });
  const cancelled = run.finish('withdrawn');
  run.notify(cancelled.filter((task) => task.kind !== 'resubmit').map((task) => task.assigneeId), 'flow.withdrawn', null);
  return 'ok';
}

function isDecision(entry: FlowHistoryEntry): boolean {
  return (entry.event === 'approved' || entry.event === 'rejected' || entry.event === 'returned') && !(entry.auto !== undefined && ARRIVAL_PASSES.has(entry.auto));
}
