import { START_NODE_KEY } from './flow-definition';
import type { FlowRun, HandlerOutcome } from './flow-run';

/** parentEnded: the instance that started this sub-flow ended while it still ran. It ends withdrawn,
 * as if its initiator had withdrawn it (whatever the withdraw policy): open tasks cancelled and their
 * assignees told; its timers then find no open task and change nothing. Already ended: nothing. */
export function handleParentEnded(run: FlowRun): HandlerOutcome {
  const instance = run.instance;
  if (instance.status !== 'running' && instance.status !== 'returned') return 'noop';
  run.log({ nodeKey: START_NODE_KEY, event: 'withdrawn', actorId: null, comment: 'parent ended' });
  const cancelled = run.finish('withdrawn');
  run.notify(cancelled.filter((task) => task.kind !== 'resubmit').map((task) => task.assigneeId), 'flow.withdrawn', null);
  return 'ok';
}
