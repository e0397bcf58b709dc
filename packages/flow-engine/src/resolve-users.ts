import type { ApproverSource } from './flow-definition';
import type { FlowContext } from './flow-context';

export type ResolveScope = {
  context: FlowContext;
  initiatorId: string;
  picks: Record<string, string[]>;
  nodeKey: string;
  record: Record<string, unknown>;
};

/** The users of a list of sources, in source order, each once. */
export function resolveUsers(sources: readonly ApproverSource[], scope: ResolveScope): string[] {
  const users = new Set<string>();
  for (const source of sources) {
    let found: readonly string[];
    if (source.source === 'initiator') found = [scope.initiatorId];
    else if (source.source === 'initiatorPicks') found = scope.picks[scope.nodeKey] ?? [];
    else found = scope.context.resolveApprovers(source, { initiatorId: scope.initiatorId, record: scope.record, nodeKey: scope.nodeKey });
    for (const user of found) if (typeof user === 'string' && user !== '') users.add(user);
  }
  return [...users];
}
