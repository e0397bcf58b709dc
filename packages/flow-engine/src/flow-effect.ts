import type { FlowTask, TaskCancelReason, TaskDecision } from './flow-instance';

/** Identifies the instance in notifications and webhooks. */
export type FlowEffectData = { instanceId: string; flowKey: string; recordId: string; nodeKey: string | null; taskId?: string };

/** Side effects as data, in the order they arose; the API runs them after persisting the instance.
 * `createTask` is also the "you have a to-do" signal: no separate notify is emitted for it. */
export type FlowEffect =
  | { type: 'createTask'; task: FlowTask }
  | { type: 'completeTask'; taskId: string; decision: TaskDecision }
  | { type: 'cancelTask'; taskId: string; reason: TaskCancelReason }
  | { type: 'notify'; userIds: string[]; template: string; data: FlowEffectData }
  | { type: 'setFields'; data: Record<string, unknown> }
  /** The record is under approval: only `editors` may edit, each only their `fields`
   * (`editableFields` is their union). Emitted whenever that changes. */
  | { type: 'lockRecord'; editableFields: string[]; editors: { userId: string; fields: string[] }[] }
  | { type: 'unlockRecord' }
  /** Run the event `timeout {taskId}` at `at` (a no-op if the task is no longer open). */
  | { type: 'scheduleDeadline'; taskId: string; at: string }
  /** Run the event `remind {taskId, actorId: null}` at `at`. */
  | { type: 'scheduleReminder'; taskId: string; at: string }
  /** Run the event `delayElapsed {nodeKey}` at `at`. */
  | { type: 'scheduleDelay'; nodeKey: string; at: string }
  /** Start flow `flowKey` on this record (or, with `relationField`, on each record it points to); when
   * they have ended, run `subflowCompleted {nodeKey, visitId, status}` (approved: all were approved). */
  | { type: 'startSubflow'; nodeKey: string; visitId: string; flowKey: string; recordId: string; relationField?: string; initiatorId: string }
  | { type: 'webhook'; url: string; payload: FlowEffectData }
  | { type: 'completed'; status: 'approved' | 'rejected' | 'withdrawn' };

export type FlowEffectType = FlowEffect['type'];
