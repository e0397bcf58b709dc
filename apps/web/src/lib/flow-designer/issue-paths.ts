import type { DesignerIssue, IssueTarget } from './checks';
import { findBranch, findNode } from './tree';
import { isBranching, type FlowDraft, type FlowNode } from './types';

/** An issue as the API sends it in a 400 VALIDATION_FAILED answer (details.issues). */
export type ServerIssue = { path: readonly (string | number)[]; code: string; message: string };

/**
 * Which node, branch or setting a server issue path points at, read against the definition that was
 * sent. ['nodes', 0, 'branches', 1, 'nodes', 0, 'approvers'] is the first node of the second branch of
 * the first node; ['nodes', 0, 'branches', 1, 'condition'] that branch itself; ['nodes', 0, 'branches']
 * the condition node. ['start', ...] is the start card; anything else is the flow's own settings.
 */
export function issueTarget(draft: Pick<FlowDraft, 'nodes'>, path: readonly (string | number)[]): IssueTarget {
  if (path[0] === 'start') return { kind: 'start' };
  if (path[0] !== 'nodes') return { kind: 'flow', field: typeof path[0] === 'string' ? path[0] : undefined };
  let chain: readonly FlowNode[] = draft.nodes;
  let target: IssueTarget = { kind: 'flow' };
  let at = 0;
  // At `at` stands 'nodes' of the current chain.
  while (path[at] === 'nodes') {
    const index = path[at + 1];
    const node = typeof index === 'number' ? chain[index] : undefined;
    if (!node) break;
    target = { kind: 'node', nodeKey: node.key };
    const branchIndex = path[at + 3];
    if (path[at + 2] !== 'branches' || typeof branchIndex !== 'number' || !isBranching(node)) break;
    const branch = node.branches[branchIndex];
    if (!branch) break;
    if (path[at + 4] !== 'nodes' || typeof path[at + 5] !== 'number' || !branch.nodes[path[at + 5] as number]) {
      target = { kind: 'branch', nodeKey: node.key, branchKey: branch.key };
      break;
    }
    chain = branch.nodes;
    at += 4;
  }
  return target;
}

export function mapServerIssues(draft: Pick<FlowDraft, 'nodes'>, issues: readonly ServerIssue[]): DesignerIssue[] {
  return issues.map((issue) => ({
    target: issueTarget(draft, Array.isArray(issue.path) ? issue.path : []),
    code: String(issue.code),
    message: issue.message,
    source: 'server' as const,
  }));
}

/** The engine's issue codes (and the API's own) that have a text in the locale files (flowDesigner.serverIssue.<code>). */
export const SERVER_ISSUE_CODES = [
  'INVALID_DEFINITION', 'INVALID_VALUE', 'UNKNOWN_NODE_TYPE', 'DUPLICATE_NODE_KEY', 'RESERVED_NODE_KEY', 'DUPLICATE_BRANCH_KEY',
  'MISSING_DEFAULT_BRANCH', 'UNREACHABLE_BRANCH', 'NO_APPROVERS', 'VOTE_PERCENT_OUT_OF_RANGE', 'UNKNOWN_FIELD', 'INVALID_CONDITION',
  'INVALID_DURATION', 'unknown_form', 'read_only',
] as const;

/** The part of a draft an issue is about (undefined when it is gone). */
function targetPart(draft: FlowDraft, target: IssueTarget): unknown {
  switch (target.kind) {
    case 'flow': return target.field === undefined ? draft : (draft as Record<string, unknown>)[target.field];
    case 'start': return draft.start ?? null;
    case 'node': return findNode(draft, target.nodeKey);
    case 'branch': return findBranch(draft, target.nodeKey, target.branchKey)?.branch;
  }
}

/**
 * Whether what an issue is about is still as it was when the server answered: a server issue stays on
 * its node until that node is edited (or removed), then it is up to the next publish to say.
 */
export function targetUnchanged(sent: FlowDraft, current: FlowDraft, target: IssueTarget): boolean {
  const before = targetPart(sent, target);
  const after = targetPart(current, target);
  return after !== undefined && (before === after || JSON.stringify(before) === JSON.stringify(after));
}
