/** What can happen to an instance. Task events come from `POST /api/tasks/{id}/actions`; `timeout`,
 * `delayElapsed`, `subflowCompleted`, `parentEnded` and `remind` with `actorId: null` come from the
 * API's timers and sub-flows. */
export type FlowEvent =
  | { type: 'start'; recordId: string; initiatorId: string; picks?: Record<string, string[]>; instanceId?: string }
  | { type: 'approve'; taskId: string; actorId: string; comment?: string; data?: Record<string, unknown> }
  | { type: 'reject'; taskId: string; actorId: string; comment?: string }
  /** Without `toNodeKey` (or with `start`): back to the initiator. */
  | { type: 'return'; taskId: string; actorId: string; comment?: string; toNodeKey?: string }
  | { type: 'resubmit'; taskId: string; actorId: string; comment?: string; data?: Record<string, unknown> }
  | { type: 'transfer'; taskId: string; actorId: string; toUserId: string; comment?: string }
  | { type: 'delegate'; taskId: string; actorId: string; toUserId: string; comment?: string }
  | { type: 'addSigner'; taskId: string; actorId: string; toUserId: string; position: 'before' | 'after'; comment?: string }
  | { type: 'withdraw'; actorId: string; comment?: string }
  /** Without `taskId`: every open task. `actorId: null` for scheduled reminders. */
  | { type: 'remind'; actorId: string | null; taskId?: string; comment?: string }
  | { type: 'comment'; actorId: string; comment: string; taskId?: string }
  | { type: 'timeout'; taskId: string }
  | { type: 'delayElapsed'; nodeKey: string }
  /** `visitId` (from the startSubflow effect): ignored when the node has been left and entered again since. */
  | { type: 'subflowCompleted'; nodeKey: string; status: 'approved' | 'rejected' | 'withdrawn'; visitId?: string }
  /** A sub-flow's parent instance ended while the sub-flow still ran: it ends withdrawn. */
  | { type: 'parentEnded' };

export type FlowEventType = FlowEvent['type'];
