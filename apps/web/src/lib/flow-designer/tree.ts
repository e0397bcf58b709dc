import type { LocalizedText } from '@platform/schema';
import {
  isBranching, isDefaultBranch, type AddableNodeType, type BranchingNode, type ChainRef, type FlowBranch, type FlowDraft,
  type FlowNode,
} from './types';

/** Node and branch keys follow the platform's key rule. */
export const KEY_PATTERN = /^[a-z][a-z0-9_]{0,62}$/;
/** The initiator's step owns this key. */
export const RESERVED_NODE_KEY = 'start';

// ---- reading ----

/** Where a node sits: its chain and its index there. */
export type NodeLocation = { node: FlowNode; chain: ChainRef; index: number; parent: BranchingNode | null };

export function locateNode(nodes: readonly FlowNode[], key: string, chain: ChainRef = null, parent: BranchingNode | null = null): NodeLocation | undefined {
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index];
    if (node.key === key) return { node, chain, index, parent };
    if (isBranching(node)) {
      for (const branch of node.branches) {
        const found = locateNode(branch.nodes, key, { nodeKey: node.key, branchKey: branch.key }, node);
        if (found) return found;
      }
    }
  }
  return undefined;
}

export function findNode(draft: Pick<FlowDraft, 'nodes'>, key: string): FlowNode | undefined {
  return locateNode(draft.nodes, key)?.node;
}

export function findBranch(draft: Pick<FlowDraft, 'nodes'>, nodeKey: string, branchKey: string): { node: BranchingNode; branch: FlowBranch; index: number } | undefined {
  const node = findNode(draft, nodeKey);
  if (!node || !isBranching(node)) return undefined;
  const index = node.branches.findIndex((branch) => branch.key === branchKey);
  return index < 0 ? undefined : { node, branch: node.branches[index], index };
}

/** The nodes of a chain (undefined when the chain no longer exists). */
export function getChain(draft: Pick<FlowDraft, 'nodes'>, chain: ChainRef): FlowNode[] | undefined {
  if (chain === null) return draft.nodes;
  return findBranch(draft, chain.nodeKey, chain.branchKey)?.branch.nodes;
}

/** Every node of the tree, depth first in definition order. */
export function allNodes(nodes: readonly FlowNode[]): FlowNode[] {
  return nodes.flatMap((node) => [node, ...(isBranching(node) ? node.branches.flatMap((branch) => allNodes(branch.nodes)) : [])]);
}

export function nodeKeys(nodes: readonly FlowNode[]): Set<string> {
  return new Set(allNodes(nodes).map((node) => node.key));
}

// ---- keys ----

