import { Inject, Injectable } from '@nestjs/common';
import { conditionToSql, parseCondition, type ConditionContext, type FieldResolver, type ParsedCondition } from '@platform/condition';
import { applyStageGates, evaluateFormRules, formRuleIssues, validateRecordData } from '@platform/form-engine';
import { KEY_REGEX, labelText, type DataScope, type FormDefinition, type GrantAction } from '@platform/schema';
import { AuditService } from '../audit/audit.service';
import type { RequestUser } from '../auth/request-user';
import { ApiError, forbidden, notFound, validationFailed } from '../common/api-error';
import { CLOCK, SETTINGS, type Clock } from '../common/core.module';
import { parseLimit } from '../common/paging';
import type { Settings } from '../common/settings';
import { isUuid, uuidV7 } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';
import { canEdit, canSee, fieldRulesFor, FULL_ACCESS, isFilterable, maskValue, notEditableHere, type FormAccess } from '../permissions/form-access';
import { GrantsService } from '../permissions/grants.service';
import { checkLinksReadableOrThrow, readableLinks } from '../permissions/linked-records';
import { TtlCache } from '../common/ttl-cache';
import { InvalidationService } from '../events/invalidation.service';
import { decodeCursorOrThrow, encodeCursor } from './cursor';
import { buildFormRuntime, SYSTEM_BY_KEY, type FormRuntime, type RuntimeField } from './form-runtime';
import { RecordLinks } from './record-links';
import { defaultContextFor, readCopiedDefaults } from './record-defaults';
import { conditionFieldKey, conditionFieldOf } from './condition-fields';
import { FilesService, type FileRef } from '../files/files.service';
import { auditedValues, insertRecordsStatement, recordsPerStatement, type NewRecordRow } from './insert-records';
import { qualifiedTable, uniqueViolationFieldKey } from '../metadata/form-ddl';

export type RecordView = {
  id: string;
  data: Record<string, unknown>;
  version: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string | null;
  updatedBy: string | null;
  ownerId: string | null;
  ownerDeptId: string | null;
  flowStatus: string | null;
};

type Row = Record<string, unknown> & { _id: string; _version: number; _created_at: Date; _updated_at: Date };
type Ctx = { user: RequestUser; runtime: FormRuntime; access: FormAccess };
/**
 * A flow step's write (apps/api/src/flows), inside the flow's transaction `tx`, as the task's assignee:
 * `fields` are the fields the step lets them edit (the flow checked the data names only those; they may
 * edit them whatever their role allows, and the record's approval lock does not apply), or null on a
 * record the flow leaves unlocked (the user's own rights apply).
 */
export type FlowWrite = { tx: Queryable; fields: readonly string[] | null };
/** What createMany answers per record: the new record's id, or what refused it (as create would throw it). */
export type CreateOutcome = { id: string; error?: undefined } | { id?: undefined; error: unknown };
export type CreateManyOptions = {
  /** Records per transaction (a multi-row INSERT, or a few for a wide form). */
  chunk?: number;
  /** Nothing is written before this settles: a caller preparing a batch while the last is written keeps their order. */
  writeAfter?: Promise<unknown>;
};
/** A record prepared by prepareCreateOrThrow for createMany: its place in the batch, values and owner. */
type PreparedRecord = { index: number; values: Record<string, unknown>; ownerId: string; ownerDeptId: string | null };
/** What a create decided before writing: the new id, the time, the owner and the caller's address. */
type NewRecord = { id: string; now: Date; ownerId: string; ownerDeptId: string | null; ip: string | null };
type SortKey = { key: string; column: string; sqlType: string; nullable: boolean; dir: 'asc' | 'desc' };

