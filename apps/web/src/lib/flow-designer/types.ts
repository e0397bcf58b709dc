import type {
  ActionEffectSpec, ActionNode, ApprovalMode, ApprovalNode, ApproverSource, ApproverSourceType, CcNode, ConditionNode, DelayNode,
  EmptyApproverPolicy, FieldPermission, FieldPermissions, FlowBranch, FlowDeadline, FlowDefinition, FlowNode, FlowNodeType, FlowReminder,
  FlowStartStep, InitiatorApproverPolicy, OverduePolicy, ParallelNode, ResubmitPolicy, SubflowNode, SubflowRejectedPolicy, WithdrawPolicy,
} from '@platform/flow-engine';

// Types only: the engine runs on the server; the designer edits its JSON.
export type {
  ActionEffectSpec, ActionNode, ApprovalMode, ApprovalNode, ApproverSource, ApproverSourceType, CcNode, ConditionNode, DelayNode,
  EmptyApproverPolicy, FieldPermission, FieldPermissions, FlowBranch, FlowDeadline, FlowDefinition, FlowNode, FlowNodeType, FlowReminder,
  FlowStartStep, InitiatorApproverPolicy, OverduePolicy, ParallelNode, ResubmitPolicy, SubflowNode, SubflowRejectedPolicy, WithdrawPolicy,
};

/** What the designer edits: a definition without its version (the server numbers the versions). */
export type FlowDraft = Omit<FlowDefinition, 'version'>;

/** A chain of nodes: the top-level one (null) or the nodes of one branch. */
export type ChainRef = { nodeKey: string; branchKey: string } | null;

export type BranchingNode = ConditionNode | ParallelNode;

/** The node types the "+" menu offers. */
export const ADDABLE_NODE_TYPES = ['approval', 'handler', 'cc', 'condition', 'parallel', 'delay', 'action', 'subflow'] as const;
export type AddableNodeType = (typeof ADDABLE_NODE_TYPES)[number];

/** What the side panel edits. */
export type DesignerSelection =
  | { kind: 'start' }
  | { kind: 'node'; nodeKey: string }
  | { kind: 'branch'; nodeKey: string; branchKey: string };

export function isBranching(node: FlowNode): node is BranchingNode {
  return node.type === 'condition' || node.type === 'parallel';
}

export function isApprovalLike(node: FlowNode): node is ApprovalNode {
  return node.type === 'approval' || node.type === 'handler';
}

/** A condition node's default branch: the one without a condition. */
export function isDefaultBranch(node: FlowNode, branch: FlowBranch): boolean {
  return node.type === 'condition' && (branch.condition === null || branch.condition === undefined);
}
