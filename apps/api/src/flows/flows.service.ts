import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  advance, checkFieldData, editableFieldsOf, taskFieldAccess, validateFlowDefinition,
  type FlowContext, type FlowDefinition, type FlowEffect, type FlowEvent, type FlowInstance, type FlowNode,
} from '@platform/flow-engine';
import { AuditService } from '../audit/audit.service';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { CLOCK, SETTINGS, type Clock } from '../common/core.module';
import { parseLimit } from '../common/paging';
import type { Settings } from '../common/settings';
import { isUuid, uuidV7 } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';
import { JobsService } from '../jobs/jobs.service';
import { NotificationsService } from '../notifications/notifications.service';
import { RecordsService } from '../records/records.service';
import { conditionFieldKey, conditionFieldOf } from '../records/condition-fields';
import type { FormRuntime } from '../records/form-runtime';
import { flowApiError, instanceView, type InstanceRow } from './flow-view';
import { OrgSnapshot, type OrgDepartment, type OrgUser } from './org-snapshot';

type Definition = FlowDefinition & { version: number };
/** The node of a parent instance that waits for a sub-flow, and the visit of it that started the sub-flow. */
type Parent = { id: string; nodeKey: string; visitId: string };
type Target = { appKey: string; formKey: string; def: Definition; row: InstanceRow | null; parent: Parent | null };
/** Left for after the instance that caused it is saved: a sub-flow node whose sub-flows may all have
 * ended (`force`: it ends so, as when its sub-flow could not start). */
type FollowUp = Parent & { force?: 'approved' | 'rejected' };
/** One transaction's flow work: what it runs on, who acts, and the follow-ups it collects. */
type Run = { tx: Queryable; actorId: string | null; followUps: FollowUp[] };

/**
 * A field (or a part of one, `address.city`) that a branch condition reads. Branches have always taken
 * every operator of a field's kind, so whole fields are not narrowed to their type's operators.
 */
function branchField(runtime: FormRuntime, path: string) {
  const f = runtime.byKey.get(conditionFieldKey(path));
  return f ? conditionFieldOf(f, path, { typeOperators: false }) : undefined;
}

const ACTIONS = ['approve', 'reject', 'return', 'resubmit', 'transfer', 'delegate', 'addSigner', 'remind', 'comment', 'save'] as const;
/** Sub-flows starting sub-flows stop here (a flow that starts itself would never end). */
const MAX_SUBFLOW_DEPTH = 5;
const ENDED = new Set(['approved', 'rejected', 'withdrawn']);

/** Every sub-flow node of a definition, however deep in branches. */
function subflowNodes(nodes: readonly FlowNode[]): Extract<FlowNode, { type: 'subflow' }>[] {
  return nodes.flatMap((node) => {
    if (node.type === 'subflow') return [node];
    if (node.type === 'condition' || node.type === 'parallel') return node.branches.flatMap((branch) => subflowNodes(branch.nodes));
    return [];
  });
}

function eventOf(action: string, body: Record<string, unknown>, taskId: string, actorId: string): FlowEvent {
  const base = { taskId, actorId, comment: body.comment as string | undefined };
  const data = body.data as Record<string, unknown> | undefined;
  switch (action) {
    case 'approve': return { type: 'approve', ...base, data };
    case 'resubmit': return { type: 'resubmit', ...base, data };
    case 'reject': return { type: 'reject', ...base };
    case 'return': return { type: 'return', ...base, toNodeKey: body.toNodeKey as string | undefined };
    case 'transfer': return { type: 'transfer', ...base, toUserId: body.toUserId as string };
    case 'delegate': return { type: 'delegate', ...base, toUserId: body.toUserId as string };
    case 'addSigner': return { type: 'addSigner', ...base, toUserId: body.toUserId as string, position: body.position === 'before' ? 'before' : 'after' };
    case 'remind': return { type: 'remind', actorId, taskId, comment: base.comment };
    default: return { type: 'comment', actorId, taskId, comment: (body.comment as string) ?? '' };
  }
}

function checkActionBodyOrThrow(body: Record<string, unknown>) {
  const action = body.action;
  if (!ACTIONS.includes(action as (typeof ACTIONS)[number])) {
    throw validationFailed([{ path: ['action'], code: 'invalid_option', message: `action must be one of ${ACTIONS.join(', ')}` }]);
  }
  for (const k of ['comment', 'toUserId', 'toNodeKey', 'position'] as const) {
    if (body[k] !== undefined && typeof body[k] !== 'string') throw validationFailed([{ path: [k], code: 'invalid_type', message: `${k} must be a string` }]);
  }
  if (body.comment !== undefined && (body.comment as string).length > 2000) throw validationFailed([{ path: ['comment'], code: 'too_long', message: 'comment is longer than 2,000 characters' }]);
  if (body.data !== undefined && (typeof body.data !== 'object' || body.data === null || Array.isArray(body.data))) throw validationFailed([{ path: ['data'], code: 'invalid_type', message: 'data must be an object' }]);
  if (['transfer', 'delegate', 'addSigner'].includes(action as string) && !isUuid(body.toUserId)) throw validationFailed([{ path: ['toUserId'], code: 'required', message: 'toUserId must be a user id' }]);
  if (action === 'save' && body.data === undefined) throw validationFailed([{ path: ['data'], code: 'required', message: 'save needs data' }]);
}

