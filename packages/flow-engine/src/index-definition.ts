import type { ConditionNode, FlowBranch, FlowDefinition, FlowNode, ParallelNode } from './flow-definition';

/** One step of the way from the main chain down to a node: the node at `position` of chain `chainId`
 * and, for a condition or parallel node on the way, the branch taken. */
export type PathStep = { nodeKey: string; type: FlowNode['type']; chainId: string; position: number; branchKey: string | null };

export type NodeLocation = {
  node: FlowNode;
  chain: FlowNode[];
  position: number;
  /** The condition or parallel node whose branch holds the chain; null on the main chain. */
  owner: { node: ConditionNode | ParallelNode; branch: FlowBranch } | null;
  /** From the main chain down to the node itself (last step). */
  path: PathStep[];
};

export type DefinitionIndex = Map<string, NodeLocation>;

const cache = new WeakMap<FlowDefinition, DefinitionIndex>();

/** Every node of the tree by key, with its place. Cached per definition object (definitions are
 * treated as immutable). With duplicate keys the first occurrence wins; validateFlowDefinition
 * refuses such definitions. */
export function indexDefinition(definition: FlowDefinition): DefinitionIndex {
  const cached = cache.get(definition);
  if (cached !== undefined) return cached;
  const index: DefinitionIndex = new Map();
  walk(definition.nodes, 'main', [], null, index);
  cache.set(definition, index);
  return index;
}

function walk(chain: FlowNode[], chainId: string, above: PathStep[], owner: NodeLocation['owner'], index: DefinitionIndex): void {
  chain.forEach((node, position) => {
    const step: PathStep = { nodeKey: node.key, type: node.type, chainId, position, branchKey: null };
    if (!index.has(node.key)) index.set(node.key, { node, chain, position, owner, path: [...above, step] });
    if (node.type === 'condition' || node.type === 'parallel') {
      for (const branch of node.branches) {
        walk(branch.nodes, `${node.key}/${branch.key}`, [...above, { ...step, branchKey: branch.key }], { node, branch }, index);
      }
    }
  });
}
