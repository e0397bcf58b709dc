import { addIsoDuration } from './add-iso-duration';
import { chooseBranch } from './choose-branch';
import {
  START_NODE_KEY,
  type ActionNode,
  type ApprovalNode,
  type CcNode,
  type ConditionNode,
  type DelayNode,
  type FlowDefinition,
  type FlowNode,
  type ParallelNode,
} from './flow-definition';
import type { FlowContext } from './flow-context';
import type { FlowEffect, FlowEffectData } from './flow-effect';
import type { FlowFailure } from './flow-error';
import type {
  AutoReason,
  FlowHistoryEntry,
  FlowInstance,
  FlowInstanceStatus,
  FlowTask,
  FlowToken,
  TaskCancelReason,
  TaskDecision,
  TaskKind,
} from './flow-instance';
import { historySince } from './history-since';
import { indexDefinition, type DefinitionIndex } from './index-definition';
import { lockStateOf, type LockState } from './lock-state';
import { nodeOutcome } from './node-outcome';
import { readInstant } from './read-instant';
import { resolveUsers } from './resolve-users';

/** What an event handler reports: a failure (nothing changes), `noop` (success, nothing changes) or `ok`. */
export type HandlerOutcome = FlowFailure | 'noop' | 'ok';

export type AdvanceSuccess = { ok: true; instance: FlowInstance; effects: FlowEffect[] };

type HistoryInput = Omit<FlowHistoryEntry, 'at' | 'comment'> & { comment?: string | null };
type Step = { assigneeId: string; next: string[]; order: number };
type TaskSpec = {
  nodeKey: string;
  kind: TaskKind;
  assigneeId: string;
  visitId: string;
  seat: number;
  order: number;
  next: string[];
  delegatedFrom?: string;
  /** cc tasks are created done. */
  done?: boolean;
};

const MAX_REMINDERS_PER_RULE = 20;

/** One call of the engine: a private copy of the instance that the event handlers change, the
 * effects collected on the way, and the walk through the definition (entering nodes, settling
 * approval seats, moving tokens on, finishing). Only `advance` creates one, on a clone. */
export class FlowRun {
  readonly effects: FlowEffect[] = [];
  readonly index: DefinitionIndex;
  readonly now: Date;
  readonly at: string;
  /** The record as this call leaves it (context.record plus fields set on the way). */
  readonly record: Record<string, unknown>;

  constructor(
    readonly definition: FlowDefinition,
    readonly instance: FlowInstance,
    readonly context: FlowContext,
  ) {
    this.index = indexDefinition(definition);
    this.now = context.now();
    this.at = this.now.toISOString();
    this.record = { ...context.record };
  }

  get running(): boolean {
    return this.instance.status === 'running';
  }

  /** The result, with a lock or unlock effect when the editing rules of the record changed. */
  result(before: LockState): AdvanceSuccess {
    const after = lockStateOf(this.definition, this.instance);
    if (JSON.stringify(before) !== JSON.stringify(after)) {
      if (after.locked) {
        const editableFields = [...new Set(after.editors.flatMap((editor) => editor.fields))].sort();
        this.effects.push({ type: 'lockRecord', editableFields, editors: after.editors });
      } else {
        this.effects.push({ type: 'unlockRecord' });
      }
    }
    return { ok: true, instance: this.instance, effects: this.effects };
  }

  // ---- bookkeeping -------------------------------------------------------------------------

  log(input: HistoryInput): void {
    const { nodeKey, event, actorId, comment, ...rest } = input;
    this.instance.history.push({ at: this.at, nodeKey, event, actorId, comment: comment ?? null, ...rest });
  }

  effectData(nodeKey: string | null, taskId?: string): FlowEffectData {
    const data: FlowEffectData = { instanceId: this.instance.id, flowKey: this.instance.flowKey, recordId: this.instance.recordId, nodeKey };
    if (taskId !== undefined) data.taskId = taskId;
    return data;
  }

  notify(userIds: readonly (string | null)[], template: string, nodeKey: string | null, taskId?: string): void {
    const unique = [...new Set(userIds.filter((id): id is string => typeof id === 'string' && id !== ''))];
    if (unique.length > 0) this.effects.push({ type: 'notify', userIds: unique, template, data: this.effectData(nodeKey, taskId) });
  }

  setFields(data: Record<string, unknown> | undefined): void {
    if (data === undefined || Object.keys(data).length === 0) return;
    Object.assign(this.record, data);
    this.effects.push({ type: 'setFields', data: { ...data } });
  }

