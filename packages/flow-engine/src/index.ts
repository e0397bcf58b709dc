export type {
  ActionEffectSpec,
  ActionNode,
  ApprovalMode,
  ApprovalNode,
  ApproverSource,
  ApproverSourceType,
  CcNode,
  ConditionNode,
  DelayNode,
  EmptyApproverPolicy,
  FieldPermission,
  FieldPermissions,
  FlowBranch,
  FlowDeadline,
  FlowDefinition,
  FlowNode,
  FlowNodeType,
  FlowReminder,
  FlowStartStep,
  InitiatorApproverPolicy,
  OverduePolicy,
  ParallelNode,
  ResubmitPolicy,
  SubflowNode,
  SubflowRejectedPolicy,
  WithdrawPolicy,
} from './flow-definition';
export { START_NODE_KEY } from './flow-definition';
export type {
  AutoReason,
  FlowHistoryEntry,
  FlowHistoryEvent,
  FlowInstance,
  FlowInstanceStatus,
  FlowTask,
  FlowToken,
  ReturnedFrom,
  TaskCancelReason,
  TaskDecision,
  TaskKind,
  TaskStatus,
} from './flow-instance';
export type { FlowEvent, FlowEventType } from './flow-event';
export type { FlowEffect, FlowEffectData, FlowEffectType } from './flow-effect';
export type { FlowContext } from './flow-context';
export { FlowError, type FlowErrorCode, type FlowFailure } from './flow-error';
export { advance, type AdvanceResult } from './advance';
export { advanceOrThrow } from './advance-or-throw';
export { validateFlowDefinition, type FlowDefinitionIssue, type FlowDefinitionIssueCode, type ValidateFlowOptions } from './validate-flow-definition';
export { listReturnTargets } from './list-return-targets';
export { currentTasks } from './current-tasks';
export { lockStateOf, type LockState } from './lock-state';
export { parseIsoDuration, type IsoDuration } from './parse-iso-duration';
export { addIsoDuration } from './add-iso-duration';
export { checkFieldData } from './check-field-data';
export { taskFieldAccess, editableFieldsOf, type TaskFieldAccess } from './task-field-access';
