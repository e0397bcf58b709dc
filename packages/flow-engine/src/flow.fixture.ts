// Test helpers: a fake organisation, a deterministic context and a driver that folds events.
import { advance, type AdvanceResult } from './advance';
import type { FlowContext } from './flow-context';
import type { ApprovalNode, ApproverSource, FlowBranch, FlowDefinition, FlowNode } from './flow-definition';
import type { FlowEffect } from './flow-effect';
import type { FlowEvent } from './flow-event';
import type { FlowHistoryEvent, FlowInstance, FlowTask } from './flow-instance';

export type Org = {
  roles?: Record<string, string[]>;
  /** user -> direct manager */
  managers?: Record<string, string>;
  /** user -> head of their main department */
  heads?: Record<string, string>;
  admin?: string | null;
};

export type TestContext = FlowContext & { clock: { now: Date }; setRecord(record: Record<string, unknown>): void };

export const T0 = new Date('2024-05-01T08:00:00.000Z');

export function makeContext(options: { org?: Org; record?: Record<string, unknown>; now?: Date } = {}): TestContext {
  const org = options.org ?? {};
  const clock = { now: options.now ?? T0 };
  let ids = 0;
  const context: TestContext = {
    clock,
    now: () => clock.now,
    newId: () => `id${++ids}`,
    adminUserId: org.admin === undefined ? 'admin' : org.admin,
    record: { ...(options.record ?? {}) },
    conditionContext: { now: clock.now, timeZone: 'Asia/Shanghai' },
    managerOf: (userId, level) => {
      let current: string | null = userId;
      for (let i = 0; i < level && current !== null; i++) current = org.managers?.[current] ?? null;
      return current;
    },
    resolveApprovers: (source, scope) => {
      switch (source.source) {
        case 'users':
          return source.userIds;
        case 'roles':
          return source.roleIds.flatMap((role) => org.roles?.[role] ?? []);
        case 'manager': {
          const manager = context.managerOf(scope.initiatorId, source.level ?? 1);
          return manager === null ? [] : [manager];
        }
        case 'departmentHead': {
          const head = org.heads?.[scope.initiatorId];
          return head === undefined ? [] : [head];
        }
        case 'field': {
          const value = scope.record[source.fieldKey];
          return typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
        }
        default:
          return [];
      }
    },
    setRecord(record) {
      this.record = { ...record };
    },
  };
  return context;
}

export const users = (...userIds: string[]): ApproverSource => ({ source: 'users', userIds });

export function approval(key: string, userIds: string[], extra: Partial<ApprovalNode> = {}): ApprovalNode {
  return { key, name: key, type: 'approval', approvers: userIds.length > 0 ? [users(...userIds)] : [], ...extra };
}

export function branch(key: string, nodes: FlowNode[], condition: FlowBranch['condition'] = null): FlowBranch {
  return { key, name: key, condition, nodes };
}

export function flow(nodes: FlowNode[], extra: Partial<FlowDefinition> = {}): FlowDefinition {
  return { key: 'purchase', name: 'Purchase', formKey: 'purchase_request', version: 1, nodes, ...extra };
}

/** Folds events over an instance, keeping the last and all effects. Task actions name users, not ids. */
export class FlowDriver {
  instance: FlowInstance | null = null;
  effects: FlowEffect[] = [];
  readonly allEffects: FlowEffect[] = [];

  constructor(
    readonly definition: FlowDefinition,
    readonly context: TestContext = makeContext(),
  ) {}

  /** Sends an event; on success the instance and effects move on. */
  send(event: FlowEvent): AdvanceResult {
    const result = advance(this.definition, this.instance, event, this.context);
    if (result.ok) {
      this.instance = result.instance;
      this.effects = result.effects;
      this.allEffects.push(...result.effects);
    }
    return result;
  }

  /** Sends an event that must succeed. */
  ok(event: FlowEvent): this {
    const result = this.send(event);
    if (!result.ok) throw new Error(`${event.type} failed: ${result.code} ${result.message}`);
    return this;
  }

  start(initiatorId = 'ini', picks?: Record<string, string[]>): this {
    return this.ok({ type: 'start', recordId: 'rec1', initiatorId, picks });
  }

  get current(): FlowInstance {
    if (this.instance === null) throw new Error('not started');
    return this.instance;
  }

  get status(): FlowInstance['status'] {
    return this.current.status;
  }

  /** Assignees of open tasks, in creation order. */
  todo(): string[] {
    return this.current.tasks.filter((task) => task.status === 'todo').map((task) => task.assigneeId);
  }

  /** The one open task of a user. */
  taskOf(userId: string): FlowTask {
    const open = this.current.tasks.filter((task) => task.status === 'todo' && task.assigneeId === userId);
    if (open.length !== 1) throw new Error(`${userId} has ${open.length} open tasks`);
    return open[0];
  }

  approve(userId: string, extra: { comment?: string; data?: Record<string, unknown> } = {}): this {
    return this.ok({ type: 'approve', taskId: this.taskOf(userId).id, actorId: userId, ...extra });
  }

  reject(userId: string, comment?: string): this {
    return this.ok({ type: 'reject', taskId: this.taskOf(userId).id, actorId: userId, comment });
  }

  events(...only: FlowHistoryEvent[]): string[] {
    return this.current.history
      .filter((entry) => only.length === 0 || only.includes(entry.event))
      .map((entry) => `${entry.event}:${entry.nodeKey ?? '-'}${entry.actorId === null ? '' : `:${entry.actorId}`}`);
  }

  effectsOf<T extends FlowEffect['type']>(type: T, all = false): Extract<FlowEffect, { type: T }>[] {
    return (all ? this.allEffects : this.effects).filter((effect): effect is Extract<FlowEffect, { type: T }> => effect.type === type);
  }
}