/** A key from `base` that is not in `taken` (nor `start`): base, base_2, base_3, ... */
export function uniqueKey(taken: ReadonlySet<string>, base: string): string {
  let clean = base.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^[^a-z]+/, '').slice(0, 56);
  if (!clean) clean = 'node';
  if (!taken.has(clean) && clean !== RESERVED_NODE_KEY) return clean;
  for (let n = 2; ; n++) {
    const candidate = `${clean}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Gives `node` (and the nodes inside its branches) keys that `taken` does not hold; adds them to `taken`. */
export function withUniqueKeys(node: FlowNode, taken: Set<string>): FlowNode {
  const key = taken.has(node.key) || node.key === RESERVED_NODE_KEY || !KEY_PATTERN.test(node.key) ? uniqueKey(taken, node.key) : node.key;
  taken.add(key);
  if (!isBranching(node)) return { ...node, key };
  return { ...node, key, branches: node.branches.map((branch) => ({ ...branch, nodes: branch.nodes.map((child) => withUniqueKeys(child, taken)) })) };
}

// ---- writing (every function returns a new draft and leaves its input alone) ----

function mapNodes(nodes: readonly FlowNode[], fn: (node: FlowNode) => FlowNode | null): FlowNode[] {
  const out: FlowNode[] = [];
  for (const node of nodes) {
    const mapped = fn(node);
    if (mapped === null) continue;
    out.push(isBranching(mapped) ? { ...mapped, branches: mapped.branches.map((branch) => ({ ...branch, nodes: mapNodes(branch.nodes, fn) })) } : mapped);
  }
  return out;
}

/** Rewrites the chain `chain` with `fn`; other chains are left as they are. */
function mapChain(draft: FlowDraft, chain: ChainRef, fn: (nodes: FlowNode[]) => FlowNode[]): FlowDraft {
  if (chain === null) return { ...draft, nodes: fn(draft.nodes) };
  return updateBranch(draft, chain.nodeKey, chain.branchKey, (branch) => ({ ...branch, nodes: fn(branch.nodes) }));
}

/** Inserts `node` at `index` of a chain; its keys are made unique in the whole tree. */
export function insertNode(draft: FlowDraft, chain: ChainRef, index: number, node: FlowNode): FlowDraft {
  if (getChain(draft, chain) === undefined) return draft;
  const unique = withUniqueKeys(node, nodeKeys(draft.nodes));
  return mapChain(draft, chain, (nodes) => {
    const at = Math.max(0, Math.min(index, nodes.length));
    return [...nodes.slice(0, at), unique, ...nodes.slice(at)];
  });
}

/** Removes a node (with everything inside its branches). */
export function removeNode(draft: FlowDraft, key: string): FlowDraft {
  if (!findNode(draft, key)) return draft;
  return { ...draft, nodes: mapNodes(draft.nodes, (node) => (node.key === key ? null : node)) };
}

/** Replaces a node with what `fn` makes of it (the key stays). */
export function updateNode(draft: FlowDraft, key: string, fn: (node: FlowNode) => FlowNode): FlowDraft {
  if (!findNode(draft, key)) return draft;
  return { ...draft, nodes: mapNodes(draft.nodes, (node) => (node.key === key ? { ...fn(node), key } as FlowNode : node)) };
}

export function updateBranch(draft: FlowDraft, nodeKey: string, branchKey: string, fn: (branch: FlowBranch) => FlowBranch): FlowDraft {
  if (!findBranch(draft, nodeKey, branchKey)) return draft;
  return updateNode(draft, nodeKey, (node) => (isBranching(node)
    ? { ...node, branches: node.branches.map((branch) => (branch.key === branchKey ? { ...fn(branch), key: branchKey } : branch)) }
    : node));
}

/** A new branch key for a node: branch_1, branch_2, ... not used by its other branches. */
export function nextBranchKey(node: BranchingNode): string {
  const taken = new Set(node.branches.map((branch) => branch.key));
  for (let n = node.branches.length + 1; ; n++) {
    const candidate = `branch_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** Adds a branch: on a condition node just before the default branch (which stays last), else at the end. */
export function addBranch(draft: FlowDraft, nodeKey: string, names: Pick<NewNodeNames, 'branch'>): { draft: FlowDraft; branchKey: string | null } {
  const node = findNode(draft, nodeKey);
  if (!node || !isBranching(node)) return { draft, branchKey: null };
  const branchKey = nextBranchKey(node);
  const n = node.branches.filter((candidate) => !isDefaultBranch(node, candidate)).length + 1;
  const branch: FlowBranch = { key: branchKey, name: names.branch(node.type, n), condition: node.type === 'condition' ? { and: [] } : null, nodes: [] };
  const next = updateNode(draft, nodeKey, (current) => {
    if (!isBranching(current)) return current;
    const defaultAt = current.branches.findIndex((candidate) => isDefaultBranch(current, candidate));
    const at = defaultAt < 0 ? current.branches.length : defaultAt;
    return { ...current, branches: [...current.branches.slice(0, at), branch, ...current.branches.slice(at)] };
  });
  return { draft: next, branchKey };
}

/** A condition node's default branch cannot be removed (every condition node needs one); the rest can. */
export function canRemoveBranch(node: FlowNode, branchKey: string): boolean {
  if (!isBranching(node)) return false;
  const branch = node.branches.find((candidate) => candidate.key === branchKey);
  return !!branch && !isDefaultBranch(node, branch);
}

/**
 * Removes a branch. When only one branch would be left, the branching node dissolves: the remaining
 * branch's nodes take its place in the chain (so "delete this condition" keeps the other path).
 */
export function removeBranch(draft: FlowDraft, nodeKey: string, branchKey: string): FlowDraft {
  const location = locateNode(draft.nodes, nodeKey);
  if (!location || !canRemoveBranch(location.node, branchKey)) return draft;
  const node = location.node as BranchingNode;
  const rest = node.branches.filter((branch) => branch.key !== branchKey);
  if (rest.length > 1) return updateNode(draft, nodeKey, () => ({ ...node, branches: rest }));
  const kept = rest[0]?.nodes ?? [];
  return mapChain(draft, location.chain, (nodes) => nodes.flatMap((candidate) => (candidate.key === nodeKey ? kept : [candidate])));
}

/** Whether a branch can move one place left (-1) or right (+1): the default branch stays last. */
export function canMoveBranch(node: FlowNode, branchKey: string, delta: -1 | 1): boolean {
  if (!isBranching(node)) return false;
  const index = node.branches.findIndex((branch) => branch.key === branchKey);
  const target = index + delta;
  if (index < 0 || target < 0 || target >= node.branches.length) return false;
  return !isDefaultBranch(node, node.branches[index]) && !isDefaultBranch(node, node.branches[target]);
}

export function moveBranch(draft: FlowDraft, nodeKey: string, branchKey: string, delta: -1 | 1): FlowDraft {
  const node = findNode(draft, nodeKey);
  if (!node || !canMoveBranch(node, branchKey, delta)) return draft;
  return updateNode(draft, nodeKey, (current) => {
    if (!isBranching(current)) return current;
    const branches = [...current.branches];
    const index = branches.findIndex((branch) => branch.key === branchKey);
    [branches[index], branches[index + delta]] = [branches[index + delta], branches[index]];
    return { ...current, branches };
  });
}

/** Adds a default branch to a condition node that lacks one. */
export function addDefaultBranch(draft: FlowDraft, nodeKey: string, name: LocalizedText): FlowDraft {
  const node = findNode(draft, nodeKey);
  if (!node || node.type !== 'condition' || node.branches.some((branch) => isDefaultBranch(node, branch))) return draft;
  const key = node.branches.some((branch) => branch.key === 'otherwise') ? nextBranchKey(node) : 'otherwise';
  return updateNode(draft, nodeKey, (current) => (current.type === 'condition'
    ? { ...current, branches: [...current.branches, { key, name, condition: null, nodes: [] }] }
    : current));
}

/**
 * Puts every condition node's default branches last. The engine tries the default last wherever it
 * sits, so this changes nothing at run time; it only makes the picture match.
 */
export function normalizeBranches(nodes: readonly FlowNode[]): FlowNode[] {
  return mapNodes(nodes, (node) => {
    if (node.type !== 'condition') return node;
    const conditional = node.branches.filter((branch) => !isDefaultBranch(node, branch));
    const defaults = node.branches.filter((branch) => isDefaultBranch(node, branch)).map((branch) => ({ ...branch, condition: null }));
    return { ...node, branches: [...conditional, ...defaults] };
  });
}

// ---- new nodes ----

export type NewNodeNames = {
  /** The name a new node of this type gets (e.g. 审批人). */
  node: (type: AddableNodeType) => LocalizedText;
  /** The name of the n-th branch (1-based), e.g. 条件1 or 分支1. */
  branch: (type: 'condition' | 'parallel', n: number) => LocalizedText;
  /** The name of a condition node's default branch (e.g. 其他情况). */
  defaultBranch: LocalizedText;
};

/** A fresh node of `type` with a key not in `taken`. Condition nodes start with one condition and the default. */
export function createNode(type: AddableNodeType, taken: ReadonlySet<string>, names: NewNodeNames): FlowNode {
  const key = uniqueKey(taken, type);
  const name = names.node(type);
  switch (type) {
    case 'approval':
    case 'handler':
      return { key, type, name, approvers: [] };
    case 'cc':
      return { key, type, name, recipients: [] };
    case 'delay':
      return { key, type, name, duration: 'P1D' };
    case 'action':
      return { key, type, name, effects: [] };
    case 'subflow':
      return { key, type, name, flowKey: '' };
    case 'condition':
      return {
        key, type, name,
        branches: [
          { key: 'branch_1', name: names.branch('condition', 1), condition: { and: [] }, nodes: [] },
          { key: 'otherwise', name: names.defaultBranch, condition: null, nodes: [] },
        ],
      };
    case 'parallel':
      return {
        key, type, name,
        branches: [
          { key: 'branch_1', name: names.branch('parallel', 1), condition: null, nodes: [] },
          { key: 'branch_2', name: names.branch('parallel', 2), condition: null, nodes: [] },
        ],
      };
  }
}