  approvalNode(nodeKey: string): ApprovalNode | null {
    const node = this.index.get(nodeKey)?.node;
    return node !== undefined && (node.type === 'approval' || node.type === 'handler') ? node : null;
  }

  tokenOf(task: FlowTask): FlowToken | undefined {
    return this.instance.tokens.find((token) => token.visitId === task.visitId);
  }

  hasOpenTask(visitId: string, userId: string): boolean {
    return this.instance.tasks.some((task) => task.visitId === visitId && task.assigneeId === userId && task.status === 'todo');
  }

  // ---- tasks -------------------------------------------------------------------------------

  createTask(spec: TaskSpec, node: ApprovalNode | null): FlowTask {
    const task: FlowTask = {
      id: this.context.newId(),
      instanceId: this.instance.id,
      recordId: this.instance.recordId,
      nodeKey: spec.nodeKey,
      kind: spec.kind,
      assigneeId: spec.assigneeId,
      status: spec.done === true ? 'done' : 'todo',
      seat: spec.seat,
      order: spec.order,
      next: [...spec.next],
      visitId: spec.visitId,
      createdAt: this.at,
    };
    if (spec.delegatedFrom !== undefined) task.delegatedFrom = spec.delegatedFrom;
    if (spec.done === true) task.doneAt = this.at;
    if (node !== null && task.status === 'todo') this.setDeadline(task, node);
    this.instance.tasks.push(task);
    this.effects.push({ type: 'createTask', task: structuredClone(task) });
    this.log({ nodeKey: task.nodeKey, event: 'taskCreated', actorId: null, taskId: task.id, userId: task.assigneeId });
    if (task.dueAt !== undefined) this.effects.push({ type: 'scheduleDeadline', taskId: task.id, at: task.dueAt });
    if (node !== null && task.status === 'todo') this.scheduleReminders(task, node);
    return task;
  }

  completeTask(task: FlowTask, decision: TaskDecision, comment: string | undefined): void {
    task.status = 'done';
    task.decision = decision;
    task.doneAt = this.at;
    if (comment !== undefined && comment !== '') task.comment = comment;
    this.effects.push({ type: 'completeTask', taskId: task.id, decision });
  }

  /** Cancels the open tasks that match; returns them. */
  cancelOpenTasks(matches: (task: FlowTask) => boolean, reason: TaskCancelReason): FlowTask[] {
    const cancelled: FlowTask[] = [];
    for (const task of this.instance.tasks) {
      if (task.status !== 'todo' || !matches(task)) continue;
      task.status = 'cancelled';
      task.cancelReason = reason;
      task.doneAt = this.at;
      this.effects.push({ type: 'cancelTask', taskId: task.id, reason });
      cancelled.push(task);
    }
    return cancelled;
  }

  private setDeadline(task: FlowTask, node: ApprovalNode): void {
    const deadline = node.deadline;
    if (deadline === undefined) return;
    const due = 'after' in deadline
      ? addIsoDuration(this.now, deadline.after)
      : readInstant(this.record[deadline.field], this.context.conditionContext.timeZone, true);
    if (due !== null) task.dueAt = due.toISOString();
  }

  private scheduleReminders(task: FlowTask, node: ApprovalNode): void {
    for (const reminder of node.reminders ?? []) {
      const due = task.dueAt === undefined ? null : new Date(task.dueAt);
      let first: Date | null;
      if (reminder.at === 'at') first = due;
      else if (reminder.at === 'before') first = due === null ? null : addIsoDuration(due, reminder.offset ?? 'PT0S', -1);
      else first = addIsoDuration(due ?? this.now, reminder.offset ?? 'PT0S');
      if (first === null) continue;
      const times = Math.min(MAX_REMINDERS_PER_RULE, Math.max(1, Math.floor(reminder.times ?? 1)));
      let at: Date | null = first;
      for (let i = 0; i < times && at !== null; i++) {
        if (at.getTime() > this.now.getTime()) this.effects.push({ type: 'scheduleReminder', taskId: task.id, at: at.toISOString() });
        if (reminder.repeat === undefined) break;
        at = addIsoDuration(at, reminder.repeat);
      }
    }
  }

  // ---- walking the definition --------------------------------------------------------------

