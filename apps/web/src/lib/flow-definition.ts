import type { FlowDefinitionSummary, FlowNodeSummary } from '../api/flow-types';

/** The reserved key of the initiator's own step. */
export const START_NODE_KEY = 'start';

/** A node anywhere in the tree (inside condition and parallel branches too). */
export function findNode(nodes: readonly FlowNodeSummary[] | undefined, key: string): FlowNodeSummary | undefined {
  for (const node of nodes ?? []) {
    if (node.key === key) return node;
    for (const branch of node.branches ?? []) {
      const found = findNode(branch.nodes, key);
      if (found) return found;
    }
  }
  return undefined;
}

/** Every node of the tree in definition order (depth first). */
export function allNodes(nodes: readonly FlowNodeSummary[] | undefined): FlowNodeSummary[] {
  return (nodes ?? []).flatMap((node) => [node, ...(node.branches ?? []).flatMap((branch) => allNodes(branch.nodes))]);
}

/** Approval and handler nodes whose approvers the initiator picks when starting (`picks[nodeKey]`). */
export function nodesNeedingPicks(flow: FlowDefinitionSummary | undefined): FlowNodeSummary[] {
  return allNodes(flow?.nodes).filter((node) => (node.approvers ?? []).some((approver) => approver.source === 'initiatorPicks'));
}

/** The flows bound to one form, by name order as the API lists them. */
export function flowsForForm(flows: readonly FlowDefinitionSummary[] | undefined, formKey: string): FlowDefinitionSummary[] {
  return (flows ?? []).filter((flow) => flow.formKey === formKey);
}
