import type { FlowContext } from './flow-context';
import type { FlowDefinition } from './flow-definition';
import type { FlowEffect } from './flow-effect';
import type { FlowFailure } from './flow-error';
import type { FlowEvent } from './flow-event';
import { flowFailure } from './flow-failure';
import type { FlowInstance } from './flow-instance';
import { FlowRun, type HandlerOutcome } from './flow-run';
import { handleComment } from './handle-comment';
import { handleDecision } from './handle-decision';
import { handleParentEnded } from './handle-parent-ended';
import { handleReassign } from './handle-reassign';
import { handleRemind } from './handle-remind';
import { handleResubmit } from './handle-resubmit';
import { handleReturn } from './handle-return';
import { handleTimeout } from './handle-timeout';
import { handleWaitEnded } from './handle-wait-ended';
import { handleWithdraw } from './handle-withdraw';
import { lockStateOf } from './lock-state';
import { startInstance } from './start-instance';

export type AdvanceResult = { ok: true; instance: FlowInstance; effects: FlowEffect[] } | FlowFailure;

/** The flow's transition function: the next instance and the effects to run, or a failure with a
 * code (then nothing changed). Pure: the given instance is never modified, no I/O happens, and the
 * same inputs (with the same `now`/`newId` answers) give the same result. `instance` is null only
 * for `start`. The definition must be the instance's own version. */
export function advance(definition: FlowDefinition, instance: FlowInstance | null, event: FlowEvent, context: FlowContext): AdvanceResult {
  if (event.type === 'start') {
    return instance === null ? startInstance(definition, event, context) : flowFailure('INVALID_EVENT', 'this flow has already started');
  }
  if (instance === null) return flowFailure('INVALID_EVENT', 'this flow has not started');
  if (instance.flowKey !== definition.key || instance.version !== definition.version) {
    return flowFailure('INVALID_EVENT', `the instance runs version ${instance.version} of flow ${instance.flowKey}`);
  }
  const run = new FlowRun(definition, structuredClone(instance), context);
  const outcome = dispatch(run, event);
  if (outcome === 'noop') return { ok: true, instance, effects: [] };
  if (outcome !== 'ok') return outcome;
  return run.result(lockStateOf(definition, instance));
}

function dispatch(run: FlowRun, event: Exclude<FlowEvent, { type: 'start' }>): HandlerOutcome {
  switch (event.type) {
    case 'approve':
    case 'reject':
      return handleDecision(run, event);
    case 'return':
      return handleReturn(run, event);
    case 'resubmit':
      return handleResubmit(run, event);
    case 'transfer':
    case 'delegate':
    case 'addSigner':
      return handleReassign(run, event);
    case 'withdraw':
      return handleWithdraw(run, event);
    case 'remind':
      return handleRemind(run, event);
    case 'comment':
      return handleComment(run, event);
    case 'timeout':
      return handleTimeout(run, event);
    case 'delayElapsed':
    case 'subflowCompleted':
      return handleWaitEnded(run, event);
    case 'parentEnded':
      return handleParentEnded(run);
    default:
      return flowFailure('INVALID_EVENT', `unknown event ${(event as { type: unknown }).type as string}`);
  }
}