  /** A fresh token at the first node of the main chain (approved at once when there is none). */
  startAtMain(): void {
    this.instance.tokens = [];
    const first = this.definition.nodes[0];
    if (first === undefined) {
      this.finish('approved');
      return;
    }
    const token: FlowToken = { id: this.context.newId(), nodeKey: first.key, parentId: null, branchKey: null, visitId: '' };
    this.instance.tokens.push(token);
    this.enterNode(token, first);
  }

  enterNode(token: FlowToken, node: FlowNode): void {
    if (!this.running) return;
    token.nodeKey = node.key;
    token.visitId = this.context.newId();
    delete token.seats;
    delete token.waitUntil;
    switch (node.type) {
      case 'approval':
      case 'handler':
        this.enterApproval(token, node);
        return;
      case 'cc':
        this.enterCc(token, node);
        return;
      case 'condition':
        this.enterCondition(token, node);
        return;
      case 'parallel':
        this.enterParallel(token, node);
        return;
      case 'delay':
        this.enterDelay(token, node);
        return;
      case 'action':
        this.enterAction(token, node);
        return;
      case 'subflow':
        this.effects.push({
          type: 'startSubflow',
          nodeKey: node.key,
          visitId: token.visitId,
          flowKey: node.flowKey,
          recordId: this.instance.recordId,
          ...(node.relationField === undefined ? {} : { relationField: node.relationField }),
          initiatorId: this.instance.initiatorId,
        });
        return;
    }
  }

  /** The token's node is done: log it and move on. */
  completeNode(token: FlowToken): void {
    if (!this.running) return;
    this.log({ nodeKey: token.nodeKey, event: 'nodeCompleted', actorId: null });
    delete token.seats;
    delete token.waitUntil;
    const location = this.index.get(token.nodeKey);
    if (location === undefined) return;
    const following = location.chain[location.position + 1];
    if (following !== undefined) {
      this.enterNode(token, following);
      return;
    }
    const owner = location.owner;
    if (owner === null) {
      this.finish('approved');
    } else if (owner.node.type === 'condition') {
      token.nodeKey = owner.node.key;
      this.completeNode(token);
    } else {
      this.branchDone(token);
    }
  }

  /** A parallel branch reached its end: the join completes when it was the last one. */
  private branchDone(token: FlowToken): void {
    this.instance.tokens = this.instance.tokens.filter((other) => other.id !== token.id);
    if (this.instance.tokens.some((other) => other.parentId === token.parentId)) return;
    const parent = this.instance.tokens.find((other) => other.id === token.parentId);
    if (parent !== undefined) this.completeNode(parent);
  }

  /** Ends the instance: open tasks cancelled, tokens gone. Returns the tasks it cancelled. */
  finish(status: Exclude<FlowInstanceStatus, 'running' | 'returned'>): FlowTask[] {
    const cancelled = this.cancelOpenTasks(() => true, status === 'withdrawn' ? 'withdrawn' : 'superseded');
    this.instance.tokens = [];
    this.instance.status = status;
    this.instance.finishedAt = this.at;
    this.instance.returnedFrom = null;
    this.log({ nodeKey: null, event: 'completed', actorId: null, status });
    this.effects.push({ type: 'completed', status });
    if (status !== 'withdrawn') this.notify([this.instance.initiatorId], `flow.${status}`, null);
    return cancelled;
  }

  private scope(nodeKey: string) {
    return { context: this.context, initiatorId: this.instance.initiatorId, picks: this.instance.picks, nodeKey, record: this.record };
  }

  private enterCc(token: FlowToken, node: CcNode): void {
    const users = resolveUsers(node.recipients, this.scope(node.key));
    users.forEach((assigneeId, seat) => {
      this.createTask({ nodeKey: node.key, kind: 'cc', assigneeId, visitId: token.visitId, seat, order: 0, next: [], done: true }, null);
    });
    this.notify(users, 'flow.cc', node.key);
    this.completeNode(token);
  }

  private enterCondition(token: FlowToken, node: ConditionNode): void {
    const branch = chooseBranch(node, this.record, this.context);
    if (branch !== null) this.log({ nodeKey: node.key, event: 'branchChosen', actorId: null, branchKey: branch.key });
    const first = branch?.nodes[0];
    if (first === undefined) this.completeNode(token);
    else this.enterNode(token, first);
  }

