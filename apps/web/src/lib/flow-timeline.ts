import type { FlowHistoryEntry, FlowInstance, FlowStatus } from '../api/flow-types';

/** Events shown as a line of the timeline; the rest (nodeCompleted, branchChosen) is bookkeeping. */
export const TIMELINE_EVENTS = [
  'started', 'taskCreated', 'approved', 'rejected', 'returned', 'resubmitted', 'transferred', 'delegated', 'delegateReplied',
  'signerAdded', 'withdrawn', 'reminded', 'commented', 'overdue', 'completed',
] as const;

export type TimelineTone = 'blue' | 'green' | 'red' | 'orange' | 'gray';

export type TimelineItem = {
  key: string;
  /** When it happened; absent on the pending item at the end (who is deciding now). */
  at?: string;
  /** A history event, or `pending` for the open tasks. */
  event: string;
  nodeKey: string | null;
  nodeName: string;
  /** Who acted: a user's name, the system (the engine decided), or for `pending` the assignees. */
  actorName: string;
  comment: string | null;
  tone: TimelineTone;
  /** On `completed`: how the flow ended. */
  status?: FlowStatus;
};

export type TimelineLookups = {
  nodeName: (nodeKey: string) => string;
  userName: (userId: string) => string | undefined;
  /** The name shown when the engine acted (no actor): "系统" / "System". */
  systemName: string;
};

const TONES: Record<string, TimelineTone> = {
  started: 'blue', taskCreated: 'gray', approved: 'green', rejected: 'red', returned: 'orange', resubmitted: 'blue',
  transferred: 'blue', delegated: 'blue', delegateReplied: 'blue', signerAdded: 'blue', withdrawn: 'gray',
  reminded: 'orange', commented: 'gray', overdue: 'red',
};

const END_TONES: Record<FlowStatus, TimelineTone> = { approved: 'green', rejected: 'red', withdrawn: 'gray', running: 'blue', returned: 'orange' };

function sameArrival(a: FlowHistoryEntry, b: FlowHistoryEntry): boolean {
  return a.event === 'taskCreated' && b.event === 'taskCreated' && a.nodeKey === b.nodeKey && a.at === b.at;
}

/**
 * The flow's history as timeline lines, oldest first: one line per person's action (with their comment),
 * one per node reached (several tasks created at once on a node make one line), the end, and while the
 * flow waits on someone a last `pending` line naming the node and its assignees.
 */
export function buildTimeline(instance: Pick<FlowInstance, 'status' | 'history' | 'currentTasks'>, lookups: TimelineLookups): TimelineItem[] {
  const shown = new Set<string>(TIMELINE_EVENTS);
  const items: TimelineItem[] = [];
  let previous: FlowHistoryEntry | undefined;
  instance.history.forEach((entry, index) => {
    const skip = !shown.has(entry.event) || (previous !== undefined && sameArrival(previous, entry));
    previous = entry;
    if (skip) return;
    const ended = entry.event === 'completed' && (instance.status === 'approved' || instance.status === 'rejected' || instance.status === 'withdrawn');
    items.push({
      key: `${index}`,
      at: entry.at,
      event: entry.event,
      nodeKey: entry.nodeKey,
      nodeName: entry.nodeKey ? lookups.nodeName(entry.nodeKey) : '',
      actorName: entry.actorId ? lookups.userName(entry.actorId) ?? entry.actorId : entry.event === 'taskCreated' || entry.event === 'completed' ? '' : lookups.systemName,
      comment: entry.comment && entry.comment.trim() !== '' ? entry.comment : null,
      tone: ended ? END_TONES[instance.status] : TONES[entry.event] ?? 'gray',
      ...(ended ? { status: instance.status } : {}),
    });
  });

  const open = instance.currentTasks.filter((task) => task.status === 'todo' && task.kind !== 'cc');
  if ((instance.status === 'running' || instance.status === 'returned') && open.length > 0) {
    const byNode = new Map<string, string[]>();
    for (const task of open) {
      const names = byNode.get(task.nodeKey) ?? [];
      const name = lookups.userName(task.assigneeId) ?? task.assigneeId;
      if (!names.includes(name)) names.push(name);
      byNode.set(task.nodeKey, names);
    }
    for (const [nodeKey, names] of byNode) {
      items.push({ key: `pending-${nodeKey}`, event: 'pending', nodeKey, nodeName: lookups.nodeName(nodeKey), actorName: names.join(', '), comment: null, tone: 'blue' });
    }
  }
  return items;
}
