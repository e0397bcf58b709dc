import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  advance, currentTasks, validateFlowDefinition, type FlowContext, type FlowDefinition, type FlowEffect, type FlowEvent, type FlowInstance,
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
import { RecordsService } from '../records/records.service';
import { conditionFieldKey, conditionFieldOf } from '../records/condition-fields';
import type { FormRuntime } from '../records/form-runtime';
import { OrgSnapshot, type OrgDepartment, type OrgUser } from './org-snapshot';

type InstanceRow = { id: string; app_key: string; form_key: string; flow_key: string; version: number; record_id: string; initiator_id: string; status: string; state: FlowInstance };

const FLOW_ERROR_STATUS: Record<string, number> = {
  TASK_ALREADY_DONE: 409, WITHDRAW_NOT_ALLOWED: 409, INVALID_EVENT: 409, NOT_ASSIGNEE: 403, FIELD_NOT_EDITABLE: 403,
  TASK_NOT_FOUND: 404, NOT_INITIATOR: 403, START_NOT_ALLOWED: 403, VALIDATION_FAILED: 400,
};

/**
 * A field (or a part of one, `address.city`) that a branch condition reads. Branches have always taken
 * every operator of a field's kind, so whole fields are not narrowed to their type's operators.
 */
function branchField(runtime: FormRuntime, path: string) {
  const f = runtime.byKey.get(conditionFieldKey(path));
  return f ? conditionFieldOf(f, path, { typeOperators: false }) : undefined;
}

const ACTIONS = ['approve', 'reject', 'return', 'resubmit', 'transfer', 'delegate', 'addSigner', 'remind', 'comment'] as const;

/**
 * Approval flows: definitions (every save publishes a version), instances advanced by the pure flow
 * engine inside the transaction of the request that moves them (serialised per instance by a row
 * lock), tasks kept as rows for the inbox, timers as pg-boss jobs scheduled in the same transaction.
 */
@Injectable()
export class FlowsService implements OnModuleInit {
  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly records: RecordsService,
    private readonly jobs: JobsService,
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