  private enterParallel(token: FlowToken, node: ParallelNode): void {
    if (node.branches.length === 0) {
      this.completeNode(token);
      return;
    }
    const children = node.branches.map((branch) => ({
      branch,
      token: { id: this.context.newId(), nodeKey: node.key, parentId: token.id, branchKey: branch.key, visitId: '' } satisfies FlowToken,
    }));
    this.instance.tokens.push(...children.map((child) => child.token));
    for (const child of children) {
      if (!this.running) return;
      const first = child.branch.nodes[0];
      if (first === undefined) this.branchDone(child.token);
      else this.enterNode(child.token, first);
    }
  }

  private enterDelay(token: FlowToken, node: DelayNode): void {
    let until: Date | null = null;
    if (node.untilField !== undefined) until = readInstant(this.record[node.untilField], this.context.conditionContext.timeZone, false);
    else if (node.duration !== undefined) until = addIsoDuration(this.now, node.duration);
    if (until === null || until.getTime() <= this.now.getTime()) {
      this.completeNode(token);
      return;
    }
    token.waitUntil = until.toISOString();
    this.effects.push({ type: 'scheduleDelay', nodeKey: node.key, at: token.waitUntil });
  }

  private enterAction(token: FlowToken, node: ActionNode): void {
    for (const spec of node.effects) {
      if (spec.type === 'setFields') this.setFields(spec.data);
      else if (spec.type === 'notify') this.notify(resolveUsers(spec.recipients, this.scope(node.key)), spec.template, node.key);
      else this.effects.push({ type: 'webhook', url: spec.url, payload: this.effectData(node.key) });
    }
    this.completeNode(token);
  }

  // ---- approval and handler nodes ---------------------------------------------------------

  private enterApproval(token: FlowToken, node: ApprovalNode): void {
    let users = this.assignees(node);
    if (users.length === 0) {
      const policy = node.onEmpty ?? 'pass';
      const substitute = policy === 'admin' ? this.context.adminUserId : policy === 'user' ? node.onEmptyUserId ?? null : null;
      if (substitute !== null && substitute !== '') {
        users = [substitute];
      } else if (policy === 'pass') {
        this.log({ nodeKey: node.key, event: 'approved', actorId: null, auto: 'empty' });
        this.completeNode(token);
        return;
      } else {
        this.log({ nodeKey: node.key, event: 'rejected', actorId: null, auto: 'empty' });
        this.finish('rejected');
        return;
      }
    }
    const chains = (node.mode ?? 'sequential') === 'sequential' ? [users] : users.map((user) => [user]);
    const seats = { total: chains.length, approved: 0, rejected: 0 };
    token.seats = seats;
    const waiting: { seat: number; step: Step }[] = [];
    chains.forEach((chain, seat) => {
      const step = this.offer(node, chain, 0);
      if (step === null) seats.approved += 1;
      else waiting.push({ seat, step });
    });
    if (nodeOutcome(node.mode ?? 'sequential', seats, node.votePercent) === 'pending') {
      for (const { seat, step } of waiting) this.createTask({ ...this.taskBase(node, token), ...step, seat }, node);
    }
    this.settle(token, node);
  }

  /** The node's users, the initiator replaced by their manager under `onInitiator: manager`. */
  private assignees(node: ApprovalNode): string[] {
    const users = resolveUsers(node.approvers, this.scope(node.key));
    if ((node.onInitiator ?? 'self') !== 'manager') return users;
    const initiator = this.instance.initiatorId;
    const manager = this.context.managerOf(initiator, 1);
    const replaced = users.flatMap((user) => (user !== initiator ? [user] : manager !== null && manager !== '' ? [manager] : []));
    return [...new Set(replaced)];
  }

  private taskBase(node: ApprovalNode, token: FlowToken) {
    return { nodeKey: node.key, kind: node.type === 'handler' ? ('handle' as const) : ('approve' as const), visitId: token.visitId };
  }

  /** The first user of a seat's chain who has to act; those before pass automatically (logged).
   * null when the whole chain passed. */
  private offer(node: ApprovalNode, chain: readonly string[], order: number): Step | null {
    for (let i = 0; i < chain.length; i++) {
      const user = chain[i];
      const auto = this.autoPass(node, user);
      if (auto === null) return { assigneeId: user, next: chain.slice(i + 1), order: order + i };
      this.log({ nodeKey: node.key, event: 'approved', actorId: user, auto });
    }
    return null;
  }

  private autoPass(node: ApprovalNode, user: string): AutoReason | null {
    if (user === this.instance.initiatorId && node.onInitiator === 'skip') return 'initiator';
    if (node.dedupe === true && this.approvedThisRound(user)) return 'dedupe';
    return null;
  }

