import type { FlowEvent } from './flow-event';
import type { FlowRun, HandlerOutcome } from './flow-run';

/** delayElapsed / subflowCompleted: the path waiting at that node goes on. A sub-flow that did not end
 * approved follows the node's `onRejected` (default: this instance is rejected too). Late, stale (another
 * visit of the node) or unknown ones change nothing. */
export function handleWaitEnded(run: FlowRun, event: Extract<FlowEvent, { type: 'delayElapsed' | 'subflowCompleted' }>): HandlerOutcome {
  if (!run.running) return 'noop';
  const type = event.type === 'delayElapsed' ? 'delay' : 'subflow';
  const token = run.instance.tokens.find((candidate) => candidate.nodeKey === event.nodeKey && run.index.get(candidate.nodeKey)?.node.type === type);
  if (token === undefined || (type === 'delay' && token.waitUntil === undefined)) return 'noop';
  if (event.type === 'subflowCompleted' && event.visitId !== undefined && event.visitId !== token.visitId) return 'noop';
  if (event.type === 'subflowCompleted' && event.status !== 'approved') {
    const node = run.index.get(event.nodeKey)?.node;
    const onRejected = node?.type === 'subflow' ? node.onRejected ?? 'reject' : 'reject';
    if (onRejected === 'reject') {
      run.log({ nodeKey: event.nodeKey, event: 'rejected', actorId: null, comment: `sub-flow ${event.status}`, auto: 'subflow' });
      run.finish('rejected');
      return 'ok';
    }
    run.log({ nodeKey: event.nodeKey, event: 'commented', actorId: null, comment: `sub-flow ${event.status}`, auto: 'subflow' });
  }
  run.completeNode(token);
  return 'ok';
}
