import type { Condition, LocalizedText } from '@platform/schema';

/** Where the users of an approval, handler or cc node (or the initiators of a flow) come from.
 * `initiator` and `initiatorPicks` are resolved by the engine; every other source by
 * `FlowContext.resolveApprovers`, which the API implements against the organisation. */
export type ApproverSource =
  | { source: 'users'; userIds: string[] }
  | { source: 'roles'; roleIds: string[] }
  /** The initiator's manager `level` steps up (1 = direct manager), falling back to the department head. */
  | { source: 'manager'; level?: number }
  /** The head of the initiator's main department; `level` climbs to parent departments. */
  | { source: 'departmentHead'; level?: number }
  /** A member/members or department field of the record. */
  | { source: 'field'; fieldKey: string }
  | { source: 'initiator' }
  /** The users the initiator picked for this node when starting (`picks[nodeKey]`). */
  | { source: 'initiatorPicks' };

export type ApproverSourceType = ApproverSource['source'];

export type FieldPermission = 'hidden' | 'readonly' | 'editable' | 'required';
export type FieldPermissions = Record<string, FieldPermission>;

/** sequential: one after another; countersign: all must approve; anySign: the first decision wins;
 * vote: passes when approvals reach `votePercent` of the assignees. */
export type ApprovalMode = 'sequential' | 'countersign' | 'anySign' | 'vote';

/** `after`: an ISO 8601 duration from the task's creation; `field`: a date or datetime field of the record. */
export type FlowDeadline = { after: string } | { field: string };

/** Relative to the deadline (`at` the deadline, `before`/`after` it by `offset`), repeated `times`
 * times every `repeat`. Without a deadline only `after` reminders apply, counted from the task's creation. */
export type FlowReminder = { at: 'before' | 'at' | 'after'; offset?: string; repeat?: string; times?: number };

export type OverduePolicy = 'none' | 'approve' | 'reject' | 'escalate' | 'notify';
export type EmptyApproverPolicy = 'pass' | 'admin' | 'user' | 'reject';
export type InitiatorApproverPolicy = 'self' | 'skip' | 'manager';
export type ResubmitPolicy = 'rerun' | 'jumpBack';

type NodeBase = { key: string; name: LocalizedText };

/** 审批人 (type approval, tasks of kind `approve`) and 办理人 (type handler, tasks of kind `handle`). */
export type ApprovalNode = NodeBase & {
  type: 'approval' | 'handler';
  /** Default `sequential`. */
  mode?: ApprovalMode;
  /** For `vote`: 1..100. */
  votePercent?: number;
  approvers: ApproverSource[];
  fieldPermissions?: FieldPermissions;
  deadline?: FlowDeadline;
  reminders?: FlowReminder[];
  /** Default `none`. */
  onOverdue?: OverduePolicy;
  /** Default `pass`. */
  onEmpty?: EmptyApproverPolicy;
  onEmptyUserId?: string;
  /** Default `self`. */
  onInitiator?: InitiatorApproverPolicy;
  dedupe?: boolean;
  /** What a resubmission does after this node returned the flow to the initiator. Default `rerun`. */
  resubmit?: ResubmitPolicy;
  /** A rejection needs a comment. */
  rejectCommentRequired?: boolean;
};

export type CcNode = NodeBase & { type: 'cc'; recipients: ApproverSource[]; fieldPermissions?: FieldPermissions };

/** A branch of a condition or parallel node. In a condition node `condition: null` marks the default. */
export type FlowBranch = { key: string; name: LocalizedText; condition: Condition | null; nodes: FlowNode[] };

export type ConditionNode = NodeBase & { type: 'condition'; branches: FlowBranch[] };
export type ParallelNode = NodeBase & { type: 'parallel'; branches: FlowBranch[] };

/** Waits `duration` (ISO 8601) or until the date/datetime in `untilField`. */
export type DelayNode = NodeBase & { type: 'delay'; duration?: string; untilField?: string };

export type ActionEffectSpec =
  | { type: 'setFields'; data: Record<string, unknown> }
  | { type: 'notify'; recipients: ApproverSource[]; template: string }
  | { type: 'webhook'; url: string };

export type ActionNode = NodeBase & { type: 'action'; effects: ActionEffectSpec[] };
/** What a sub-flow does to this flow when it does not end approved: `reject` this flow too (default),
 * or `continue` as if it had been approved. */
export type SubflowRejectedPolicy = 'reject' | 'continue';

/** 子流程: starts flow `flowKey` and waits until it ends. Without `relationField` on this record; with it
 * on the record(s) that relation field of this record points to (one child each; the node waits for all). */
export type SubflowNode = NodeBase & { type: 'subflow'; flowKey: string; relationField?: string; onRejected?: SubflowRejectedPolicy };

export type FlowNode = ApprovalNode | CcNode | ConditionNode | ParallelNode | DelayNode | ActionNode | SubflowNode;
export type FlowNodeType = FlowNode['type'];

/** The initiator's own step (reserved node key `start`). No `initiators` (or an empty list): anyone may start. */
export type FlowStartStep = { initiators?: ApproverSource[]; fieldPermissions?: FieldPermissions };

/** When the initiator may withdraw. Default `beforeFirstDecision`. */
export type WithdrawPolicy = 'beforeFirstDecision' | 'whileRunning' | 'never';

/** A published flow: a DingTalk-style tree, i.e. a vertical chain of nodes whose condition and
 * parallel nodes hold branches with chains of their own. Node keys are unique in the whole tree. */
export type FlowDefinition = {
  key: string;
  name: LocalizedText;
  formKey: string;
  version: number;
  start?: FlowStartStep;
  withdraw?: WithdrawPolicy;
  nodes: FlowNode[];
};

/** The reserved key of the initiator's step. */
export const START_NODE_KEY = 'start';