  /** Approved anything since the flow was (re)submitted or last returned. */
  private approvedThisRound(user: string): boolean {
    return historySince(this.instance.history, ['started', 'resubmitted', 'returned']).some(
      (entry) => entry.event === 'approved' && entry.actorId === user,
    );
  }

  /** Completes the node or rejects the instance once its seats decide it. */
  private settle(token: FlowToken, node: ApprovalNode): void {
    if (token.seats === undefined || !this.running) return;
    const outcome = nodeOutcome(node.mode ?? 'sequential', token.seats, node.votePercent);
    if (outcome === 'approved') {
      this.cancelOpenTasks((task) => task.visitId === token.visitId, 'superseded');
      this.completeNode(token);
    } else if (outcome === 'rejected') {
      this.finish('rejected');
    }
  }

  /** An approve or reject on an open approval/handler task, by a person or (actorId null) by the
   * overdue policy. A delegate's decision is an opinion: the task goes back to the delegator. */
  decide(task: FlowTask, decision: 'approved' | 'rejected', actorId: string | null, comment: string | undefined, auto?: AutoReason): void {
    const token = this.tokenOf(task);
    const node = this.approvalNode(task.nodeKey);
    if (token === undefined || node === null) return;
    this.completeTask(task, decision, comment);
    const extra = auto === undefined ? {} : { auto };
    if (task.delegatedFrom !== undefined) {
      this.log({ nodeKey: node.key, event: 'delegateReplied', actorId, comment, taskId: task.id, userId: task.delegatedFrom, decision, ...extra });
      this.createTask({ ...this.taskBase(node, token), assigneeId: task.delegatedFrom, seat: task.seat, order: task.order, next: task.next }, node);
      return;
    }
    this.log({ nodeKey: node.key, event: decision, actorId, comment, taskId: task.id, ...extra });
    const seats = token.seats ?? { total: 1, approved: 0, rejected: 0 };
    token.seats = seats;
    if (decision === 'rejected') {
      seats.rejected += 1;
    } else {
      const step = task.next.length > 0 ? this.offer(node, task.next, task.order + 1) : null;
      if (step !== null) {
        this.createTask({ ...this.taskBase(node, token), ...step, seat: task.seat }, node);
        return;
      }
      seats.approved += 1;
    }
    this.settle(token, node);
  }

  /** Hands an open task to another user: `transfer` for good, `delegate` until the delegate acted. */
  reassign(task: FlowTask, toUserId: string, how: 'transfer' | 'delegate', actorId: string | null, comment: string | undefined, auto?: AutoReason): void {
    const token = this.tokenOf(task);
    const node = this.approvalNode(task.nodeKey);
    if (token === undefined || node === null) return;
    this.completeTask(task, how === 'transfer' ? 'transferred' : 'delegated', comment);
    this.log({
      nodeKey: node.key,
      event: how === 'transfer' ? 'transferred' : 'delegated',
      actorId,
      comment,
      taskId: task.id,
      userId: toUserId,
      ...(auto === undefined ? {} : { auto }),
    });
    const spec = { ...this.taskBase(node, token), assigneeId: toUserId, seat: task.seat, order: task.order, next: task.next };
    this.createTask(how === 'delegate' ? { ...spec, delegatedFrom: task.assigneeId } : spec, node);
  }

  /** 加签: `before` the new signer decides first, then the task comes back; `after` the new signer
   * decides after the current assignee approves. Either way within the same seat. */
  addSigner(task: FlowTask, toUserId: string, position: 'before' | 'after', actorId: string, comment: string | undefined): void {
    const token = this.tokenOf(task);
    const node = this.approvalNode(task.nodeKey);
    if (token === undefined || node === null) return;
    this.log({ nodeKey: node.key, event: 'signerAdded', actorId, comment, taskId: task.id, userId: toUserId, position });
    if (position === 'after') {
      task.next = [toUserId, ...task.next];
      return;
    }
    this.completeTask(task, 'signerAdded', comment);
    this.createTask({ ...this.taskBase(node, token), assigneeId: toUserId, seat: task.seat, order: task.order, next: [task.assigneeId, ...task.next] }, node);
  }

  // ---- return and resubmit ----------------------------------------------------------------