const EXACT_TOTAL_LIMIT = 10_000;
const ESTIMATE_ONLY_ABOVE = 100_000;
/** A failed batch of createMany this small is saved record by record; a larger one is split in two. */
const ONE_BY_ONE = 4;
const SYSTEM_DATA_KEYS = new Set(['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'ownerId', 'ownerDeptId', 'flowStatus']);

const sqlValue = (v: unknown) => (v instanceof Date ? v.toISOString() : v);

/** Record reads and writes through generated, parameterised SQL (ARCHITECTURE.md "Write path"). */
@Injectable()
export class RecordsService {
  private readonly runtimes = new Map<string, FormRuntime>();
  /** appKey/formKey -> the form's id and current version; dropped whenever any form changes. */
  private readonly current = new TtlCache<string, { id: string; version: number }>(60_000);
  /** appKey -> its form keys; dropped whenever any form changes. */
  private readonly appForms = new TtlCache<string, string[]>(60_000);
  private readonly links: RecordLinks;
  /** Transactions of record writes opened here: they change no form, so the form caches serve them as they serve the pool. */
  private readonly recordWrites = new WeakSet<Queryable>();

  constructor(
    private readonly db: Db,
    private readonly audit: AuditService,
    private readonly grants: GrantsService,
    private readonly invalidation: InvalidationService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(SETTINGS) private readonly settings: Settings,
    private readonly files: FilesService,
  ) {
    invalidation.on('forms', () => {
      this.current.clear();
      this.appForms.clear();
    });
    this.links = new RecordLinks((a, f, q) => this.runtimeFor(a, f, q), (a, q) => this.appFormKeys(a, q), settings.timeZone, invalidation);
  }

  /**
   * File fields written: each ref must be an upload of this user not yet held, or a file this record
   * already holds; the stored name, size and type replace what was sent. Returns the refs by field.
   */
  private async resolveFilesOrThrow(tx: Queryable, ctx: Ctx, recordId: string | null, values: Record<string, unknown>): Promise<Record<string, FileRef[]>> {
    const byField: Record<string, FileRef[]> = {};
    for (const f of ctx.runtime.fields) {
      const type = f.field.type;
      if ((type !== 'image' && type !== 'attachment' && type !== 'signature') || !(f.field.key in values)) continue;
      const value = values[f.field.key];
      const refs = (Array.isArray(value) ? value : value ? [value] : []) as FileRef[];
      const resolved = refs.length ? await this.files.resolveRefsOrThrow(tx, ctx.user, ctx.runtime.id, recordId, f.field, refs) : [];
      values[f.field.key] = type === 'signature' ? (resolved[0] ?? null) : resolved;
      byField[f.field.key] = resolved;
    }
    return byField;
  }

  /** Form caches are used while invalidation is live, for the pool and for the record writes' own transactions. */
  private usesFormCaches(q: Queryable): boolean {
    return this.invalidation.live && (q === this.db || this.recordWrites.has(q));
  }

  /** A transaction for a record write (or a flow step, apps/api/src/flows): it reads forms through the caches (it changes none). */
  recordTransaction<T>(work: (tx: Queryable) => Promise<T>, outer?: Queryable): Promise<T> {
    if (outer) return work(outer); // a flow step's write, inside the flow's transaction
    return this.db.transaction((tx) => {
      this.recordWrites.add(tx);
      return work(tx);
    });
  }

  private async appFormKeys(appKey: string, q: Queryable): Promise<string[]> {
    const useCache = this.usesFormCaches(q);
    const cached = useCache ? this.appForms.get(appKey) : undefined;
    if (cached) return cached;
    const keys = (await q.query<{ key: string }>(`SELECT key FROM forms WHERE app_key = $1 ORDER BY key`, [appKey])).map((r) => r.key);
    if (useCache) this.appForms.set(appKey, keys);
    return keys;
  }

  /** Loads the form (cached by version) and the caller's access; a form without a grant is 404. */
  async context(user: RequestUser, appKey: string, formKey: string, q: Queryable = this.db): Promise<Ctx> {
    const runtime = await this.runtimeFor(appKey, formKey, q);
    const access = await this.grants.formAccess(user, appKey, formKey);
    if (!access.all && !access.actions.size) throw notFound('Form not found');
    return { user, runtime, access };
  }

  /** The form prepared for generated SQL, cached by form id and version. */
  async runtimeFor(appKey: string, formKey: string, q: Queryable = this.db): Promise<FormRuntime> {
    const formCacheKey = `${appKey}/${formKey}`;
    const useCache = this.usesFormCaches(q);
    let row = useCache ? this.current.get(formCacheKey) : undefined;
    if (!row) {
      [row] = await q.query<{ id: string; version: number }>(`SELECT id, version FROM forms WHERE app_key = $1 AND key = $2`, [appKey, formKey]);
      if (!row) throw notFound('Form not found');
      if (useCache) this.current.set(formCacheKey, row);
    }
    const cacheKey = `${row.id}:${row.version}`;
    let runtime = this.runtimes.get(cacheKey);
    if (!runtime) {
      const [full] = await q.query<{ id: string; app_key: string; key: string; version: number; table_name: string; definition: FormDefinition }>(
        `SELECT id, app_key, key, version, table_name, definition FROM forms WHERE id = $1 AND version = $2`, [row.id, row.version]);
      if (!full) throw notFound('Form not found');
      runtime = buildFormRuntime(full);
      for (const k of this.runtimes.keys()) if (k.startsWith(row.id + ':')) this.runtimes.delete(k);
      this.runtimes.set(cacheKey, runtime);
    }
    return runtime;
  }

  /** A record's stored values, unmasked, for the platform's own use (flows): never sent to a user as is. */
  async readForSystem(q: Queryable, appKey: string, formKey: string, id: string): Promise<{ data: Record<string, unknown>; ownerId: string | null; flowStatus: string | null } | undefined> {
    const runtime = await this.runtimeFor(appKey, formKey, q);
    const ctx = { runtime } as Ctx;
    const [row] = await q.query<Row>(`SELECT ${this.allColumns(ctx)} FROM ${runtime.table} WHERE _id = $1 AND _deleted_at IS NULL`, [id]);
    if (!row) return undefined;
    return { data: this.fullData(ctx, row), ownerId: (row._owner_id as string) ?? null, flowStatus: (row._flow_status as string) ?? null };
  }

  /** Writes values a flow step sets (a node's editable fields, an action node), with its audit entry. */
  async updateForSystem(q: Queryable, appKey: string, formKey: string, id: string, data: Record<string, unknown>, actorId: string | null): Promise<void> {
    const runtime = await this.runtimeFor(appKey, formKey, q);
    const result = validateRecordData(runtime.definition, data, 'update');
    if (!result.ok) throw validationFailed(result.issues);
    const fields = runtime.fields.filter((f) => f.field.key in result.values && !f.subForm);
    if (!fields.length) return;
    const params: unknown[] = [id, this.clock.now(), actorId];
    const sets = fields.map((f) => { params.push(f.def.toDb(result.values[f.field.key])); return `${f.column} = $${params.length}`; });
    const [row] = await q.query<Row>(
      `UPDATE ${runtime.table} SET ${sets.join(', ')}, _version = _version + 1, _updated_at = $2, _updated_by = $3 WHERE _id = $1 RETURNING _version`, params);
    if (!row) throw notFound('Record not found');
    await this.audit.write(q, { at: this.clock.now(), actorId, action: 'record.update', target: { type: 'record', appKey, formKey, id }, after: result.values });
    await this.notifyChange(q, appKey, formKey, id, row._version);
  }

  async setFlowStatus(q: Queryable, appKey: string, formKey: string, id: string, status: string | null): Promise<void> {
    const runtime = await this.runtimeFor(appKey, formKey, q);
    const [row] = await q.query<{ _version: number }>(`UPDATE ${runtime.table} SET _flow_status = $2, _version = _version + 1 WHERE _id = $1 RETURNING _version`, [id, status]);
    if (row) await this.notifyChange(q, appKey, formKey, id, row._version);
  }

  /**
   * A record under approval can be changed only by the current node's assignees, and only in the fields
   * that node lets them edit (409 RECORD_LOCKED otherwise).
   */
  private async checkFlowLockOrThrow(q: Queryable, ctx: Ctx, id: string, flowStatus: unknown, keys: string[] | null) {
    if (flowStatus !== 'running' && flowStatus !== 'returned') return;
    const [inst] = await q.query<{ lock: { editors: { userId: string; fields: string[] }[] } | null; status: string; initiator_id: string }>(
      `SELECT lock, status, initiator_id FROM flow_instances WHERE app_key = $1 AND form_key = $2 AND record_id = $3 AND status IN ('running', 'returned')
       ORDER BY created_at DESC LIMIT 1`, // a sub-flow on the record (started last) decides while its parent waits
      [ctx.runtime.appKey, ctx.runtime.formKey, id]);
    if (!inst || inst.lock === null) return; // no lock: the flow leaves the record open (returned, start step without permissions)
    const editor = inst.lock?.editors.find((e) => e.userId === ctx.user.id);
    const allowed = new Set(editor?.fields ?? []);
    if (editor && keys && keys.every((k) => allowed.has(k))) return;
    throw new ApiError(409, 'RECORD_LOCKED', 'This record is under approval; only the current approvers may change the fields their step allows', {
      editableFields: editor ? [...allowed] : [],
    });
  }

  private requireAction(ctx: Ctx, action: GrantAction) {
    if (ctx.access.all || ctx.access.actions.has(action)) return;
    if (!ctx.access.actions.has('read')) throw notFound('Form not found');
    throw forbidden(`Your role does not allow ${action} on this form`);
  }

  private conditionContext(user: RequestUser): ConditionContext {
    return { now: this.clock.now(), timeZone: this.settings.timeZone, user: { id: user.id, departmentIds: user.departmentIds } };
  }

  /** The data scope of an action as a SQL condition (always a boolean, never NULL). */
  private scopeSql(ctx: Ctx, action: GrantAction, params: unknown[]): string {
    if (ctx.access.all) return 'TRUE';
    const scopes = ctx.access.scopes.get(action);
    if (!scopes) return 'FALSE';
    if (scopes === 'all') return 'TRUE';
    const parts = scopes.map((s) => this.oneScopeSql(ctx, s, params));
    return `(${parts.join(' OR ')})`;
  }

  private oneScopeSql(ctx: Ctx, scope: DataScope, params: unknown[]): string {
    const user = ctx.user;
    switch (scope.type) {
      case 'all':
        return 'TRUE';
      case 'own':
        params.push(user.id);
        return `_owner_id = $${params.length}::uuid`;
      case 'department':
        params.push(user.departmentIds);
        return `COALESCE(_owner_dept_id = ANY($${params.length}::uuid[]), FALSE)`;
      case 'departmentTree':
        params.push(user.departmentIds);
        return `COALESCE(_owner_dept_id IN (WITH RECURSIVE tree AS (
                  SELECT id FROM departments WHERE id = ANY($${params.length}::uuid[])
                  UNION SELECT d.id FROM departments d JOIN tree ON d.parent_id = tree.id) SELECT id FROM tree), FALSE)`;
      case 'custom': {
        // Scopes see every field (they are the admin's rules, not the user's filter).
        const parsed = parseCondition(scope.condition, this.resolver(ctx, true));
        if (!parsed.ok) return 'FALSE';
        return conditionToSql(parsed.condition, this.conditionContext(user), params);
      }
    }
  }

  /** What a filter may name: system fields and the fields the user sees unmasked. */
  private resolver(ctx: Ctx, unrestricted = false, onMasked?: (key: string) => void): FieldResolver {
    return (path) => {
      const sys = SYSTEM_BY_KEY.get(path);
      if (sys) return { kind: sys.kind as never, sql: sys.column };
      const key = conditionFieldKey(path);
      const f = ctx.runtime.byKey.get(key);
      if (!f || !f.def.conditionKind || !f.def.filterable) return undefined;
      if (!unrestricted) {
        if (!canSee(ctx.access, key)) return undefined;
        if (!isFilterable(ctx.access, key)) {
          onMasked?.(key);
          return undefined;
        }
      }
      return conditionFieldOf(f, path);
    };
  }

  private parseFilterOrThrow(ctx: Ctx, filter: unknown): ParsedCondition | null {
    if (filter === undefined || filter === null) return null;
    let masked: string | undefined;
    const parsed = parseCondition(filter, this.resolver(ctx, false, (k) => (masked = k)));
    if (parsed.ok) return parsed.condition;
    if (masked) throw new ApiError(400, 'FIELD_NOT_FILTERABLE', `${masked} is masked or hidden for some of your records and cannot be filtered or sorted on`, { field: masked });
    const first = parsed.issues[0];
    const code = first.code === 'VALIDATION_FAILED' ? 'VALIDATION_FAILED' : first.code;
    throw new ApiError(400, code, first.message, { issues: parsed.issues.map((i) => ({ path: ['filter', ...i.path], code: i.code, message: i.message })) });
  }

  // ---- reading ----

  toView(ctx: Ctx, row: Row, only?: Set<string>): RecordView {
    const data: Record<string, unknown> = {};
    const rules = fieldRulesFor(ctx.access, this.grantFlags(ctx, row));
    for (const f of ctx.runtime.fields) {
      const key = f.field.key;
      if (only && !only.has(key)) continue;
      if (!rules.visible(key)) continue;
      const value = f.def.fromDb(row[key]);
      data[key] = rules.masked(key) ? maskValue(f.field.type, value) : value;
    }
    return {
      id: row._id,
      data,
      version: row._version,
      createdAt: row._created_at.toISOString(),
      updatedAt: row._updated_at.toISOString(),
      createdBy: (row._created_by as string) ?? null,
      updatedBy: (row._updated_by as string) ?? null,
      ownerId: (row._owner_id as string) ?? null,
      ownerDeptId: (row._owner_dept_id as string) ?? null,
      flowStatus: (row._flow_status as string) ?? null,
    };
  }

  private selectList(ctx: Ctx, params: unknown[], only?: Set<string>): string {
    const cols = ctx.runtime.fields
      .filter((f) => (!only || only.has(f.field.key)) && canSee(ctx.access, f.field.key))
      .map((f) => `${f.column} AS "${f.field.key}"`);
    return [ctx.runtime.systemSelect, ...cols, ...this.grantColumns(ctx, params)].join(', ');
  }

  /** When roles differ in field rules, which read grants include each row (as _g0, _g1, ...). */
  private grantColumns(ctx: Ctx, params: unknown[]): string[] {
    if (ctx.access.all || ctx.access.uniformFields) return [];
    return ctx.access.readGrants.map((g, i) => `(${this.oneScopeSql(ctx, g.scope, params)}) AS "_g${i}"`);
  }

  private grantFlags(ctx: Ctx, row: Row): boolean[] | null {
    if (ctx.access.all || ctx.access.uniformFields || !('_g0' in row)) return null;
    return ctx.access.readGrants.map((_g, i) => row[`_g${i}`] === true);
  }

  async get(user: RequestUser, appKey: string, formKey: string, id: string): Promise<RecordView> {
    const ctx = await this.context(user, appKey, formKey);
    this.requireAction(ctx, 'read');
    if (!isUuid(id)) throw notFound('Record not found');
    const params: unknown[] = [id];
    const scope = this.scopeSql(ctx, 'read', params);
    const [row] = await this.db.query<Row>(
      `SELECT ${this.selectList(ctx, params)} FROM ${ctx.runtime.table} WHERE _id = $1 AND _deleted_at IS NULL AND ${scope}`, params);
    if (!row) throw notFound('Record not found');
    return this.toView(ctx, row);
  }

  /** Whether a record (even one just deleted) lies in the user's read scope. */
  async canRead(user: RequestUser, appKey: string, formKey: string, id: string): Promise<boolean> {
    return (await this.readableIds(user, appKey, formKey, [id])).has(id.toLowerCase());
  }

  /** Which of some records (even ones just deleted) lie in the user's read scope, in one query: filters live events. */
  async readableIds(user: RequestUser, appKey: string, formKey: string, ids: string[]): Promise<Set<string>> {
    try {
      const ctx = await this.context(user, appKey, formKey);
      if (!ctx.access.all && !ctx.access.actions.has('read')) return new Set();
      const params: unknown[] = [ids.filter(isUuid)];
      const scope = this.scopeSql(ctx, 'read', params);
      return new Set((await this.db.query<{ _id: string }>(`SELECT _id FROM ${ctx.runtime.table} WHERE _id = ANY($1::uuid[]) AND ${scope}`, params)).map((r) => r._id));
    } catch {
      return new Set();
    }
  }

  /**
   * For a reader of a record's history: a function that applies their field rules to an audit
   * before/after map (hidden fields removed, masked ones masked), or null when they may not read it.
   */
  async historyRedactor(user: RequestUser, appKey: string, formKey: string, id: string): Promise<((data: Record<string, unknown> | null) => Record<string, unknown> | null) | null> {
    if (!isUuid(id) || !(await this.canRead(user, appKey, formKey, id))) return null;
    const ctx = await this.context(user, appKey, formKey);
    const types = new Map(ctx.runtime.fields.map((f) => [f.field.key, f.field.type]));
    const params: unknown[] = [id];
    const flags = this.grantColumns(ctx, params);
    const [row] = flags.length ? await this.db.query<Row>(`SELECT ${flags.join(', ')} FROM ${ctx.runtime.table} WHERE _id = $1`, params) : [];
    const rules = fieldRulesFor(ctx.access, row ? this.grantFlags(ctx, row) : null);
    return (data) => {
      if (!data) return data;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(data)) {
        if (SYSTEM_DATA_KEYS.has(k)) { out[k] = v; continue; }
        if (!types.has(k) || !rules.visible(k)) continue;
        out[k] = rules.masked(k) ? maskValue(types.get(k)!, v) : v;
      }
      return out;
    };
  }

  /** Whether the user reads field `fieldKey` of a record unmasked (in read scope, visible and unmasked there): for file downloads. */
  async canReadField(user: RequestUser, appKey: string, formKey: string, id: string, fieldKey: string): Promise<boolean> {
    const redact = await this.historyRedactor(user, appKey, formKey, id);
    return redact !== null && redact({ [fieldKey]: true })?.[fieldKey] === true;
  }

  /** `also`: an action whose scope the rows must lie in too (an export: the export grants' scope). */
  async query(user: RequestUser, appKey: string, formKey: string, body: Record<string, unknown>, trash = false, also?: GrantAction) {
    const ctx = await this.context(user, appKey, formKey);
    this.requireAction(ctx, trash ? 'delete' : 'read');
    for (const k of Object.keys(body)) {
      if (!['filter', 'sort', 'limit', 'after', 'fields', 'exactTotal'].includes(k)) {
        throw validationFailed([{ path: [k], code: 'unknown_property', message: `${k} is not a query property` }]);
      }
    }
    const limit = parseLimit(body.limit);
    const condition = this.parseFilterOrThrow(ctx, body.filter);
    const sort = this.parseSortOrThrow(ctx, body.sort);
    const only = this.parseFieldsOrThrow(ctx, body.fields);

    const params: unknown[] = [];
    const where: string[] = [trash ? '_deleted_at IS NOT NULL' : '_deleted_at IS NULL'];
    where.push(this.scopeSql(ctx, trash ? 'delete' : 'read', params));
    if (also) where.push(this.scopeSql(ctx, also, params));
    if (condition) where.push(conditionToSql(condition, this.conditionContext(user), params));
    const baseWhere = where.join(' AND ');
    const countParams = [...params];

    // A cursor belongs to one query: its sort, filter, fields and user.
    const signature = JSON.stringify([sort.map((s) => `${s.key}:${s.dir}`), body.filter ?? null, body.fields ?? null, trash, user.id, body.exactTotal === true, also ?? null]);
    let carried: { total: number; estimate: boolean } | undefined;
    if (body.after !== undefined && body.after !== null) {
      const cursor = decodeCursorOrThrow(body.after, signature, sort.length);
      where.push(this.keysetSql(sort, cursor.values, cursor.id, params));
      carried = { total: cursor.total, estimate: cursor.estimate };
    }
    const lastDir = sort.length ? sort[sort.length - 1].dir : 'desc';
    const orderBy = [...sort.map((s) => `${s.column} ${s.dir.toUpperCase()}`), `_id ${lastDir.toUpperCase()}`].join(', ');
    const select = this.selectList(ctx, params, only);
    params.push(limit + 1);
    const pageSql = `SELECT ${select}${sort.map((s, i) => `, ${s.column} AS "_s${i}"`).join('')}
      FROM ${ctx.runtime.table} WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT $${params.length}`;

    const [rows, totals] = await Promise.all([
      this.db.query<Row>(pageSql, params),
      carried ?? this.total(ctx.runtime.table, baseWhere, countParams, body.exactTotal === true),
    ]);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last
      ? encodeCursor(signature, { values: sort.map((_s, i) => sqlValue(last[`_s${i}`]) as string | number | boolean | null), id: last._id, total: totals.total, estimate: totals.estimate })
      : null;
    return { items: items.map((r) => this.toView(ctx, r, only)), nextCursor, total: totals.total, totalIsEstimate: totals.estimate };
  }

  private async total(table: string, where: string, params: unknown[], exact: boolean): Promise<{ total: number; estimate: boolean }> {
    if (exact) {
      const [r] = await this.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table} WHERE ${where}`, params);
      return { total: Number(r.n), estimate: false };
    }
    // The planner's estimate first: when it is far above the exact range (10x), counting up to 10,001
    // rows only to report an estimate anyway is work for nothing.
    const [plan] = await this.db.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(
      `EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} WHERE ${where}`, params);
    const estimated = Math.round(plan['QUERY PLAN'][0].Plan['Plan Rows']);
    if (estimated > ESTIMATE_ONLY_ABOVE) return { total: estimated, estimate: true };
    const capped = [...params, EXACT_TOTAL_LIMIT + 1];
    const [r] = await this.db.query<{ n: number }>(
      `SELECT count(*) AS n FROM (SELECT 1 FROM ${table} WHERE ${where} LIMIT $${capped.length}) s`, capped);
    const n = Number(r.n);
    if (n <= EXACT_TOTAL_LIMIT) return { total: n, estimate: false };
    return { total: Math.max(estimated, EXACT_TOTAL_LIMIT + 1), estimate: true };
  }

  private parseSortOrThrow(ctx: Ctx, sort: unknown): SortKey[] {
    if (sort === undefined || sort === null) return [{ key: 'createdAt', column: '_created_at', sqlType: 'timestamptz', nullable: false, dir: 'desc' }];
    if (!Array.isArray(sort) || sort.length > 5) throw validationFailed([{ path: ['sort'], code: 'invalid_type', message: 'sort must be an array of at most 5 {field, dir}' }]);
    const keys: SortKey[] = [];
    sort.forEach((s, i) => {
      if (!s || typeof s !== 'object' || typeof s.field !== 'string') throw validationFailed([{ path: ['sort', i], code: 'invalid_type', message: 'each sort entry is {field, dir}' }]);
      const dir = s.dir ?? 'asc';
      if (dir !== 'asc' && dir !== 'desc') throw validationFailed([{ path: ['sort', i, 'dir'], code: 'invalid_direction', message: 'dir must be asc or desc' }]);
      const sys = SYSTEM_BY_KEY.get(s.field);
      if (sys) {
        if (sys.key !== 'id') keys.push({ key: sys.key, column: sys.column, sqlType: sys.sqlType, nullable: sys.nullable, dir });
        else keys.push({ key: 'id', column: '_id', sqlType: 'uuid', nullable: false, dir });
        return;
      }
      const f = ctx.runtime.byKey.get(s.field);
      if (!f || !canSee(ctx.access, s.field)) throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown field: ${String(s.field).slice(0, 100)}`, { path: ['sort', i, 'field'] });
      if (!isFilterable(ctx.access, s.field)) throw new ApiError(400, 'FIELD_NOT_FILTERABLE', `${s.field} is masked or hidden for some of your records and cannot be sorted on`, { field: s.field });
      if (!f.def.sortable) throw validationFailed([{ path: ['sort', i, 'field'], code: 'not_sortable', message: `${s.field} (${f.field.type}) cannot be sorted` }]);
      if (f.def.sortsByOptionOrder) {
        // select and radio sort by option order (VALUES.md); option keys are metadata, checked against KEY_PATTERN.
        const keysInOrder = ((f.field.options?.options ?? []) as { key: string }[]).map((o) => o.key).filter((k) => KEY_REGEX.test(k));
        const list = keysInOrder.map((k) => `'${k}'`).join(',');
        keys.push({ key: f.field.key, column: `array_position(ARRAY[${list}]::text[], ${f.column})`, sqlType: 'integer', nullable: true, dir });
        return;
      }
      keys.push({ key: f.field.key, column: f.column, sqlType: f.sqlType, nullable: true, dir });
    });
    return keys;
  }

  private parseFieldsOrThrow(ctx: Ctx, fields: unknown): Set<string> | undefined {
    if (fields === undefined || fields === null) return undefined;
    if (!Array.isArray(fields) || fields.some((f) => typeof f !== 'string')) throw validationFailed([{ path: ['fields'], code: 'invalid_type', message: 'fields must be an array of field keys' }]);
    for (const [i, k] of (fields as string[]).entries()) {
      if (SYSTEM_DATA_KEYS.has(k)) continue;
      if (!ctx.runtime.byKey.has(k) || !canSee(ctx.access, k)) throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown field: ${k.slice(0, 100)}`, { path: ['fields', i] });
    }
    return new Set(fields as string[]);
  }

  /**
   * Rows strictly after the cursor in ORDER BY (keys..., _id). NULLs sort last ascending and first
   * descending (PostgreSQL's default), so "after" on a NULL value depends on the direction.
   */
  private keysetSql(sort: SortKey[], values: unknown[], id: string, params: unknown[]): string {
    const lastDir = sort.length ? sort[sort.length - 1].dir : 'desc';
    const sameDir = sort.every((s) => s.dir === lastDir);
    if (sameDir && sort.every((s, i) => !s.nullable || values[i] !== null) && sort.every((s) => !s.nullable)) {
      const cols = [...sort.map((s) => s.column), '_id'];
      const ps = [...sort.map((s, i) => { params.push(values[i]); return `$${params.length}::${s.sqlType}`; }), (() => { params.push(id); return `$${params.length}::uuid`; })()];
      return `(${cols.join(', ')}) ${lastDir === 'asc' ? '>' : '<'} (${ps.join(', ')})`;
    }
    const p = (v: unknown, type: string) => { params.push(v); return `$${params.length}::${type}`; };
    const equal = (s: SortKey, v: unknown) => (v === null ? `${s.column} IS NULL` : `${s.column} = ${p(v, s.sqlType)}`);
    const after = (s: SortKey, v: unknown) => {
      if (s.dir === 'asc') return v === null ? 'FALSE' : `(${s.column} > ${p(v, s.sqlType)}${s.nullable ? ` OR ${s.column} IS NULL` : ''})`;
      return v === null ? `${s.column} IS NOT NULL` : `${s.column} < ${p(v, s.sqlType)}`;
    };
    const ors: string[] = [];
    for (let i = 0; i <= sort.length; i++) {
      const eqs = sort.slice(0, i).map((s, j) => equal(s, values[j]));
      const tail = i < sort.length ? after(sort[i], values[i]) : `_id ${lastDir === 'asc' ? '>' : '<'} ${p(id, 'uuid')}`;
      ors.push(`(${[...eqs, tail].join(' AND ')})`);
    }
    // A redundant bound on the leading key lets an index range scan start at the cursor.
    const lead = sort[0];
    const bound = lead && values[0] !== null && lead.dir === 'desc' ? ` AND ${lead.column} <= ${p(values[0], lead.sqlType)}` : '';
    return `((${ors.join(' OR ')})${bound})`;
  }

  // ---- writing ----

  /**
   * Roles whose update grants make different fields editable decide per record: only the grants whose
   * scope holds this record count (one query, and only when the grants differ).
   */
  private async checkEditableHereOrThrow(q: Queryable, ctx: Ctx, id: string, keys: string[]) {
    if (ctx.access.all || ctx.access.uniformEditable || keys.length === 0) return;
    const params: unknown[] = [id];
    const flags = ctx.access.updateGrants.map((g, i) => `(${this.oneScopeSql(ctx, g.scope, params)}) AS "_u${i}"`);
    const [row] = await q.query<Record<string, boolean | null>>(`SELECT ${flags.join(', ')} FROM ${ctx.runtime.table} WHERE _id = $1`, params);
    const refused = notEditableHere(ctx.access, ctx.access.updateGrants.map((_g, i) => row?.[`_u${i}`] === true), keys);
    if (refused.length) throw new ApiError(403, 'FIELD_NOT_EDITABLE', `You may not edit ${refused.join(', ').slice(0, 200)} on this record`, { field: refused[0] });
  }

  private checkWritableKeysOrThrow(ctx: Ctx, data: Record<string, unknown>) {
    for (const key of Object.keys(data)) {
      if (ctx.runtime.layoutKeys.has(key) || (!ctx.runtime.byKey.has(key))) {
        throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown field: ${key.slice(0, 100)}`, { issues: [{ path: [key], code: 'unknown_field', message: 'not a field of this form' }] });
      }
      if (!canSee(ctx.access, key)) throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown field: ${key.slice(0, 100)}`, { issues: [{ path: [key], code: 'unknown_field', message: 'not a field of this form' }] });
      if (!canEdit(ctx.access, key)) throw new ApiError(403, 'FIELD_NOT_EDITABLE', `You may not edit ${key}`, { field: key });
    }
  }

  /**
   * Coerces and validates `data`, then applies the form's linkage rules authoritatively: a field a rule
   * hides is not required, one it requires must be filled, one it makes read-only cannot change
   * (403 FIELD_NOT_EDITABLE), rule errors refuse the save (issue code `rule`), rule values are set.
   */
  private validateOrThrow(ctx: Ctx, user: RequestUser, before: Record<string, unknown> | null, data: Record<string, unknown>, mode: 'create' | 'update', copied?: Record<string, unknown>): Record<string, unknown> {
    const form = ctx.runtime.definition;
    const rules = form.rules?.length ? this.conditionContext(user) : null;
    let definition = form;
    if (rules) {
      const early = evaluateFormRules(form, { ...(before ?? {}), ...data }, rules);
      if (form.fields.some((f) => f.required && early.hidden.has(f.key))) {
        definition = { ...form, fields: form.fields.map((f) => (early.hidden.has(f.key) ? { ...f, required: false } : f)) };
      }
    }
    // Defaults (create) read the clock, the user and the values copied through relations (record-defaults.ts).
    const result = validateRecordData(definition, data, mode, before ?? undefined, { ...defaultContextFor(user, this.clock.now(), this.settings.timeZone), copied });
    if (!result.ok) {
      const unknown = result.issues.find((i) => i.code === 'unknown_field');
      if (unknown) throw new ApiError(400, 'UNKNOWN_FIELD', `Unknown field: ${String(unknown.path[0]).slice(0, 100)}`, { issues: result.issues });
      throw validationFailed(result.issues);
    }
    if (!rules) return result.values;
    const values = { ...result.values };
    const merged = { ...(before ?? {}), ...values };
    const outcome = evaluateFormRules(form, merged, rules);
    for (const key of Object.keys(data)) {
      if (outcome.readonly.has(key) && JSON.stringify(merged[key] ?? null) !== JSON.stringify(before?.[key] ?? null)) {
        throw new ApiError(403, 'FIELD_NOT_EDITABLE', `${key} is read-only here`, { field: key });
      }
    }
    for (const [key, value] of Object.entries(outcome.setValues)) {
      const f = ctx.runtime.byKey.get(key);
      const coerced = f ? f.def.coerce(value, f.field) : undefined;
      if (coerced?.ok) values[key] = coerced.value;
    }
    const issues = formRuleIssues(outcome, { ...merged, ...values });
    if (issues.length) throw validationFailed(issues, issues[0].message);
    return values;
  }

  /** Member and department values must name users and departments that exist. */
  private async checkReferencesOrThrow(ctx: Ctx, values: Record<string, unknown>, q: Queryable) {
    const [issues] = await this.referenceIssues(ctx, [values], q);
    if (issues.length) throw validationFailed(issues);
  }

  /** Per record, the member and department values naming no user or department: one query per kind for all of them. */
  private async referenceIssues(ctx: Ctx, records: Record<string, unknown>[], q: Queryable): Promise<{ path: string[]; code: string; message: string }[][]> {
    const want: { users: Set<string>; departments: Set<string> } = { users: new Set(), departments: new Set() };
    // Per record: `bucket:id` -> the field naming it.
    const named = records.map((values) => {
      const where = new Map<string, string>();
      for (const f of ctx.runtime.fields) {
        const v = values[f.field.key];
        if (v === undefined || v === null) continue;
        const bucket = f.field.type === 'member' || f.field.type === 'members' ? 'users' : f.field.type === 'department' || f.field.type === 'departments' ? 'departments' : null;
        if (!bucket) continue;
        for (const id of Array.isArray(v) ? v : [v]) {
          want[bucket].add(id as string);
          where.set(`${bucket}:${id}`, f.field.key);
        }
      }
      return where;
    });
    const found = new Set<string>();
    for (const bucket of ['users', 'departments'] as const) {
      if (!want[bucket].size) continue;
      for (const r of await q.query<{ id: string }>(`SELECT id FROM ${bucket} WHERE id = ANY($1::uuid[])`, [[...want[bucket]]])) found.add(`${bucket}:${r.id}`);
    }
    return named.map((where) => [...where].filter(([ref]) => !found.has(ref)).map(([ref, key]) => {
      const [bucket, id] = ref.split(':');
      return { path: [key], code: 'not_found', message: `${id} is not a ${bucket === 'users' ? 'user' : 'department'}` };
    }));
  }

  private async ownerDepartment(ownerId: string, q: Queryable): Promise<string | null> {
    const [u] = await q.query<{ department_ids: string[] }>(`SELECT department_ids FROM users WHERE id = $1`, [ownerId]);
    if (!u) throw validationFailed([{ path: ['ownerId'], code: 'not_found', message: 'ownerId is not a user' }]);
    return u.department_ids[0] ?? null;
  }

  private stageGatesOrThrow(ctx: Ctx, before: Record<string, unknown> | null, after: Record<string, unknown>) {
    const issues = applyStageGates(ctx.runtime.definition, before, after);
    if (issues.length) throw validationFailed(issues, issues[0].message);
  }

  async create(user: RequestUser, appKey: string, formKey: string, body: Record<string, unknown>, ip: string | null): Promise<RecordView> {
    const ctx = await this.context(user, appKey, formKey);
    this.requireAction(ctx, 'create');
    const { values, ownerId } = await this.prepareCreateOrThrow(ctx, body);
    await this.checkReferencesOrThrow(ctx, values, this.db);
    return this.insertPrepared(ctx, values, ownerId, ip).catch((error) => { throw this.namedUniqueViolation(ctx, error); });
  }

  /**
   * A value another live record of the form holds in a unique field (the database refused it): 409
   * UNIQUE_VIOLATION naming the field, as one create, update or restore answers it and a batch reports it
   * per record. Any other error as it is.
   */
  private namedUniqueViolation(ctx: Ctx, error: unknown): unknown {
    const key = (error as { code?: unknown } | null)?.code === '23505' ? uniqueViolationFieldKey(error) : null;
    const field = key && qualifiedTable(String((error as { table?: unknown }).table)) === ctx.runtime.table ? ctx.runtime.byKey.get(key) : undefined;
    if (!field) return error;
    return new ApiError(409, 'UNIQUE_VIOLATION', `Another record already has this value in ${labelText(field.field.label, 'en-US') || field.field.key}`, { field: field.field.key });
  }

  /**
   * What a create checks and computes before anything is written, for one record (create) and for each
   * of many (createMany): known and editable fields, copied defaults, values and defaults validated,
   * formulas, form rules, related records the user may read, stage gates, and the owner.
   */
  private async prepareCreateOrThrow(ctx: Ctx, body: Record<string, unknown>): Promise<{ values: Record<string, unknown>; ownerId: string }> {
    const { user, runtime } = ctx;
    const data = this.dataOrThrow(body);
    this.checkWritableKeysOrThrow(ctx, data);
    const copied = await readCopiedDefaults(this, user, runtime.appKey, runtime.definition, data, defaultContextFor(user, this.clock.now(), this.settings.timeZone));
    const values = this.validateOrThrow(ctx, user, null, data, 'create', copied);
    checkLinksReadableOrThrow(runtime, await readableLinks(this, user, runtime, data), values, null);
    this.stageGatesOrThrow(ctx, null, values);
    let ownerId = user.id;
    if (body.ownerId !== undefined && body.ownerId !== user.id) {
      this.requireAction(ctx, 'transfer');
      if (!isUuid(body.ownerId)) throw validationFailed([{ path: ['ownerId'], code: 'invalid_format', message: 'ownerId must be a user id' }]);
      ownerId = body.ownerId;
    }
    return { values, ownerId };
  }

  /** Writes one prepared record (its references checked): one statement, or the linked transaction. */
  private async insertPrepared(ctx: Ctx, values: Record<string, unknown>, ownerId: string, ip: string | null): Promise<RecordView> {
    const { user, runtime } = ctx;
    const now = this.clock.now();
    const id = uuidV7(now.getTime());
    const ownerDeptId = ownerId === user.id ? (user.departmentIds[0] ?? null) : await this.ownerDepartment(ownerId, this.db);
    const meta = { id, now, ownerId, ownerDeptId, ip };
    if (await this.links.isLinked(this.db, runtime)) {
      if (this.links.createNeedsTransaction(runtime, values)) return this.createLinked(ctx, values, meta);
      // Nothing to check or to write beside the row: its lookups and rollups are those over no record.
      this.links.settleNewRecord(runtime, values, await this.links.newRecordLinksOrThrow(this.db, runtime, id, values, this.conditionContext(user)), now);
    }
    return this.toView(ctx, (await this.insertWithEvents(this.db, ctx, values, meta)).row);
  }

  /**
   * Creates many records, each as `create` would (the import's write path): every record gets the same
   * checks and values (prepareCreateOrThrow, references, relations with their lookups and rollups, serial
   * numbers), and records that write only their row go in transactions of up to `chunk` records with
   * multi-row INSERTs of the records, their audit entries and outbox events. Records with sub-form rows or
   * files are created one by one, in their place. When a transaction fails (a unique value taken, ...), its
   * records are saved in halves, down to a few created one by one, so that each failing record gets its
   * own error. Returns, in order,
   * each record's id or the error that refused it. Nothing is written before `options.writeAfter` settles
   * (and nothing at all if it fails): a caller may prepare its next batch while the last one is written.
   */
  async createMany(user: RequestUser, appKey: string, formKey: string, bodies: Record<string, unknown>[], ip: string | null, options: CreateManyOptions = {}): Promise<CreateOutcome[]> {
    const chunk = options.chunk ?? 500;
    const ctx = await this.context(user, appKey, formKey);
    this.requireAction(ctx, 'create');
    const outcomes: CreateOutcome[] = new Array(bodies.length);
    const ready: PreparedRecord[] = [];
    const departments = new Map<string, string | null>([[user.id, user.departmentIds[0] ?? null]]);
    for (const [index, body] of bodies.entries()) {
      try {
        const { values, ownerId } = await this.prepareCreateOrThrow(ctx, body);
        if (!departments.has(ownerId)) departments.set(ownerId, await this.ownerDepartment(ownerId, this.db));
        ready.push({ index, values, ownerId, ownerDeptId: departments.get(ownerId) ?? null });
      } catch (error) {
        outcomes[index] = { error };
      }
    }
    const issues = await this.referenceIssues(ctx, ready.map((record) => record.values), this.db);
    const checked = ready.filter((record, at) => {
      if (issues[at].length) outcomes[record.index] = { error: validationFailed(issues[at]) };
      return issues[at].length === 0;
    });
    await options.writeAfter;
    // In the records' order (serial numbers follow it): runs of row-only records together, the others alone.
    let run: PreparedRecord[] = [];
    const flush = async () => {
      for (let from = 0; from < run.length; from += chunk) await this.insertChunk(ctx, run.slice(from, from + chunk), ip, outcomes);
      run = [];
    };
    for (const record of checked) {
      if (!this.links.createWritesBesideRow(ctx.runtime, record.values)) {
        run.push(record);
        continue;
      }
      await flush();
      outcomes[record.index] = await this.insertOne(ctx, record, ip);
    }
    await flush();
    return outcomes;
  }

  private async insertOne(ctx: Ctx, record: PreparedRecord, ip: string | null): Promise<CreateOutcome> {
    try {
      return { id: (await this.insertPrepared(ctx, { ...record.values }, record.ownerId, ip)).id };
    } catch (error) {
      return { error: this.namedUniqueViolation(ctx, error) };
    }
  }

  /**
   * Prepared records that write only their row, in one transaction: relations checked and lookups read
   * record by record (a record refused there is left out), serial numbers taken for all at once, then
   * multi-row INSERTs with audit entries and outbox events, and the rollups over them recomputed once.
   * A failure of the transaction saves its records in two halves the same way (a few left: through
   * insertOne, one by one).
   */
  private async insertChunk(ctx: Ctx, records: PreparedRecord[], ip: string | null, outcomes: CreateOutcome[]): Promise<void> {
    const { user, runtime } = ctx;
    const now = this.clock.now();
    const per = recordsPerStatement(runtime);
    try {
      const linked = await this.links.isLinked(this.db, runtime);
      const write = async (tx: Queryable) => {
        const refused = new Map<number, unknown>();
        const rows: (NewRecordRow & { index: number; links: Record<string, unknown> })[] = [];
        for (const record of records) {
          const values = { ...record.values };
          const id = uuidV7(now.getTime());
          let links: Record<string, unknown> = {};
          try {
            if (linked) links = await this.links.newRecordLinksOrThrow(tx, runtime, id, values, this.conditionContext(user));
          } catch (error) {
            // A relation refused: the record's own error (only queries that succeeded ran, the transaction goes on).
            if (!(error instanceof ApiError)) throw error;
            refused.set(record.index, error);
            continue;
          }
          rows.push({ index: record.index, id, ownerId: record.ownerId, ownerDeptId: record.ownerDeptId, values, after: {}, links });
        }
        await this.links.assignSerials(tx, runtime, rows.map((row) => row.values), now);
        for (const row of rows) {
          if (linked) this.links.settleNewRecord(runtime, row.values, row.links, now);
          row.after = auditedValues(runtime, row.values);
        }
        for (let from = 0; from < rows.length; from += per) {
          const { text, params } = insertRecordsStatement(runtime, rows.slice(from, from + per), { actorId: user.id, now, ip }, '_id');
          await tx.query(text, params);
        }
        if (linked) await this.links.propagate(tx, runtime, rows.map((row) => ({ id: row.id, before: null, after: row.after })), now);
        return { rows, refused };
      };
      // Unlinked records that fit one statement need no transaction: the statement is atomic.
      const written = !linked && records.length <= per ? await write(this.db) : await this.recordTransaction(write);
      for (const row of written.rows) outcomes[row.index] = { id: row.id };
      for (const [index, error] of written.refused) outcomes[index] = { error };
    } catch {
      // Which record broke the transaction (a unique value, a value out of the column's range) is found by
      // halves, in order: a batch of 1,000 with one such record takes about twenty transactions, not 1,000
      // single inserts. A few records left are created one by one, each with its own error. The failed
      // transaction's serial numbers were rolled back with it.
      if (records.length > ONE_BY_ONE) {
        const half = Math.ceil(records.length / 2);
        await this.insertChunk(ctx, records.slice(0, half), ip, outcomes);
        await this.insertChunk(ctx, records.slice(half), ip, outcomes);
      } else {
        for (const record of records) outcomes[record.index] = await this.insertOne(ctx, record, ip);
      }
    }
  }

  /** The system columns and the written fields (sub-forms live in child tables) of a record being inserted. */
  private insertColumns(ctx: Ctx, values: Record<string, unknown>, meta: NewRecord): { cols: string[]; params: unknown[] } {
    const cols = ['_id', '_created_at', '_updated_at', '_created_by', '_updated_by', '_owner_id', '_owner_dept_id'];
    const params: unknown[] = [meta.id, meta.now, meta.now, ctx.user.id, ctx.user.id, meta.ownerId, meta.ownerDeptId];
    for (const f of ctx.runtime.fields) {
      if (f.subForm || !(f.field.key in values)) continue;
      cols.push(f.column);
      params.push(f.def.toDb(values[f.field.key]));
    }
    return { cols, params };
  }

  /**
   * Inserts a record without sub-form rows. One statement does the row, its audit entry and its outbox
   * event (which the relay turns into a live notification): atomic without an explicit transaction, and
   * one round trip. Returns the row and the values audited.
   */
  private async insertWithEvents(q: Queryable, ctx: Ctx, values: Record<string, unknown>, meta: NewRecord): Promise<{ row: Row; after: Record<string, unknown> }> {
    const after = auditedValues(ctx.runtime, values);
    const { text, params } = insertRecordsStatement(ctx.runtime, [{ id: meta.id, ownerId: meta.ownerId, ownerDeptId: meta.ownerDeptId, values, after }],
      { actorId: ctx.user.id, now: meta.now, ip: meta.ip }, this.allColumns(ctx));
    const [row] = await q.query<Row>(text, params);
    return { row, after };
  }

  /**
   * Inserts a record with sub-form rows: with them in one statement when they fit (RecordLinks.newRecordStatement),
   * else row then rows then the record read back; then its audit entry and outbox event, with the values
   * as stored. Returns the row and the values audited.
   */
  private async insertWithRows(tx: Queryable, ctx: Ctx, values: Record<string, unknown>, meta: NewRecord): Promise<{ row: Row; after: Record<string, unknown> }> {
    const { runtime, user } = ctx;
    const { cols, params } = this.insertColumns(ctx, values, meta);
    const insert = `INSERT INTO ${runtime.table} (${cols.join(', ')}) VALUES (${params.map((_p, i) => `$${i + 1}`).join(', ')})`;
    const statement = this.links.newRecordStatement(runtime, meta.id, values, params);
    let row: Row;
    if (statement) {
      [row] = await tx.query<Row>(`WITH r AS (${insert} RETURNING *)${statement.ctes.map((c) => `, ${c}`).join('')} SELECT ${statement.select} FROM r`, params);
    } else {
      await tx.query(insert, params);
      await this.links.writeRows(tx, runtime, meta.id, values, true);
      [row] = await tx.query<Row>(`SELECT ${this.allColumns(ctx)} FROM ${runtime.table} WHERE _id = $1`, [meta.id]);
    }
    const after = this.fullData(ctx, row);
    const event = { appKey: runtime.appKey, formKey: runtime.formKey, id: meta.id, version: 1 };
    await tx.query(
      `WITH a AS (INSERT INTO audit_log (id, at, actor_id, action, target_type, app_key, form_key, target_id, after, ip)
                  VALUES ($1, $2, $3, 'record.create', 'record', $4, $5, $6, $7, $8))
       INSERT INTO outbox (at, topic, payload) VALUES ($2, 'record.created', $9)`,
      [uuidV7(meta.now.getTime()), meta.now, user.id, runtime.appKey, runtime.formKey, meta.id, JSON.stringify(after), meta.ip, JSON.stringify(event)]);
    return { row, after };
  }

  /**
   * Create in a transaction, for forms with relations, lookups, rollups, sub-forms, serial numbers or
   * forms others read: numbers are taken, rows written and lookups computed before the row is returned.
   */
  private async createLinked(ctx: Ctx, values: Record<string, unknown>, meta: NewRecord): Promise<RecordView> {
    const { id, now } = meta;
    const { runtime, user } = ctx;
    return this.recordTransaction(async (tx) => {
      // Relations checked and lookups read before anything is written; the values are final before the INSERT.
      const linked = await this.links.newRecordLinksOrThrow(tx, runtime, id, values, this.conditionContext(user));
      await this.links.assignSerials(tx, runtime, [values], now);
      const files = await this.resolveFilesOrThrow(tx, ctx, null, values);
      this.links.settleNewRecord(runtime, values, linked, now);
      const withRows = runtime.fields.some((f) => f.subForm && Array.isArray(values[f.field.key]) && (values[f.field.key] as unknown[]).length > 0);
      const { row, after } = withRows ? await this.insertWithRows(tx, ctx, values, meta) : await this.insertWithEvents(tx, ctx, values, meta);
      if (Object.keys(files).length) await this.files.syncHolders(tx, runtime.id, id, files);
      await this.links.propagate(tx, runtime, [{ id, before: null, after }], now);
      return this.toView(ctx, row);
    });
  }

  /**
   * After a bulk write (an import): the planner's statistics of the form's table brought up to date, so
   * that query plans and the list's estimated totals (above 10,000 records) count the new rows at once
   * rather than after autovacuum's next pass. Reads and writes go on meanwhile.
   */
  async analyze(appKey: string, formKey: string): Promise<void> {
    const runtime = await this.runtimeFor(appKey, formKey);
    await this.db.query(`ANALYZE ${runtime.table}`);
  }

  /** `flow`: a flow step's write (FlowWrite), instead of the user's own. */
  async update(user: RequestUser, appKey: string, formKey: string, id: string, body: Record<string, unknown>, ip: string | null, flow?: FlowWrite): Promise<RecordView> {
    const ctx = flow?.fields ? { user, runtime: await this.runtimeFor(appKey, formKey, flow.tx), access: FULL_ACCESS } : await this.context(user, appKey, formKey, flow?.tx);
    this.requireAction(ctx, 'update');
    if (!isUuid(id)) throw notFound('Record not found');
    const data = this.dataOrThrow(body, true);
    const outside = flow?.fields ? Object.keys(data).filter((k) => !flow.fields?.includes(k)) : [];
    if (outside.length) throw new ApiError(403, 'FIELD_NOT_EDITABLE', `This step may not edit ${outside.join(', ')}`, { fields: outside });
    this.checkWritableKeysOrThrow(ctx, data);
    if (body.version !== undefined && (!Number.isInteger(body.version))) {
      throw validationFailed([{ path: ['version'], code: 'invalid_type', message: 'version must be an integer' }]);
    }
    const changingOwner = body.ownerId !== undefined;
    if (changingOwner) {
      this.requireAction(ctx, 'transfer');
      if (!isUuid(body.ownerId)) throw validationFailed([{ path: ['ownerId'], code: 'invalid_format', message: 'ownerId must be a user id' }]);
    }
    const now = this.clock.now();
    const readable = await readableLinks(this, user, ctx.runtime, data);
    return this.recordTransaction(async (tx) => {
      const params: unknown[] = [id];
      const scope = this.scopeSql(ctx, 'update', params);
      const [current] = await tx.query<Row>(
        `SELECT ${this.allColumns(ctx)} FROM ${ctx.runtime.table} WHERE _id = $1 AND _deleted_at IS NULL AND ${scope} FOR UPDATE`, params);
      if (!current) throw notFound('Record not found');
      if (body.version !== undefined && body.version !== current._version) {
        throw new ApiError(409, 'RECORD_VERSION_CONFLICT', 'Someone else changed this record; reload it and apply your change again', { version: current._version });
      }
      if (!flow) await this.checkFlowLockOrThrow(tx, ctx, id, current._flow_status, [...Object.keys(data), ...(changingOwner ? ['ownerId'] : [])]);
      if (!flow?.fields) await this.checkEditableHereOrThrow(tx, ctx, id, Object.keys(data));
      const before = this.fullData(ctx, current);
      // Again with the stored values: rules see the whole record and formulas recompute over it.
      const values = this.validateOrThrow(ctx, user, before, data, 'update');
      checkLinksReadableOrThrow(ctx.runtime, readable, values, before);
      const after = { ...before, ...values };
      this.stageGatesOrThrow(ctx, before, after);
      await this.checkReferencesOrThrow(ctx, values, tx);
      const linked = await this.links.isLinked(tx, ctx.runtime);
      if (linked) await this.links.checkRelationsOrThrow(tx, ctx.runtime, values, this.conditionContext(user));
      const files = linked ? await this.resolveFilesOrThrow(tx, ctx, id, values) : {};
      const changed = ctx.runtime.fields.filter((f) => f.field.key in values && JSON.stringify(before[f.field.key]) !== JSON.stringify(values[f.field.key]));
      const ownerChanged = changingOwner && body.ownerId !== current._owner_id;
      if (!changed.length && !ownerChanged) return this.toView(ctx, current);
      const sets: string[] = [];
      const up: unknown[] = [id];
      for (const f of changed) {
        if (f.subForm) continue;
        up.push(f.def.toDb(values[f.field.key]));
        sets.push(`${f.column} = $${up.length}`);
      }
      if (ownerChanged) {
        up.push(body.ownerId, await this.ownerDepartment(body.ownerId as string, tx));
        sets.push(`_owner_id = $${up.length - 1}`, `_owner_dept_id = $${up.length}`);
      }
      up.push(now, user.id);
      sets.push(`_updated_at = $${up.length - 1}`, `_updated_by = $${up.length}`, `_version = _version + 1`);
      let [row] = await tx.query<Row>(`UPDATE ${ctx.runtime.table} SET ${sets.join(', ')} WHERE _id = $1 RETURNING ${this.allColumns(ctx)}`, up);
      if (linked) {
        await this.links.writeRows(tx, ctx.runtime, id, values, false);
        if (Object.keys(files).length) await this.files.syncHolders(tx, ctx.runtime.id, id, files);
        await this.links.refresh(tx, ctx.runtime, [id], now, false);
        [row] = await tx.query<Row>(`SELECT ${this.allColumns(ctx)} FROM ${ctx.runtime.table} WHERE _id = $1`, [id]);
        await this.links.propagate(tx, ctx.runtime, [{ id, before, after: this.fullData(ctx, row), onlyValuesChanged: true }], now);
      }
      const diffBefore: Record<string, unknown> = {};
      const diffAfter: Record<string, unknown> = {};
      for (const f of changed) {
        diffBefore[f.field.key] = before[f.field.key];
        diffAfter[f.field.key] = f.def.fromDb(row[f.field.key]);
      }
      if (ownerChanged) {
        diffBefore.ownerId = current._owner_id;
        diffAfter.ownerId = body.ownerId;
      }
      await this.audit.write(tx, { at: now, actorId: user.id, action: ownerChanged && !changed.length ? 'record.transfer' : 'record.update', target: { type: 'record', appKey, formKey, id }, before: diffBefore, after: diffAfter, ip });
      await this.audit.publish(tx, 'record.updated', { appKey, formKey, id, version: row._version, changed: Object.keys(diffAfter) }, now);
      return this.toView(ctx, row);
    }, flow?.tx).catch((error) => { throw this.namedUniqueViolation(ctx, error); });
  }

  async remove(user: RequestUser, appKey: string, formKey: string, id: string, ip: string | null): Promise<void> {
    await this.setTrashed(user, appKey, formKey, id, ip, true);
  }

  async restore(user: RequestUser, appKey: string, formKey: string, id: string, ip: string | null): Promise<RecordView> {
    return (await this.setTrashed(user, appKey, formKey, id, ip, false))!;
  }

  private async setTrashed(user: RequestUser, appKey: string, formKey: string, id: string, ip: string | null, trash: boolean) {
    const ctx = await this.context(user, appKey, formKey);
    this.requireAction(ctx, 'delete');
    if (!isUuid(id)) throw notFound('Record not found');
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const params: unknown[] = [id, trash ? now : null, now, user.id];
      const scope = this.scopeSql(ctx, 'delete', params);
      const [row] = await tx.query<Row>(
        `UPDATE ${ctx.runtime.table} SET _deleted_at = $2, _version = _version + 1, _updated_at = $3, _updated_by = $4
          WHERE _id = $1 AND _deleted_at IS ${trash ? '' : 'NOT '}NULL AND ${scope} RETURNING ${this.allColumns(ctx)}`, params);
      if (!row) throw notFound('Record not found');
      if (trash) await this.checkFlowLockOrThrow(tx, ctx, id, row._flow_status, null);
      const full = this.fullData(ctx, row);
      if (await this.links.isLinked(tx, ctx.runtime)) {
        const cascaded = trash ? await this.links.applyDeletePolicies(tx, ctx.runtime, id, now, user.id) : [];
        for (const c of cascaded) {
          await this.audit.write(tx, { at: now, actorId: user.id, action: 'record.delete', target: { type: 'record', appKey: c.form.appKey, formKey: c.form.formKey, id: c.id }, after: { cascadedFrom: `${formKey}/${id}` }, ip });
          await this.audit.publish(tx, 'record.deleted', { appKey: c.form.appKey, formKey: c.form.formKey, id: c.id }, now);
        }
        await this.links.propagate(tx, ctx.runtime, [{ id, before: full, after: trash ? null : full }], now);
      }
      await this.audit.write(tx, { at: now, actorId: user.id, action: trash ? 'record.delete' : 'record.restore', target: { type: 'record', appKey, formKey, id }, [trash ? 'before' : 'after']: full, ip });
      await this.audit.publish(tx, trash ? 'record.deleted' : 'record.restored', { appKey, formKey, id, version: row._version }, now);
      return trash ? undefined : this.toView(ctx, row);
    }).catch((error) => { throw this.namedUniqueViolation(ctx, error); });
  }

  private dataOrThrow(body: Record<string, unknown>, partial = false): Record<string, unknown> {
    for (const k of Object.keys(body)) {
      if (!['data', 'version', 'ownerId'].includes(k)) throw validationFailed([{ path: [k], code: 'unknown_property', message: `${k} is not a record property; values go in data` }]);
    }
    const data = body.data;
    if (data === undefined && partial) return {};
    if (!data || typeof data !== 'object' || Array.isArray(data)) throw validationFailed([{ path: ['data'], code: 'invalid_type', message: 'data must be an object of field values' }]);
    return data as Record<string, unknown>;
  }

  private allColumns(ctx: Ctx): string {
    return [ctx.runtime.systemSelect, ...ctx.runtime.fields.map((f) => `${f.column} AS "${f.field.key}"`)].join(', ');
  }

  /** Every stored value of a row, unmasked: for audit entries and stage gates. */
  private fullData(ctx: Ctx, row: Row): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const f of ctx.runtime.fields as RuntimeField[]) out[f.field.key] = f.def.fromDb(row[f.field.key]);
    return out;
  }

  /** Live listeners hear of the change through the outbox relay, after commit. */
  private async notifyChange(tx: Queryable, appKey: string, formKey: string, id: string, version: number) {
    await tx.query(`INSERT INTO outbox (at, topic, payload) VALUES ($1, 'record.changed', $2)`, [this.clock.now(), JSON.stringify({ appKey, formKey, id, version })]);
  }
}
