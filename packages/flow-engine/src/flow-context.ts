import type { ConditionContext, FieldResolver } from '@platform/condition';
import type { ApproverSource } from './flow-definition';

/** Everything the engine needs from outside, as plain values and pure look-ups. */
export type FlowContext = {
  /** Read once per call: every timestamp of one `advance` is the same. */
  now(): Date;
  newId(): string;
  /** Users of a source other than `initiator` and `initiatorPicks` (the engine resolves those). */
  resolveApprovers(source: ApproverSource, scope: { initiatorId: string; record: Record<string, unknown>; nodeKey: string }): string[];
  /** The user's manager `level` steps up, or null. */
  managerOf(userId: string, level: number): string | null;
  /** Receives tasks of nodes without approvers under `onEmpty: admin`. */
  adminUserId: string | null;
  /** The record under approval, for branch conditions, `field` sources, deadlines and required fields. */
  record: Record<string, unknown>;
  conditionContext: ConditionContext;
  /** Field kinds for branch conditions (from form metadata). Without it kinds are guessed from the record. */
  resolveField?: FieldResolver;
};
