import { START_NODE_KEY, type FlowDefinition } from './flow-definition';
import type { FlowContext } from './flow-context';
import type { FlowFailure } from './flow-error';
import type { FlowEvent } from './flow-event';
import { flowFailure } from './flow-failure';
import type { FlowInstance } from './flow-instance';
import { FlowRun, type AdvanceSuccess } from './flow-run';
import { resolveUsers } from './resolve-users';

/** start: a new instance whose first tasks exist on return. With `start.initiators` the initiator
 * must be one of their users. */
export function startInstance(definition: FlowDefinition, event: Extract<FlowEvent, { type: 'start' }>, context: FlowContext): AdvanceSuccess | FlowFailure {
  if (typeof event.initiatorId !== 'string' || event.initiatorId === '') return flowFailure('INVALID_EVENT', 'a flow needs an initiator', ['initiatorId']);
  const initiators = definition.start?.initiators ?? [];
  if (initiators.length > 0) {
    const scope = { context, initiatorId: event.initiatorId, picks: {}, nodeKey: START_NODE_KEY, record: context.record };
    if (!resolveUsers(initiators, scope).includes(event.initiatorId)) return flowFailure('START_NOT_ALLOWED', 'you may not start this flow');
  }
  const instance: FlowInstance = {
    id: event.instanceId ?? context.newId(),
    flowKey: definition.key,
    version: definition.version,
    recordId: event.recordId,
    initiatorId: event.initiatorId,
    status: 'running',
    picks: structuredClone(event.picks ?? {}),
    tokens: [],
    tasks: [],
    history: [],
    returnedFrom: null,
    startedAt: '',
    finishedAt: null,
  };
  const run = new FlowRun(definition, instance, context);
  instance.startedAt = run.at;
  run.log({ nodeKey: START_NODE_KEY, event: 'started', actorId: event.initiatorId });
  run.startAtMain();
  return run.result({ locked: false });
}
