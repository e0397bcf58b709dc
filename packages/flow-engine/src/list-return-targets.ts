import { START_NODE_KEY, type FlowDefinition } from './flow-definition';
import type { FlowInstance } from './flow-instance';
import { historySince } from './history-since';
import { indexDefinition } from './index-definition';
import { nodePrecedes } from './node-precedes';

/** Where an open approval/handler task may return the flow: `start` (the initiator), then every
 * approval or handler node that passed since the last (re)submission and comes before the task's
 * node on its path, in definition order. Empty when the task cannot return (not open, not a
 * decision task, or a delegate's task). */
export function listReturnTargets(definition: FlowDefinition, instance: FlowInstance, taskId: string): string[] {
  const task = instance.tasks.find((candidate) => candidate.id === taskId);
  if (task === undefined || task.status !== 'todo' || task.delegatedFrom !== undefined) return [];
  if (task.kind !== 'approve' && task.kind !== 'handle') return [];
  const index = indexDefinition(definition);
  const passed = new Set(
    historySince(instance.history, ['started', 'resubmitted'])
      .filter((entry) => entry.event === 'nodeCompleted' && entry.nodeKey !== null)
      .map((entry) => entry.nodeKey),
  );
  const targets = [START_NODE_KEY];
  for (const [key, location] of index) {
    const type = location.node.type;
    if ((type === 'approval' || type === 'handler') && passed.has(key) && nodePrecedes(index, key, task.nodeKey)) targets.push(key);
  }
  return targets;
}