  async getDefinition(appKey: string, flowKey: string, version?: number, q: Queryable = this.db): Promise<FlowDefinition & { version: number }> {
    const [row] = await q.query<{ version: number; definition: FlowDefinition }>(
      version === undefined
        ? `SELECT version, definition FROM flow_definitions WHERE app_key = $1 AND key = $2 ORDER BY version DESC LIMIT 1`
        : `SELECT version, definition FROM flow_definitions WHERE app_key = $1 AND key = $2 AND version = $3`,
      version === undefined ? [appKey, flowKey] : [appKey, flowKey, version]);
    if (!row) throw notFound('Flow not found');
    return { ...row.definition, version: row.version };
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
    const issues = validateFlowDefinition(doc, runtime ? {
      fieldKeys: runtime.fields.map((f) => f.field.key),
      resolveField: (path: string) => branchField(runtime, path),
    } : {});
    if (!runtime) issues.push({ code: 'unknown_form', message: 'formKey must name a form of this app', path: ['formKey'] } as never);
    if (issues.length) throw validationFailed(issues.map((i) => ({ path: i.path, code: String(i.code), message: i.message })));
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const [{ v }] = await tx.query<{ v: number }>(`SELECT COALESCE(max(version), 0) + 1 AS v FROM flow_definitions WHERE app_key = $1 AND key = $2`, [appKey, key]);
      await tx.query(`INSERT INTO flow_definitions (app_key, key, version, form_key, definition, created_at, created_by) VALUES ($1,$2,$3,$4,$5,$6,$7)`,
        [appKey, key, v, formKey, JSON.stringify({ ...doc, version: v }), now, user.id]);
      await this.audit.write(tx, { at: now, actorId: user.id, action: 'flow.publish', target: { type: 'form', appKey, formKey: formKey as string, id: String(key) }, after: { version: v }, ip });
      return { ...(doc as FlowDefinition), version: v };
    });
  }

  private async appExistsOrThrow(appKey: string) {
    if (!(await this.db.one(`SELECT 1 FROM apps WHERE key = $1`, [appKey]))) throw notFound('App not found');
  }

  // ---- instances ----

  async start(user: RequestUser, appKey: string, formKey: string, recordId: string, body: Record<string, unknown>): Promise<ReturnType<FlowsService['view']>> {
    await this.records.get(user, appKey, formKey, recordId); // readable by the initiator, else 404
    if (typeof body.flowKey !== 'string') throw validationFailed([{ path: ['flowKey'], code: 'required', message: 'flowKey is required' }]);
    const picks = body.picks ?? {};
    if (typeof picks !== 'object' || Array.isArray(picks) || !Object.values(picks as object).every((v) => Array.isArray(v) && v.every(isUuid))) {
      throw validationFailed([{ path: ['picks'], code: 'invalid_type', message: 'picks: {nodeKey: [userId...]}' }]);
    }
    const def = await this.getDefinition(appKey, body.flowKey);
    if (def.formKey !== formKey) throw validationFailed([{ path: ['flowKey'], code: 'wrong_form', message: `flow ${body.flowKey} belongs to form ${def.formKey}` }]);
    const row = await this.db.transaction(async (tx) => {
      const running = await tx.query(`SELECT 1 FROM flow_instances WHERE app_key = $1 AND form_key = $2 AND record_id = $3 AND status IN ('running','returned') FOR UPDATE`, [appKey, formKey, recordId]);
      if (running.length) throw new ApiError(409, 'FLOW_ALREADY_RUNNING', 'This record is already under approval');
      const instanceId = uuidV7();
      return this.step(tx, { appKey, formKey, def, row: null }, { type: 'start', recordId, initiatorId: user.id, picks: picks as Record<string, string[]>, instanceId }, user.id);
    });
    return this.view(row);
  }

  async getForRecord(user: RequestUser, appKey: string, formKey: string, recordId: string) {
    await this.records.get(user, appKey, formKey, recordId);
    const [row] = await this.db.query<InstanceRow>(
      `SELECT * FROM flow_instances WHERE app_key = $1 AND form_key = $2 AND record_id = $3 ORDER BY created_at DESC LIMIT 1`, [appKey, formKey, recordId]);
    if (!row) throw notFound('This record has no flow');
    return this.view(row);
  }

  async act(user: RequestUser, taskId: string, body: Record<string, unknown>) {
    if (!isUuid(taskId)) throw notFound('Task not found');
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
    const [task] = await this.db.query<{ instance_id: string }>(`SELECT instance_id FROM flow_tasks WHERE id = $1`, [taskId]);
    if (!task) throw notFound('Task not found');
    const base = { taskId, actorId: user.id, comment: body.comment as string | undefined };
    const event: FlowEvent = (() => {
      switch (action) {
        case 'approve': return { type: 'approve', ...base, data: body.data as Record<string, unknown> | undefined };
        case 'resubmit': return { type: 'resubmit', ...base, data: body.data as Record<string, unknown> | undefined };
        case 'reject': return { type: 'reject', ...base };
        case 'return': return { type: 'return', ...base, toNodeKey: body.toNodeKey as string | undefined };
        case 'transfer': return { type: 'transfer', ...base, toUserId: body.toUserId as string };
        case 'delegate': return { type: 'delegate', ...base, toUserId: body.toUserId as string };
        case 'addSigner': return { type: 'addSigner', ...base, toUserId: body.toUserId as string, position: body.position === 'before' ? 'before' : 'after' };
        case 'remind': return { type: 'remind', actorId: user.id, taskId, comment: base.comment };
        default: return { type: 'comment', actorId: user.id, taskId, comment: (body.comment as string) ?? '' };
      }
    })();
    const row = await this.db.transaction((tx) => this.stepInstance(tx, task.instance_id, event, user.id));
    return this.view(row);
  }

  async withdraw(user: RequestUser, instanceId: string, body: Record<string, unknown>) {
    if (!isUuid(instanceId)) throw notFound('Flow instance not found');
    const row = await this.db.transaction((tx) => this.stepInstance(tx, instanceId, { type: 'withdraw', actorId: user.id, comment: typeof body.comment === 'string' ? body.comment : undefined }, user.id));
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
    for (const task of tasks) {
      await this.stepInstance(tx, task.instance_id, { type: 'transfer', taskId: task.id, actorId: fromUserId, toUserId, comment: 'handover' }, null);
    }
    return tasks.length;
  }

  private async onTimer(data: { instanceId: string; event: FlowEvent }) {
    await this.db.transaction((tx) => this.stepInstance(tx, data.instanceId, data.event, null)).catch((e) => {
      // A timer for a finished task or instance is a no-op; anything else is retried by pg-boss.
      if (!(e instanceof ApiError)) throw e;
    });
  }

  /** Locks the instance row (one action at a time per instance), then advances it. */
  private async stepInstance(tx: Queryable, instanceId: string, event: FlowEvent, actorId: string | null): Promise<InstanceRow> {
    const [row] = await tx.query<InstanceRow>(`SELECT * FROM flow_instances WHERE id = $1 FOR UPDATE`, [instanceId]);
    if (!row) throw notFound('Flow instance not found');
    const def = await this.getDefinition(row.app_key, row.flow_key, row.version, tx);
    return this.step(tx, { appKey: row.app_key, formKey: row.form_key, def, row }, event, actorId);
  }

  private async loadOrg(q: Queryable): Promise<OrgSnapshot> {
    const users = await q.query<{ id: string; manager_id: string | null; department_ids: string[]; role_ids: string[]; active: boolean; is_admin: boolean }>(
      `SELECT id, manager_id, department_ids, role_ids, active, is_admin FROM users`);
    const depts = await q.query<{ id: string; parent_id: string | null; head_user_id: string | null }>(`SELECT id, parent_id, head_user_id FROM departments`);
    return new OrgSnapshot(
      users.map((u): OrgUser => ({ id: u.id, managerId: u.manager_id, departmentIds: u.department_ids, roleIds: u.role_ids, active: u.active, isAdmin: u.is_admin })),
      depts.map((d): OrgDepartment => ({ id: d.id, parentId: d.parent_id, headUserId: d.head_user_id })),
    );
  }

  private async step(
    tx: Queryable,
    target: { appKey: string; formKey: string; def: FlowDefinition & { version: number }; row: InstanceRow | null },
    event: FlowEvent,
    actorId: string | null,
  ): Promise<InstanceRow> {
    const recordId = target.row?.record_id ?? (event as { recordId: string }).recordId;
    const record = await this.records.readForSystem(tx, target.appKey, target.formKey, recordId);
    if (!record) throw notFound('Record not found');
    const runtime = await this.records.runtimeFor(target.appKey, target.formKey, tx);
    const org = await this.loadOrg(tx);
    const now = this.clock.now();
    const context: FlowContext = {
      now: () => now,
      newId: () => uuidV7(),
      resolveApprovers: (source, scope) => org.resolve(source, scope.initiatorId, scope.record),
      managerOf: (userId, level) => org.managerOf(userId, level),
      adminUserId: org.adminUserId,
      record: record.data,
      conditionContext: { now, timeZone: this.settings.timeZone },
      resolveField: (path) => branchField(runtime, path),
    };
    const result = advance(target.def, target.row?.state ?? null, event, context);
    if (!result.ok) {
      throw new ApiError(FLOW_ERROR_STATUS[result.code] ?? 409, result.code, result.message, result.details as Record<string, unknown> | undefined);
    }
    const instance = result.instance;
    let lock: unknown = undefined;
    if (!target.row) {
      await tx.query(
        `INSERT INTO flow_instances (id, app_key, form_key, flow_key, version, record_id, initiator_id, status, state, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$10)`,
        [instance.id, target.appKey, target.formKey, instance.flowKey, instance.version, recordId, instance.initiatorId, instance.status, JSON.stringify(instance), now]);
      await this.records.setFlowStatus(tx, target.appKey, target.formKey, recordId, 'running');
    }
    for (const effect of result.effects) lock = (await this.runEffect(tx, target, instance, effect, actorId, now)) ?? lock;
    await tx.query(
      `UPDATE flow_instances SET status = $2, state = $3, updated_at = $4${lock !== undefined ? ', lock = $5' : ''} WHERE id = $1`,
      lock !== undefined ? [instance.id, instance.status, JSON.stringify(instance), now, lock === null ? null : JSON.stringify(lock)] : [instance.id, instance.status, JSON.stringify(instance), now]);
    await this.syncTasks(tx, target, instance);
    const [row] = await tx.query<InstanceRow>(`SELECT * FROM flow_instances WHERE id = $1`, [instance.id]);
    return row;
  }

  /** Runs one effect inside the transaction; returns the new lock when the effect changes it. */
  private async runEffect(
    tx: Queryable, target: { appKey: string; formKey: string }, instance: FlowInstance, effect: FlowEffect, actorId: string | null, now: Date,
  ): Promise<unknown> {
    switch (effect.type) {
      case 'setFields':
        await this.records.updateForSystem(tx, target.appKey, target.formKey, instance.recordId, effect.data, actorId);
        return undefined;
      case 'lockRecord':
        return { editableFields: effect.editableFields, editors: effect.editors };
      case 'unlockRecord':
        return null;
      case 'completed':
        await this.records.setFlowStatus(tx, target.appKey, target.formKey, instance.recordId, effect.status);
        await this.audit.publish(tx, `flow.${effect.status}`, { appKey: target.appKey, formKey: target.formKey, recordId: instance.recordId, instanceId: instance.id, flowKey: instance.flowKey }, now);
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
      case 'notify':
      case 'webhook':
      case 'startSubflow':
        // Delivered by the notification and webhook workers from the outbox.
        await this.audit.publish(tx, `flow.${effect.type}`, { ...effect, appKey: target.appKey, formKey: target.formKey }, now);
        return undefined;
      default:
        return undefined; // createTask, completeTask, cancelTask: kept in sync from the instance below
    }
  }

  /** The inbox rows mirror the instance's tasks (one statement for all of them). */
  private async syncTasks(tx: Queryable, target: { appKey: string; formKey: string }, instance: FlowInstance) {
    const rows = instance.tasks.map((t) => ({
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

  view(row: InstanceRow) {
    const s = row.state;
    const task = (t: FlowInstance['tasks'][number]) => ({ id: t.id, instanceId: row.id, recordId: row.record_id, nodeKey: t.nodeKey, assigneeId: t.assigneeId, status: t.status, kind: t.kind, createdAt: t.createdAt, dueAt: t.dueAt ?? null });
    return {
      id: row.id, appKey: row.app_key, formKey: row.form_key, flowKey: row.flow_key, version: row.version, recordId: row.record_id,
      initiatorId: row.initiator_id, status: s.status,
      currentTasks: currentTasks(s).map(task),
      history: s.history.map((h) => ({ at: h.at, nodeKey: h.nodeKey, event: h.event, actorId: h.actorId, comment: h.comment ?? null })),
    };
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
      const rows = await this.db.query<InstanceRow>(`SELECT * FROM flow_instances WHERE initiator_id = $1 ${cursor} ORDER BY id DESC LIMIT $${params.length}`, params);
      const items = rows.slice(0, limit).map((r) => this.view(r));
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