/**
 * Approval flows: definitions (every save publishes a version), instances advanced by the pure flow
 * engine inside the transaction of the request that moves them (serialised per instance by a row
 * lock), tasks kept as rows for the inbox, timers as pg-boss jobs scheduled in the same transaction,
 * sub-flows started and their parents resumed in that transaction too.
 */
@Injectable()
export class FlowsService implements OnModuleInit {
  /** Published versions never change: cached by app, key and version. */
  private readonly versions = new Map<string, Definition>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly records: RecordsService,
    private readonly jobs: JobsService,
    private readonly notifications: NotificationsService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
  ) {}

  onModuleInit() {
    this.jobs.registerTimer('flow', (data) => this.onTimer(data as { instanceId: string; event: FlowEvent }));
  }

  // ---- definitions ----

  async listDefinitions(user: RequestUser, appKey: string) {
    await this.appExistsOrThrow(appKey);
    const rows = await this.db.query<{ key: string; version: number; form_key: string; definition: FlowDefinition }>(
      `SELECT DISTINCT ON (key) key, version, form_key, definition FROM flow_definitions WHERE app_key = $1 ORDER BY key, version DESC`, [appKey]);
    void user;
    return { items: rows.map((r) => ({ ...r.definition, key: r.key, formKey: r.form_key, version: r.version })), nextCursor: null };
  }

  async getDefinition(appKey: string, flowKey: string, version?: number, q: Queryable = this.db): Promise<Definition> {
    const cacheKey = `${appKey}\u0000${flowKey}\u0000${version}`;
    const cached = version === undefined ? undefined : this.versions.get(cacheKey);
    if (cached) return cached;
    const [row] = await q.query<{ version: number; definition: FlowDefinition }>(
      version === undefined
        ? `SELECT version, definition FROM flow_definitions WHERE app_key = $1 AND key = $2 ORDER BY version DESC LIMIT 1`
        : `SELECT version, definition FROM flow_definitions WHERE app_key = $1 AND key = $2 AND version = $3`,
      version === undefined ? [appKey, flowKey] : [appKey, flowKey, version]);
    if (!row) throw notFound('Flow not found');
    const def = { ...row.definition, version: row.version };
    if (version !== undefined) this.versions.set(cacheKey, def);
    return def;
  }

  /** Saving publishes a new version; running instances finish on their own. */
  async saveDefinition(user: RequestUser, appKey: string, flowKey: string | null, body: Record<string, unknown>, ip: string | null) {
    if (!user.isAdmin) throw forbidden('Only administrators and form managers can design flows');
    await this.appExistsOrThrow(appKey);
    const key = flowKey ?? body.key;
    if (flowKey && body.key !== undefined && body.key !== flowKey) throw validationFailed([{ path: ['key'], code: 'read_only', message: 'a flow key cannot change' }]);
    const formKey = body.formKey;
    const runtime = typeof formKey === 'string' ? await this.records.runtimeFor(appKey, formKey).catch(() => undefined) : undefined;
    const doc = { ...body, key, version: 1 } as Record<string, unknown>;
    const issues: { path: (string | number)[]; code: string; message: string }[] = validateFlowDefinition(doc, runtime ? {
      fieldKeys: runtime.fields.map((f) => f.field.key),
      resolveField: (path: string) => branchField(runtime, path),
    } : {}).map((i) => ({ path: i.path, code: String(i.code), message: i.message }));
    if (!runtime) issues.push({ code: 'unknown_form', message: 'formKey must name a form of this app', path: ['formKey'] });
    if (!issues.length && runtime) issues.push(...(await this.subflowIssues(appKey, String(key), runtime, doc.nodes as FlowNode[])));
    if (issues.length) throw validationFailed(issues);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [{ v }] = await tx.query<{ v: number }>(`SELECT COALESCE(max(version), 0) + 1 AS v FROM flow_definitions WHERE app_key = $1 AND key = $2`, [appKey, key]);
      await tx.query(`INSERT INTO flow_definitions (app_key, key, version, form_key, definition, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [appKey, key, v, formKey, JSON.stringify({ ...doc, version: v }), now, user.id]);
      await this.audit.write(tx, { at: now, actorId: user.id, action: 'flow.publish', target: { type: 'form', appKey, formKey: formKey as string, id: String(key) }, after: { version: v }, ip });
      return { ...(doc as FlowDefinition), version: v };
    });
  }

  /** A sub-flow node starts a published flow of this app bound to the form it runs on: this form, or
   * the target form of the relation field that binds it. */
  private async subflowIssues(appKey: string, key: string, runtime: FormRuntime, nodes: FlowNode[]) {
    const issues: { path: (string | number)[]; code: string; message: string }[] = [];
    for (const node of subflowNodes(nodes)) {
      const path = ['nodes', node.key, 'flowKey'];
      const relation = node.relationField === undefined ? undefined : runtime.byKey.get(node.relationField)?.field;
      if (relation && relation.type !== 'relation') {
        issues.push({ path: ['nodes', node.key, 'relationField'], code: 'not_a_relation', message: `${node.relationField} is not a relation field` });
        continue;
      }
      const formKey = relation ? String(relation.options?.targetForm ?? '') : runtime.formKey;
      if (node.flowKey === key && !relation) {
        issues.push({ path, code: 'starts_itself', message: 'a flow cannot start itself on the same record' });
        continue;
      }
      const child = node.flowKey === key ? { formKey: runtime.formKey } : await this.getDefinition(appKey, node.flowKey).catch(() => undefined);
      if (!child) issues.push({ path, code: 'unknown_flow', message: `flow ${node.flowKey} is not a flow of this app` });
      else if (child.formKey !== formKey) issues.push({ path, code: 'wrong_form', message: `flow ${node.flowKey} belongs to form ${child.formKey}, not ${formKey}` });
    }
    return issues;
  }

  private async appExistsOrThrow(appKey: string) {
    if (!(await this.db.one(`SELECT 1 FROM apps WHERE key = $1`, [appKey]))) throw notFound('App not found');
  }

  // ---- instances ----

  async start(user: RequestUser, appKey: string, formKey: string, recordId: string, body: Record<string, unknown>) {
    await this.records.get(user, appKey, formKey, recordId); // readable by the initiator, else 404
    if (typeof body.flowKey !== 'string') throw validationFailed([{ path: ['flowKey'], code: 'required', message: 'flowKey is required' }]);
    const picks = body.picks ?? {};
    if (typeof picks !== 'object' || Array.isArray(picks) || !Object.values(picks as object).every((v) => Array.isArray(v) && v.every(isUuid))) {
      throw validationFailed([{ path: ['picks'], code: 'invalid_type', message: 'picks: {nodeKey: [userId...]}' }]);
    }
    const def = await this.getDefinition(appKey, body.flowKey);
    if (def.formKey !== formKey) throw validationFailed([{ path: ['flowKey'], code: 'wrong_form', message: `flow ${body.flowKey} belongs to form ${def.formKey}` }]);
    const row = await this.transaction(user.id, async (run) => {
      const running = await run.tx.query(`SELECT 1 FROM flow_instances WHERE app_key = $1 AND form_key = $2 AND record_id = $3 AND status IN ('running','returned') FOR UPDATE`, [appKey, formKey, recordId]);
      if (running.length) throw new ApiError(409, 'FLOW_ALREADY_RUNNING', 'This record is already under approval');
      const event: FlowEvent = { type: 'start', recordId, initiatorId: user.id, picks: picks as Record<string, string[]>, instanceId: uuidV7() };
      return this.step(run, { appKey, formKey, def, row: null, parent: null }, event);
    });
    return instanceView(row, def);
  }

  /** The record's flow: a running one (the newest, a sub-flow while its parent waits), else the latest top-level one. */
  async getForRecord(user: RequestUser, appKey: string, formKey: string, recordId: string) {
    await this.records.get(user, appKey, formKey, recordId);
    const [row] = await this.db.query<InstanceRow>(
      `SELECT * FROM flow_instances WHERE app_key = $1 AND form_key = $2 AND record_id = $3
       ORDER BY (status IN ('running', 'returned')) DESC, (status IN ('running', 'returned') OR parent_id IS NULL) DESC, created_at DESC LIMIT 1`,
      [appKey, formKey, recordId]);
    if (!row) throw notFound('This record has no flow');
    return this.view(row);
  }

  async act(user: RequestUser, taskId: string, body: Record<string, unknown>) {
    if (!isUuid(taskId)) throw notFound('Task not found');
    checkActionBodyOrThrow(body);
    if (body.action === 'save') return this.view(await this.transaction(user.id, (run) => this.saveTaskEdits(run, taskId, body.data as Record<string, unknown>, user)));
    const event = eventOf(body.action as string, body, taskId, user.id);
    const row = await this.transaction(user.id, async (run) => this.stepLockedRow(run, await this.lockTaskInstance(run, taskId), event, user));
    return this.view(row);
  }

  /** The task's instance, locked (one action at a time per instance); 404 for an unknown task. */
  private async lockTaskInstance(run: Run, taskId: string): Promise<InstanceRow> {
    const [row] = await run.tx.query<InstanceRow>(`SELECT * FROM flow_instances WHERE id = (SELECT instance_id FROM flow_tasks WHERE id = $1) FOR UPDATE`, [taskId]);
    if (!row) throw notFound('Task not found');
    return row;
  }

  /** `save`: the assignee writes the fields their step lets them edit, without deciding yet. */
  private async saveTaskEdits(run: Run, taskId: string, data: Record<string, unknown>, actor: RequestUser): Promise<InstanceRow> {
    const row = await this.lockTaskInstance(run, taskId);
    const task = row.state.tasks.find((t) => t.id === taskId);
    if (!task) throw notFound('Task not found');
    if (task.assigneeId !== actor.id) throw new ApiError(403, 'NOT_ASSIGNEE', 'This task is not yours');
    if (task.status !== 'todo' || task.kind === 'cc') throw new ApiError(409, 'TASK_ALREADY_DONE', 'This task is already done');
    const def = await this.getDefinition(row.app_key, row.flow_key, row.version, run.tx);
    await this.writeTaskEdits(run, row, def, task.nodeKey, data, actor, false);
    return row;
  }

  async withdraw(user: RequestUser, instanceId: string, body: Record<string, unknown>) {
    if (!isUuid(instanceId)) throw notFound('Flow instance not found');
    const event: FlowEvent = { type: 'withdraw', actorId: user.id, comment: typeof body.comment === 'string' ? body.comment : undefined };
    const row = await this.transaction(user.id, (run) => this.stepInstance(run, instanceId, event));
    return this.view(row);
  }

  /** Handover: the leaver's open tasks go to the successor (as transfers, so the history says so). */
  async countOpenTasks(q: Queryable, userId: string): Promise<number> {
    const [{ n }] = await q.query<{ n: number }>(`SELECT count(*)::int AS n FROM flow_tasks WHERE assignee_id = $1 AND status = 'todo' AND kind <> 'cc'`, [userId]);
    return n;
  }

  async transferOpenTasks(tx: Queryable, fromUserId: string, toUserId: string): Promise<number> {
    const tasks = await tx.query<{ id: string; instance_id: string }>(
      `SELECT id, instance_id FROM flow_tasks WHERE assignee_id = $1 AND status = 'todo' AND kind <> 'cc' ORDER BY id`, [fromUserId]);
    const run: Run = { tx, actorId: null, followUps: [] };
    for (const task of tasks) {
      await this.stepInstance(run, task.instance_id, { type: 'transfer', taskId: task.id, actorId: fromUserId, toUserId, comment: 'handover' });
    }
    await this.followUp(run);
    return tasks.length;
  }

  private async onTimer(data: { instanceId: string; event: FlowEvent }) {
    await this.transaction(null, (run) => this.stepInstance(run, data.instanceId, data.event)).catch((e) => {
      // A timer for a finished task or instance is a no-op; anything else is retried by pg-boss.
      if (!(e instanceof ApiError)) throw e;
    });
  }

  /** One transaction of flow work: `work`, then what it left to follow up (parents of ended sub-flows).
   * It changes no form, so it reads forms through the records service's caches. */
  private transaction(actorId: string | null, work: (run: Run) => Promise<InstanceRow>): Promise<InstanceRow> {
    return this.records.recordTransaction(async (tx) => {
      const run: Run = { tx, actorId, followUps: [] };
      const row = await work(run);
      if (!run.followUps.length) return row;
      await this.followUp(run);
      const [fresh] = await tx.query<InstanceRow>(`SELECT * FROM flow_instances WHERE id = $1`, [row.id]);
      return fresh;
    });
  }

  /** Locks the instance row (one action at a time per instance), then advances it. */
  private async stepInstance(run: Run, instanceId: string, event: FlowEvent, actor?: RequestUser): Promise<InstanceRow> {
    const [row] = await run.tx.query<InstanceRow>(`SELECT * FROM flow_instances WHERE id = $1 FOR UPDATE`, [instanceId]);
    if (!row) throw notFound('Flow instance not found');
    return this.stepLockedRow(run, row, event, actor);
  }

  /** Advances an instance whose row this transaction has locked; an actor's field edits go first. */
  private async stepLockedRow(run: Run, row: InstanceRow, event: FlowEvent, actor?: RequestUser): Promise<InstanceRow> {
    const def = await this.getDefinition(row.app_key, row.flow_key, row.version, run.tx);
    const target: Target = { appKey: row.app_key, formKey: row.form_key, def, row, parent: null };
    const stepped = actor ? await this.applyTaskEdits(run, target, event, actor) : event;
    return this.step(run, target, stepped);
  }

  /**
   * approve / resubmit with `data`: the assignee's edits are written first, through the records service
   * (validation, formulas, links, audit, as the assignee) with exactly the fields their step lets them
   * edit (403 FIELD_NOT_EDITABLE for any other); the engine then decides on the record as edited. Data
   * on a task that is not the actor's open task of that kind is left to the engine to refuse.
   */
  private async applyTaskEdits(run: Run, target: Target, event: FlowEvent, actor: RequestUser): Promise<FlowEvent> {
    if ((event.type !== 'approve' && event.type !== 'resubmit') || !event.data || !Object.keys(event.data).length) return event;
    const row = target.row as InstanceRow;
    const task = row.state.tasks.find((t) => t.id === event.taskId);
    const kinds = event.type === 'approve' ? ['approve', 'handle'] : ['resubmit'];
    if (!task || task.status !== 'todo' || task.assigneeId !== actor.id || !kinds.includes(task.kind) || row.state.status !== (event.type === 'approve' ? 'running' : 'returned')) return event;
    await this.writeTaskEdits(run, row, target.def, task.nodeKey, event.data, actor, true);
    const { data: _written, ...rest } = event;
    void _written;
    return rest;
  }

  /** The step's field permissions decide (403 FIELD_NOT_EDITABLE; when `deciding`, 400 for a required
   * field left empty); the records service writes, in this transaction, with exactly those fields allowed. */
  private async writeTaskEdits(run: Run, row: InstanceRow, def: Definition, nodeKey: string, data: Record<string, unknown>, actor: RequestUser, deciding: boolean) {
    const access = taskFieldAccess(def, nodeKey);
    const keys = Object.keys(data);
    const editable = editableFieldsOf(access, keys);
    const refused = keys.filter((k) => !editable.includes(k));
    if (refused.length) throw new ApiError(403, 'FIELD_NOT_EDITABLE', `this step may not edit ${refused.join(', ')}`, { fields: refused });
    if (deciding) {
      const record = await this.records.readForSystem(run.tx, row.app_key, row.form_key, row.record_id);
      const failure = checkFieldData(access.permissions, access.unlisted, data, record?.data ?? {});
      if (failure) throw flowApiError(failure);
    }
    const fields = access.permissions === undefined && access.unlisted === 'editable' ? null : editable;
    await this.records.update(actor, row.app_key, row.form_key, row.record_id, { data }, null, { tx: run.tx, fields });
  }

  /** The organisation as of this transaction, in one round trip. */
  private async loadOrg(q: Queryable): Promise<OrgSnapshot> {
    const [{ users, departments }] = await q.query<{ users: OrgUser[] | null; departments: OrgDepartment[] | null }>(
      `SELECT (SELECT json_agg(json_build_object('id', id, 'managerId', manager_id, 'departmentIds', department_ids, 'roleIds', role_ids, 'active', active, 'isAdmin', is_admin)) FROM users) AS users,
              (SELECT json_agg(json_build_object('id', id, 'parentId', parent_id, 'headUserId', head_user_id)) FROM departments) AS departments`);
    return new OrgSnapshot(users ?? [], departments ?? []);
  }

  /** Everything the engine asks of the outside, read in this transaction (never a second pool connection
   * while the instance row is locked: concurrent steps waiting for that lock could hold the whole pool). */
  private async contextFor(run: Run, target: Target, record: Record<string, unknown>): Promise<FlowContext> {
    const runtime = await this.records.runtimeFor(target.appKey, target.formKey, run.tx);
    const org = await this.loadOrg(run.tx);
    const now = this.clock.now();
    return {
      now: () => now,
      newId: () => uuidV7(),
      resolveApprovers: (source, scope) => org.resolve(source, scope.initiatorId, scope.record),
      managerOf: (userId, level) => org.managerOf(userId, level),
      adminUserId: org.adminUserId,
      record,
      conditionContext: { now, timeZone: this.settings.timeZone },
      resolveField: (path) => branchField(runtime, path),
    };
  }

  private async step(run: Run, target: Target, event: FlowEvent): Promise<InstanceRow> {
    const { tx } = run;
    const recordId = target.row?.record_id ?? (event as { recordId: string }).recordId;
    const record = await this.records.readForSystem(tx, target.appKey, target.formKey, recordId);
    if (!record) throw notFound('Record not found');
    const context = await this.contextFor(run, target, record.data);
    const now = context.now();
    const result = advance(target.def, target.row?.state ?? null, event, context);
    if (!result.ok) throw flowApiError(result);
    const instance = result.instance;
    if (!target.row) await this.insertInstance(tx, target, instance, now);
    let lock: unknown = undefined;
    for (const effect of result.effects) lock = (await this.runEffect(run, target, instance, effect, now, record.data)) ?? lock;
    const [row] = await tx.query<InstanceRow>(
      `UPDATE flow_instances SET status = $2, state = $3, updated_at = $4${lock !== undefined ? ', lock = $5' : ''} WHERE id = $1 RETURNING *`,
      lock !== undefined ? [instance.id, instance.status, JSON.stringify(instance), now, lock === null ? null : JSON.stringify(lock)] : [instance.id, instance.status, JSON.stringify(instance), now]);
    await this.syncTasks(tx, target, instance, target.row?.state ?? null);
    return row;
  }

  private async insertInstance(tx: Queryable, target: Target, instance: FlowInstance, now: Date) {
    const p = target.parent;
    await tx.query(
      `INSERT INTO flow_instances (id, app_key, form_key, flow_key, version, record_id, initiator_id, status, state, created_at, updated_at, parent_id, parent_node_key, parent_visit_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10,$11,$12,$13)`,
      [instance.id, target.appKey, target.formKey, instance.flowKey, instance.version, instance.recordId, instance.initiatorId, instance.status,
        JSON.stringify(instance), now, p?.id ?? null, p?.nodeKey ?? null, p?.visitId ?? null]);
    await this.records.setFlowStatus(tx, target.appKey, target.formKey, instance.recordId, 'running');
  }

  /** Runs one effect inside the transaction; returns the new lock when the effect changes it. */
  private async runEffect(run: Run, target: Target, instance: FlowInstance, effect: FlowEffect, now: Date, record: Record<string, unknown>): Promise<unknown> {
    const { tx } = run;
    switch (effect.type) {
      case 'setFields':
        await this.records.updateForSystem(tx, target.appKey, target.formKey, instance.recordId, effect.data, run.actorId);
        return undefined;
      case 'lockRecord':
        return { editableFields: effect.editableFields, editors: effect.editors };
      case 'unlockRecord':
        return null;
      case 'completed':
        await this.completed(run, target, instance, effect.status, now);
        return null;
      case 'scheduleDeadline':
        await this.jobs.scheduleTimer(tx, 'flow', { instanceId: instance.id, event: { type: 'timeout', taskId: effect.taskId } }, new Date(effect.at));
        return undefined;
      case 'scheduleReminder':
        await this.jobs.scheduleTimer(tx, 'flow', { instanceId: instance.id, event: { type: 'remind', taskId: effect.taskId, actorId: null } }, new Date(effect.at));
        return undefined;
      case 'scheduleDelay':
        await this.jobs.scheduleTimer(tx, 'flow', { instanceId: instance.id, event: { type: 'delayElapsed', nodeKey: effect.nodeKey } }, new Date(effect.at));
        return undefined;
      case 'startSubflow':
        await this.startSubflows(run, target, instance, effect, record);
        return undefined;
      case 'notify':
        await this.notifications.notify(tx, effect.userIds, effect.template, { appKey: target.appKey, formKey: target.formKey, ...effect.data }, now);
        return undefined;
      case 'webhook':
        // Delivered by the webhook worker from the outbox.
        await this.audit.publish(tx, `flow.${effect.type}`, { ...effect, appKey: target.appKey, formKey: target.formKey }, now);
        return undefined;
      default:
        return undefined; // createTask, completeTask, cancelTask: kept in sync from the instance below
    }
  }

  /** The instance ended: its sub-flows still running end too, the record's flow status (a sub-flow on its
   * parent's record leaves it to the parent), the outbox event, and the parent's sub-flow node looked at
   * once this instance is saved. */
  private async completed(run: Run, target: Target, instance: FlowInstance, status: string, now: Date) {
    if (subflowNodes(target.def.nodes).length) await this.endRunningSubflows(run, instance.id);
    const parentId = target.row?.parent_id ?? target.parent?.id ?? null;
    const [parent] = parentId
      ? await run.tx.query<{ app_key: string; form_key: string; record_id: string }>(`SELECT app_key, form_key, record_id FROM flow_instances WHERE id = $1`, [parentId])
      : [];
    const onParentRecord = parent && parent.app_key === target.appKey && parent.form_key === target.formKey && parent.record_id === instance.recordId;
    if (!onParentRecord) await this.records.setFlowStatus(run.tx, target.appKey, target.formKey, instance.recordId, status);
    await this.audit.publish(run.tx, `flow.${status}`, { appKey: target.appKey, formKey: target.formKey, recordId: instance.recordId, instanceId: instance.id, flowKey: instance.flowKey }, now);
    const nodeKey = target.row?.parent_node_key ?? target.parent?.nodeKey;
    const visitId = target.row?.parent_visit_id ?? target.parent?.visitId;
    if (parentId && nodeKey && visitId) run.followUps.push({ id: parentId, nodeKey, visitId });
  }

  // ---- sub-flows ----

  /**
   * A sub-flow node: flow `flowKey` starts, as the parent's initiator, on this record or on each record
   * the relation field points to. No record to start on: the node passes. A sub-flow that cannot start
   * (its start step refuses the initiator, its record is gone, too deep) counts as rejected.
   */
  private async startSubflows(run: Run, target: Target, instance: FlowInstance, effect: Extract<FlowEffect, { type: 'startSubflow' }>, record: Record<string, unknown>) {
    const parent: Parent = { id: instance.id, nodeKey: effect.nodeKey, visitId: effect.visitId };
    const bound = await this.subflowRecords(run.tx, target, effect, record);
    const def = await this.getDefinition(target.appKey, effect.flowKey, undefined, run.tx).catch(() => undefined);
    if (!bound.recordIds.length) {
      run.followUps.push({ ...parent, force: 'approved' });
      return;
    }
    if (!def || def.formKey !== bound.formKey || (await this.depthOf(run.tx, instance.id)) >= MAX_SUBFLOW_DEPTH) {
      run.followUps.push({ ...parent, force: 'rejected' });
      return;
    }
    for (const recordId of bound.recordIds) {
      const event: FlowEvent = { type: 'start', recordId, initiatorId: instance.initiatorId, picks: {}, instanceId: uuidV7() };
      try {
        await this.step(run, { appKey: target.appKey, formKey: def.formKey, def, row: null, parent }, event);
      } catch (e) {
        // Refused before anything was written (the engine's start checks, a missing record).
        if (!(e instanceof ApiError)) throw e;
        run.followUps.push({ ...parent, force: 'rejected' });
        return;
      }
    }
  }

  /**
   * An instance ended with sub-flows still running (rejected on another branch, withdrawn, its own parent
   * ended): each running descendant, down to the depth sub-flows can start at, ends withdrawn with a
   * "parent ended" entry, its tasks leaving the inboxes and its record unlocked. Deepest first, so a
   * sub-flow's own sub-flows have ended before it does (and its parent's follow-up finds it ended).
   */
  private async endRunningSubflows(run: Run, instanceId: string) {
    const running = await run.tx.query<InstanceRow>(
      `WITH RECURSIVE down AS (
         SELECT id, 1 AS depth FROM flow_instances WHERE parent_id = $1
         UNION ALL SELECT f.id, down.depth + 1 FROM flow_instances f JOIN down ON f.parent_id = down.id WHERE down.depth < $2)
       SELECT f.* FROM flow_instances f JOIN down ON down.id = f.id WHERE f.status IN ('running', 'returned')
       ORDER BY down.depth DESC, f.id FOR UPDATE OF f`, [instanceId, MAX_SUBFLOW_DEPTH]);
    for (const row of running) await this.stepLockedRow(run, row, { type: 'parentEnded' });
  }

  /** The form and records a sub-flow node binds: this record, or the records its relation field holds. */
  private async subflowRecords(q: Queryable, target: Target, effect: Extract<FlowEffect, { type: 'startSubflow' }>, record: Record<string, unknown>) {
    if (effect.relationField === undefined) return { formKey: target.formKey, recordIds: [effect.recordId] };
    const runtime = await this.records.runtimeFor(target.appKey, target.formKey, q);
    const field = runtime.byKey.get(effect.relationField)?.field;
    const value = record[effect.relationField];
    const ids = (Array.isArray(value) ? value : [value]).filter((id): id is string => isUuid(id));
    return { formKey: field?.type === 'relation' ? String(field.options?.targetForm ?? '') : '', recordIds: [...new Set(ids)] };
  }

  /** How many sub-flow levels an instance is below its top-level instance. */
  private async depthOf(q: Queryable, instanceId: string): Promise<number> {
    const [{ depth }] = await q.query<{ depth: number }>(
      `WITH RECURSIVE up AS (
         SELECT id, parent_id, 0 AS depth FROM flow_instances WHERE id = $1
         UNION ALL SELECT f.id, f.parent_id, up.depth + 1 FROM flow_instances f JOIN up ON f.id = up.parent_id WHERE up.depth < 50)
       SELECT max(depth)::int AS depth FROM up`, [instanceId]);
    return depth;
  }

  /** Sub-flow nodes whose sub-flows may have ended: the parent (locked first, so that sub-flows ending
   * at once in other transactions see each other) goes on once all ended approved, or follows its
   * rejection rule as soon as one did not. */
  private async followUp(run: Run) {
    for (let next = run.followUps.shift(); next; next = run.followUps.shift()) {
      const [parent] = await run.tx.query<InstanceRow>(`SELECT * FROM flow_instances WHERE id = $1 FOR UPDATE`, [next.id]);
      if (!parent || parent.status !== 'running') continue;
      const status = next.force ?? (await this.subflowsOutcome(run.tx, next));
      if (!status) continue;
      await this.stepLockedRow(run, parent, { type: 'subflowCompleted', nodeKey: next.nodeKey, visitId: next.visitId, status });
    }
  }

  private async subflowsOutcome(q: Queryable, parent: Parent): Promise<'approved' | 'rejected' | 'withdrawn' | null> {
    const children = await q.query<{ status: string }>(`SELECT status FROM flow_instances WHERE parent_id = $1 AND parent_visit_id = $2`, [parent.id, parent.visitId]);
    const failed = children.find((c) => c.status === 'rejected' || c.status === 'withdrawn');
    if (failed) return failed.status as 'rejected' | 'withdrawn';
    return children.every((c) => ENDED.has(c.status)) ? 'approved' : null;
  }

  /** The inbox rows mirror the instance's tasks: the new and changed ones, in one statement. */
  private async syncTasks(tx: Queryable, target: Target, instance: FlowInstance, before: FlowInstance | null) {
    const previous = new Map((before?.tasks ?? []).map((t) => [t.id, JSON.stringify(t)]));
    const rows = instance.tasks.filter((t) => previous.get(t.id) !== JSON.stringify(t)).map((t) => ({
      id: t.id, instance_id: instance.id, app_key: target.appKey, form_key: target.formKey, flow_key: instance.flowKey,
      record_id: instance.recordId, node_key: t.nodeKey, kind: t.kind, assignee_id: t.assigneeId, status: t.status,
      created_at: t.createdAt, done_at: t.doneAt ?? null, due_at: t.dueAt ?? null,
    }));
    if (!rows.length) return;
    await tx.query(
      `INSERT INTO flow_tasks (id, instance_id, app_key, form_key, flow_key, record_id, node_key, kind, assignee_id, status, created_at, done_at, due_at)
       SELECT * FROM jsonb_to_recordset($1::jsonb) AS x(id uuid, instance_id uuid, app_key text, form_key text, flow_key text, record_id uuid,
         node_key text, kind text, assignee_id uuid, status text, created_at timestamptz, done_at timestamptz, due_at timestamptz)
       ON CONFLICT (id) DO UPDATE SET status = EXCLUDED.status, done_at = EXCLUDED.done_at, due_at = EXCLUDED.due_at, assignee_id = EXCLUDED.assignee_id`,
      [JSON.stringify(rows)]);
  }

  /** An instance as answered, with the field access of its open tasks (from its own version). */
  async view(row: InstanceRow) {
    const def = await this.getDefinition(row.app_key, row.flow_key, row.version).catch(() => undefined);
    return instanceView(row, def);
  }

  // ---- inbox ----

  async inbox(user: RequestUser, box: string | undefined, after: string | undefined, limitRaw: string | undefined) {
    const limit = parseLimit(limitRaw);
    const kind = box ?? 'todo';
    if (!['todo', 'done', 'started', 'cc'].includes(kind)) throw validationFailed([{ path: ['box'], code: 'invalid_option', message: 'box must be todo, done, started or cc' }]);
    if (after !== undefined && !isUuid(after)) throw new ApiError(400, 'INVALID_CURSOR', 'The cursor is not valid');
    const params: unknown[] = [user.id];
    const cursor = after ? (params.push(after), `AND id < $${params.length}`) : '';
    params.push(limit + 1);
    if (kind === 'started') {
      const rows = await this.db.query<InstanceRow>(`SELECT * FROM flow_instances WHERE initiator_id = $1 AND parent_id IS NULL ${cursor} ORDER BY id DESC LIMIT $${params.length}`, params);
      const items = rows.slice(0, limit).map((r) => instanceView(r));
      return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null };
    }
    const where = kind === 'cc' ? `kind = 'cc'` : kind === 'todo' ? `kind <> 'cc' AND status = 'todo'` : `kind <> 'cc' AND status = 'done'`;
    const rows = await this.db.query<{ id: string; instance_id: string; record_id: string; node_key: string; assignee_id: string; status: string; kind: string; app_key: string; form_key: string; flow_key: string; created_at: Date; due_at: Date | null }>(
      `SELECT * FROM flow_tasks WHERE assignee_id = $1 AND ${where} ${cursor} ORDER BY id DESC LIMIT $${params.length}`, params);
    const items = rows.slice(0, limit).map((t) => ({
      id: t.id, instanceId: t.instance_id, recordId: t.record_id, nodeKey: t.node_key, assigneeId: t.assignee_id, status: t.status, kind: t.kind,
      appKey: t.app_key, formKey: t.form_key, flowKey: t.flow_key, createdAt: t.created_at.toISOString(), dueAt: t.due_at?.toISOString() ?? null,
    }));
    const counts = await this.db.query<{ todo: number; cc: number }>(
      `SELECT count(*) FILTER (WHERE kind <> 'cc' AND status = 'todo')::int AS todo, count(*) FILTER (WHERE kind = 'cc')::int AS cc FROM flow_tasks WHERE assignee_id = $1`, [user.id]);
    return { items, nextCursor: rows.length > limit ? items[items.length - 1].id : null, counts: counts[0] };
  }
}