  /** Back to the initiator: every open task cancelled, the paths remembered for `jumpBack`, and a
   * `resubmit` task for the initiator on node `start`. */
  returnToStart(task: FlowTask, node: ApprovalNode, actorId: string, comment: string | undefined): void {
    this.completeTask(task, 'returned', comment);
    const tokens = this.instance.tokens.map(({ id, nodeKey, parentId, branchKey, visitId }) => ({ id, nodeKey, parentId, branchKey, visitId }));
    this.cancelOpenTasks(() => true, 'returned');
    this.instance.tokens = [];
    this.instance.status = 'returned';
    this.instance.returnedFrom = { nodeKey: node.key, resubmit: node.resubmit ?? 'rerun', tokens };
    this.log({ nodeKey: node.key, event: 'returned', actorId, comment, taskId: task.id, toNodeKey: START_NODE_KEY });
    this.createTask(
      { nodeKey: START_NODE_KEY, kind: 'resubmit', assigneeId: this.instance.initiatorId, visitId: this.context.newId(), seat: 0, order: 0, next: [] },
      null,
    );
  }

  /** Back to a passed node `targetKey` before the task's node: the path from the chain the two share
   * is rebuilt to stand at the target (the other branches of parallel nodes on the way count as done;
   * paths outside that chain keep going), and the target runs again. */
  returnToNode(task: FlowTask, targetKey: string, actorId: string, comment: string | undefined): void {
    const from = this.tokenOf(task);
    const target = this.index.get(targetKey);
    const returning = this.index.get(task.nodeKey);
    if (from === undefined || target === undefined || returning === undefined) return;
    this.completeTask(task, 'returned', comment);
    this.log({ nodeKey: task.nodeKey, event: 'returned', actorId, comment, taskId: task.id, toNodeKey: targetKey });
    const path = target.path;
    const level = path.findIndex((step, i) => returning.path[i]?.position !== step.position || returning.path[i]?.branchKey !== step.branchKey);
    // The innermost parallel branch above the shared chain decides which token owns that chain.
    const parallelAbove = path.slice(0, level).filter((step) => step.type === 'parallel').pop();
    const owns = (token: FlowToken): boolean => {
      if (parallelAbove === undefined) return token.parentId === null;
      const parent = this.instance.tokens.find((other) => other.id === token.parentId);
      return parent?.nodeKey === parallelAbove.nodeKey && token.branchKey === parallelAbove.branchKey;
    };
    let owner: FlowToken | undefined = from;
    while (owner !== undefined && !owns(owner)) {
      const parentId: string | null = owner.parentId;
      owner = this.instance.tokens.find((other) => other.id === parentId);
    }
    if (owner === undefined) return;
    const removed = new Set<string>([owner.id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const token of this.instance.tokens) {
        if (token.parentId !== null && removed.has(token.parentId) && !removed.has(token.id)) {
          removed.add(token.id);
          grew = true;
        }
      }
    }
    const visits = new Set(this.instance.tokens.filter((token) => removed.has(token.id)).map((token) => token.visitId));
    this.cancelOpenTasks((open) => visits.has(open.visitId), 'returned');
    this.instance.tokens = this.instance.tokens.filter((token) => !removed.has(token.id));
    let current: FlowToken = { id: this.context.newId(), nodeKey: path[level].nodeKey, parentId: owner.parentId, branchKey: owner.branchKey, visitId: '' };
    this.instance.tokens.push(current);
    for (const step of path.slice(level, -1)) {
      current.nodeKey = step.nodeKey;
      if (step.type !== 'parallel') continue;
      const child: FlowToken = { id: this.context.newId(), nodeKey: step.nodeKey, parentId: current.id, branchKey: step.branchKey, visitId: '' };
      this.instance.tokens.push(child);
      current = child;
    }
    this.enterNode(current, target.node);
  }

  /** After the initiator resubmitted: `jumpBack` puts the paths back where they were when the flow
   * was returned (their nodes run again), `rerun` starts from the first node. */
  resume(): void {
    const from = this.instance.returnedFrom;
    this.instance.returnedFrom = null;
    this.instance.status = 'running';
    if (from === null || from.resubmit !== 'jumpBack' || from.tokens.length === 0) {
      this.startAtMain();
      return;
    }
    this.instance.tokens = from.tokens.map((token) => ({ ...token }));
    const leaves = this.instance.tokens.filter((token) => !this.instance.tokens.some((other) => other.parentId === token.id));
    for (const leaf of leaves) {
      const node = this.index.get(leaf.nodeKey)?.node;
      if (node !== undefined && this.instance.tokens.includes(leaf)) this.enterNode(leaf, node);
    }
  }
}
