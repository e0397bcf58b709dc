import { conditionToSql, parseCondition, referencedFields, type ConditionContext, type FieldResolver } from '@platform/condition';
import {
  formatSerialNumber,
  isMultipleRelation,
  relationDeletePolicy,
  relationTarget,
  rollupAggregate,
  rollupOfNothing,
  rollupSource,
  sameValue,
  serialPeriod,
  serialStart,
  validateRecordData,
  type RollupAggregate,
} from '@platform/form-engine';
import { ApiError, validationFailed } from '../common/api-error';
import { TtlCache } from '../common/ttl-cache';
import { uuidV7 } from '../common/uuid-v7';
import type { Queryable } from '../database/database';
import type { InvalidationService } from '../events/invalidation.service';
import { conditionFieldKey, conditionFieldOf } from './condition-fields';
import type { FormRuntime, RuntimeField } from './form-runtime';

type Row = Record<string, unknown> & { _id: string };
/**
 * One record written: its values before and after (null when created or deleted). `onlyValuesChanged`:
 * the record was live before and after (not created, deleted or restored), so a form that reads none of
 * the fields that changed has nothing to recompute.
 */
export type RecordChange = { id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null; onlyValuesChanged?: boolean };
/** A field of some form of the app that reads records of another form. */
type Dependent = { form: FormRuntime; field: RuntimeField; via: 'relation' | 'reverse' };

/** How deep a change travels through lookups and rollups of lookups (a cycle stops there too). */
const MAX_DEPTH = 5;

const AGGREGATE_SQL: Record<RollupAggregate, (col: string) => string> = {
  sum: (col) => `coalesce(sum(${col}), 0)`,
  avg: (col) => `avg(${col})`,
  min: (col) => `min(${col})`,
  max: (col) => `max(${col})`,
  earliest: (col) => `min(${col})`,
  latest: (col) => `max(${col})`,
  count: () => `count(*)`,
  countDistinct: (col) => `count(DISTINCT ${col})`,
};

const idsOf = (value: unknown): string[] => (Array.isArray(value) ? (value as string[]) : typeof value === 'string' ? [value] : []);
const notLinkableIssue = (f: RuntimeField, id: string, index: number) =>
  ({ path: isMultipleRelation(f.field) ? [f.field.key, index] : [f.field.key], code: 'not_found', message: `${id} is not a record that ${f.field.key} may link to` });

/**
 * What makes records of one form reach records of others: relations (checked on write, and followed by
 * `onDelete` when a linked record is deleted), lookups and rollups (recomputed in the transaction of the
 * write that changed their inputs, VALUES.md), sub-form rows (a child table) and serial numbers (a
 * counter row locked by the creating transaction, so numbers are gap-free).
 */
export class RecordLinks {
  /**
   * Form id:version -> its dependents. A form's dependents are fields of the app's other forms, so any
   * form change drops every entry; like the other form caches it is used only while invalidation is live.
   */
  private readonly dependentsCache = new TtlCache<string, Dependent[]>(60_000);
  /** Form id:version -> the lookups and rollups of its records over no linked record; dropped like dependentsCache. */
  private readonly unlinkedCache = new TtlCache<string, Record<string, unknown>>(60_000);
  /** Counts form changes, so that a scan which a change overtook is not cached. */
  private formChanges = 0;

  constructor(
    private readonly runtimeFor: (appKey: string, formKey: string, q: Queryable) => Promise<FormRuntime>,
    private readonly appFormKeys: (appKey: string, q: Queryable) => Promise<string[]>,
    private readonly timeZone: string,
    private readonly invalidation: Pick<InvalidationService, 'live' | 'on'>,
  ) {
    invalidation.on('forms', () => {
      this.formChanges++;
      this.dependentsCache.clear();
      this.unlinkedCache.clear();
    });
  }

  /** Forms whose writes need the transaction path: anything linked, numbered or with rows. */
  async isLinked(q: Queryable, runtime: FormRuntime): Promise<boolean> {
    if (runtime.definition.fields.some((f) => ['serialNumber', 'subForm', 'relation', 'lookup', 'rollup', 'image', 'attachment', 'signature'].includes(f.type))) return true;
    return (await this.dependents(q, runtime)).length > 0;
  }

  /**
   * Whether creating a record of a linked form with `values` needs the transaction path: a serial number
   * to take, sub-form rows or files to write, or a relation set (to check, to read lookups through, and
   * whose records' rollups change). Otherwise nothing links to the new record yet and it links to nothing,
   * so its lookups and rollups are those over no record (newRecordLinksOrThrow) and one statement writes it.
   */
  createNeedsTransaction(runtime: FormRuntime, values: Record<string, unknown>): boolean {
    return runtime.fields.some((f) => f.field.type === 'serialNumber' || (f.field.type === 'relation' && idsOf(values[f.field.key]).length > 0))
      || this.createWritesBesideRow(runtime, values);
  }

  /**
   * Whether creating a record with `values` writes more than its row, audit entry and outbox event:
   * sub-form rows (a child table) or files (their holders). Such creates go one by one; the others can
   * share one multi-row INSERT (RecordsService.createMany).
   */
  createWritesBesideRow(runtime: FormRuntime, values: Record<string, unknown>): boolean {
    return runtime.fields.some((f) => {
      switch (f.field.type) {
        case 'subForm': {
          const rows = values[f.field.key];
          return Array.isArray(rows) && rows.length > 0;
        }
        case 'image':
        case 'attachment':
        case 'signature':
          return f.field.key in values;
        default:
          return false;
      }
    });
  }

  /** Fields of the app's forms that read records of `runtime`'s form, cached until a form changes. */
  private async dependents(q: Queryable, runtime: FormRuntime): Promise<Dependent[]> {
    const cacheKey = `${runtime.id}:${runtime.version}`;
    const useCache = this.invalidation.live;
    const cached = useCache ? this.dependentsCache.get(cacheKey) : undefined;
    if (cached) return cached;
    const changesBefore = this.formChanges;
    const found = await this.scanDependents(q, runtime);
    if (useCache && this.invalidation.live && this.formChanges === changesBefore) this.dependentsCache.set(cacheKey, found);
    return found;
  }

  private async scanDependents(q: Queryable, runtime: FormRuntime): Promise<Dependent[]> {
    const out: Dependent[] = [];
    for (const key of await this.appFormKeys(runtime.appKey, q)) {
      const form = await this.runtimeFor(runtime.appKey, key, q);
      for (const f of form.fields) {
        if (f.field.type === 'lookup' || (f.field.type === 'rollup' && rollupSource(f.field)?.kind === 'forward')) {
          const relation = form.byKey.get(String(f.field.options?.relationField));
          if (relation && relationTarget(relation.field) === runtime.formKey) out.push({ form, field: f, via: 'relation' });
        } else if (f.field.type === 'rollup') {
          const source = rollupSource(f.field);
          if (source?.kind === 'reverse' && source.formKey === runtime.formKey) out.push({ form, field: f, via: 'reverse' });
        } else if (f.field.type === 'relation' && relationTarget(f.field) === runtime.formKey) {
          out.push({ form, field: f, via: 'relation' });
        }
      }
    }
    return out;
  }

  // ---- serial numbers ----

  /**
   * Takes the next numbers of each serial field in the creating transaction (its row lock orders
   * creates): one counter update per field for all `records`, numbered in their order.
   */
  async assignSerials(tx: Queryable, runtime: FormRuntime, records: Record<string, unknown>[], now: Date): Promise<void> {
    if (!records.length) return;
    for (const f of runtime.fields) {
      if (f.field.type !== 'serialNumber') continue;
      const period = serialPeriod(f.field, now, this.timeZone);
      const count = records.length;
      const [row] = await tx.query<{ value: number }>(
        `INSERT INTO serial_counters (form_id, field_key, period, value) VALUES ($1, $2, $3, $4::bigint + $5::bigint - 1)
         ON CONFLICT (form_id, field_key, period) DO UPDATE SET value = serial_counters.value + $5::bigint RETURNING value`,
        [runtime.id, f.field.key, period, serialStart(f.field), count]);
      const first = Number(row.value) - count + 1;
      records.forEach((values, index) => {
        values[f.field.key] = formatSerialNumber(f.field, first + index, values, { now, timeZone: this.timeZone, form: runtime.definition });
      });
    }
  }

  // ---- relations ----

  /** Linked records must exist (not in the trash) in the target form and match the relation's filter. */
  async checkRelationsOrThrow(tx: Queryable, runtime: FormRuntime, values: Record<string, unknown>, ctx: ConditionContext): Promise<void> {
    const issues: { path: (string | number)[]; code: string; message: string }[] = [];
    for (const f of runtime.fields) {
      if (f.field.type !== 'relation' || !(f.field.key in values)) continue;
      const ids = idsOf(values[f.field.key]);
      if (!ids.length) continue;
      const target = await this.runtimeFor(runtime.appKey, relationTarget(f.field)!, tx);
      const params: unknown[] = [ids];
      let where = `_id = ANY($1::uuid[]) AND _deleted_at IS NULL`;
      const filter = f.field.options?.filter;
      if (filter && typeof filter === 'object') {
        const parsed = parseCondition(filter, resolverFor(target, ''));
        if (parsed.ok) where += ` AND ${conditionToSql(parsed.condition, ctx, params)}`;
      }
      const found = new Set((await tx.query<{ _id: string }>(`SELECT _id FROM ${target.table} WHERE ${where}`, params)).map((r) => r._id));
      ids.forEach((id, index) => {
        if (!found.has(id)) issues.push(notLinkableIssue(f, id, index));
      });
    }
    if (issues.length) throw validationFailed(issues, issues[0].message);
  }

  /**
   * A record about to be created: its relations checked as checkRelationsOrThrow does and its lookups and
   * rollups computed, in one query over the values it will have; without a relation set, with no query,
   * what they are over no record (nothing can link to a record not yet written). Returns the values by key.
   */
  async newRecordLinksOrThrow(q: Queryable, g: FormRuntime, id: string, values: Record<string, unknown>, ctx: ConditionContext): Promise<Record<string, unknown>> {
    const relations = g.fields.filter((f) => f.field.type === 'relation');
    const set = relations.filter((f) => idsOf(values[f.field.key]).length > 0);
    if (!set.length) return this.unlinkedValues(q, g);
    const params: unknown[] = [id];
    const links = await this.linkExprs(q, g, params);
    // The record as a row `g`, holding what the link expressions read: its id and its relations.
    const row = [`$1::uuid AS _id`, ...relations.map((f) => `${param(params, f.def.toDb(values[f.field.key] ?? null))}::${f.sqlType} AS ${f.column}`)];
    const found: string[] = [];
    for (const f of set) {
      const target = await this.runtimeFor(g.appKey, relationTarget(f.field)!, q);
      let where = `t._id = ANY(${param(params, idsOf(values[f.field.key]))}::uuid[]) AND t._deleted_at IS NULL`;
      const filter = f.field.options?.filter;
      if (filter && typeof filter === 'object') {
        const parsed = parseCondition(filter, resolverFor(target, 't.'));
        if (parsed.ok) where += ` AND ${conditionToSql(parsed.condition, ctx, params)}`;
      }
      found.push(`(SELECT coalesce(array_agg(t._id::text), '{}') FROM ${target.table} t WHERE ${where}) AS "_r_${f.field.key}"`);
    }
    const [result] = await q.query<Record<string, unknown>>(
      `SELECT ${[...found, ...links.map(({ field: f, expr }) => `${expr} AS "_l_${f.field.key}"`)].join(', ')} FROM (SELECT ${row.join(', ')}) g`, params);
    const issues = set.flatMap((f) => {
      const ok = new Set(result[`_r_${f.field.key}`] as string[]);
      return idsOf(values[f.field.key]).flatMap((linked, index) => (ok.has(linked) ? [] : [notLinkableIssue(f, linked, index)]));
    });
    if (issues.length) throw validationFailed(issues, issues[0].message);
    return Object.fromEntries(links.map(({ field: f }) => [f.field.key, f.def.fromDb(result[`_l_${f.field.key}`])]));
  }

  /** What the lookups and rollups of a record of `g` are over no linked record (cached like dependents). */
  private async unlinkedValues(q: Queryable, g: FormRuntime): Promise<Record<string, unknown>> {
    const cacheKey = `${g.id}:${g.version}`;
    const useCache = this.invalidation.live;
    const cached = useCache ? this.unlinkedCache.get(cacheKey) : undefined;
    if (cached) return cached;
    const changesBefore = this.formChanges;
    const links = await this.linkExprs(q, g, []);
    const found = Object.fromEntries(links.map(({ field: f }) => [f.field.key, f.def.fromDb(f.field.type === 'rollup' ? rollupOfNothing(rollupAggregate(f.field)) : null)]));
    if (useCache && this.invalidation.live && this.formChanges === changesBefore) this.unlinkedCache.set(cacheKey, found);
    return found;
  }

  /**
   * Puts a new record's lookups and rollups (`linked`, from newRecordLinksOrThrow) into `values` with the
   * formulas over them recomputed, as refresh would after the insert: only what differs from what the
   * record holds without them, so that the row written is the row refresh would leave.
   */
  settleNewRecord(g: FormRuntime, values: Record<string, unknown>, linked: Record<string, unknown>, now: Date): void {
    if (!Object.keys(linked).length) return;
    const held = Object.fromEntries(g.fields.map((f) => [f.field.key, f.field.key in values ? values[f.field.key] : f.def.fromDb(null)]));
    const after = this.withDerived(g, { ...held, ...linked }, now);
    for (const f of g.fields) if (!f.subForm && !sameValue(held[f.field.key], after[f.field.key])) values[f.field.key] = after[f.field.key];
  }

  /** A whole record with its derived values recomputed by the engine (formulas over lookups and rollups). */
  private withDerived(g: FormRuntime, record: Record<string, unknown>, now: Date): Record<string, unknown> {
    if (!g.fields.some((f) => f.def.derive)) return record;
    const derived = validateRecordData(g.definition, {}, 'update', record, { now, timeZone: this.timeZone });
    return derived.ok ? { ...record, ...derived.values } : record;
  }

  // ---- sub-form rows ----

  /**
   * Replaces a record's rows of each sub-form written: rows keeping their id are updated, rows without
   * one get a new id, rows left out are deleted. `values` gets the rows with their ids.
   */
  async writeRows(tx: Queryable, runtime: FormRuntime, recordId: string, values: Record<string, unknown>, created: boolean): Promise<void> {
    for (const f of runtime.fields) {
      if (!f.subForm || !(f.field.key in values)) continue;
      const rows = (values[f.field.key] as Record<string, unknown>[]) ?? [];
      const { table } = f.subForm;
      const existing = created ? new Set<string>() : new Set((await tx.query<{ _id: string }>(`SELECT _id FROM ${table} WHERE _parent_id = $1`, [recordId])).map((r) => r._id));
      const out = rowsWithIdsOrThrow(f, rows, existing);
      const kept = new Set(out.map((row) => row.id));
      const gone = [...existing].filter((id) => !kept.has(id));
      if (gone.length) await tx.query(`DELETE FROM ${table} WHERE _parent_id = $1 AND _id = ANY($2::uuid[])`, [recordId, gone]);
      await upsertRows(tx, f.subForm, recordId, out);
      values[f.field.key] = out;
    }
  }

  /**
   * A record being created in one statement, `WITH r AS (INSERT ... RETURNING *)`: the INSERTs of its
   * sub-form rows as the statement's further parts (`ctes`), and the select list that reads the record
   * back from `r` with its rows from those parts (a statement does not see what its own parts write).
   * The rows get their new ids in `values`. Null when the rows need more bind parameters than one
   * statement should take: the caller then inserts the record, writes them with writeRows and reads it.
   */
  newRecordStatement(runtime: FormRuntime, recordId: string, values: Record<string, unknown>, params: unknown[]): { ctes: string[]; select: string } | null {
    const written = runtime.fields.filter((f) => f.subForm && Array.isArray(values[f.field.key]) && (values[f.field.key] as unknown[]).length);
    const cells = written.reduce((n, f) => n + (values[f.field.key] as unknown[]).length * (3 + f.subForm!.columns.length), 0);
    if (params.length + cells > MAX_PARAMS) return null;
    const ctes: string[] = [];
    const sources = new Map<string, string>();
    for (const f of written) {
      const rows = rowsWithIdsOrThrow(f, values[f.field.key] as Record<string, unknown>[], new Set());
      const name = `rows_${ctes.length}`;
      ctes.push(`${name} AS (${rowsInsert(f.subForm!, recordId, rows, 0, params)} RETURNING *)`);
      sources.set(f.field.key, name);
      values[f.field.key] = rows;
    }
    const columnOf = (f: RuntimeField) => {
      if (!f.subForm) return f.column;
      const source = sources.get(f.field.key);
      const fromR = f.column.split(`${runtime.table}._id`).join('r._id');
      return source ? fromR.split(`FROM ${f.subForm.table} c`).join(`FROM ${source} c`) : fromR;
    };
    return { ctes, select: [runtime.systemSelect, ...runtime.fields.map((f) => `${columnOf(f)} AS "${f.field.key}"`)].join(', ') };
  }

  // ---- lookups and rollups ----

  /** The SQL of one lookup or relation rollup of form `g` (aliased `g`), or null for other fields. */
  private async linkExpr(q: Queryable, g: FormRuntime, f: RuntimeField, params: unknown[]): Promise<string | null> {
    if (f.field.type === 'lookup') {
      const relation = g.byKey.get(String(f.field.options?.relationField));
      if (!relation) return null;
      const target = await this.runtimeFor(g.appKey, relationTarget(relation.field)!, q);
      const col = target.byKey.get(String(f.field.options?.targetField));
      if (!col || col.subForm) return null;
      return isMultipleRelation(relation.field)
        ? `(SELECT coalesce(jsonb_agg(to_jsonb(t.${col.column}) ORDER BY array_position(g.${relation.column}, t._id)), '[]'::jsonb) FROM ${target.table} t WHERE t._id = ANY(g.${relation.column}) AND t._deleted_at IS NULL)`
        : `(SELECT t.${col.column} FROM ${target.table} t WHERE t._id = g.${relation.column} AND t._deleted_at IS NULL)`;
    }
    if (f.field.type !== 'rollup') return null;
    const source = rollupSource(f.field);
    if (!source || source.kind === 'subForm') return null;
    let rows: FormRuntime;
    let join: string;
    if (source.kind === 'forward') {
      const relation = g.byKey.get(source.relationField);
      if (!relation) return null;
      rows = await this.runtimeFor(g.appKey, relationTarget(relation.field)!, q);
      join = `t._id = ANY(g.${relation.column})`;
    } else {
      rows = await this.runtimeFor(g.appKey, source.formKey, q);
      const relation = rows.byKey.get(source.relationField);
      if (!relation) return null;
      join = isMultipleRelation(relation.field) ? `g._id = ANY(t.${relation.column})` : `t.${relation.column} = g._id`;
    }
    const aggregate = rollupAggregate(f.field);
    const target = rows.byKey.get(String(f.field.options?.targetField));
    if (aggregate !== 'count' && !target) return null;
    let where = `${join} AND t._deleted_at IS NULL`;
    const filter = f.field.options?.filter;
    if (filter && typeof filter === 'object') {
      const parsed = parseCondition(filter, resolverFor(rows, 't.'));
      if (parsed.ok) where += ` AND ${conditionToSql(parsed.condition, { now: new Date(), timeZone: this.timeZone }, params)}`;
    }
    return `(SELECT ${AGGREGATE_SQL[aggregate](target ? `t.${target.column}` : '')} FROM ${rows.table} t WHERE ${where})`;
  }

  /** The lookups and relation rollups of form `g` (aliased `g`) with their SQL; filter values go into `params`. */
  private async linkExprs(q: Queryable, g: FormRuntime, params: unknown[]): Promise<{ field: RuntimeField; expr: string }[]> {
    const out: { field: RuntimeField; expr: string }[] = [];
    for (const field of g.fields) {
      const expr = await this.linkExpr(q, g, field, params);
      if (expr) out.push({ field, expr });
    }
    return out;
  }

  /**
   * Recomputes the lookups and relation rollups of some records of `g`, then its formulas over them,
   * and writes what changed. Returns the records that changed.
   */
  async refresh(tx: Queryable, g: FormRuntime, ids: string[], now: Date, bumpVersion = true): Promise<RecordChange[]> {
    if (!ids.length) return [];
    const params: unknown[] = [ids];
    const linked = await this.linkExprs(tx, g, params);
    if (!linked.length) return [];
    // Lock first (in id order, so that writers of several records queue alike), then read in a statement
    // of its own: under READ COMMITTED a statement that waited for a lock still reads the snapshot it began
    // with, so an aggregate computed in the locking statement would miss rows committed while it waited.
    await tx.query(`SELECT 1 FROM ${g.table} WHERE _id = ANY($1::uuid[]) AND _deleted_at IS NULL ORDER BY _id FOR UPDATE`, [ids]);
    return g.fields.some((f) => f.def.derive)
      ? this.refreshThroughEngine(tx, g, linked, params, now, bumpVersion)
      : this.refreshInSql(tx, g, linked, params, now, bumpVersion);
  }

  /** refresh for a form with derived values: the records read, their formulas recomputed by the engine, each written apart. */
  private async refreshThroughEngine(tx: Queryable, g: FormRuntime, linked: { field: RuntimeField; expr: string }[], params: unknown[], now: Date, bumpVersion: boolean): Promise<RecordChange[]> {
    // A sub-form's subquery names the parent table; here the parent is aliased g.
    const all = g.fields.map((f) => `${f.subForm ? f.column.split(`${g.table}._id`).join('g._id') : `g.${f.column}`} AS "${f.field.key}"`);
    const exprs = linked.map(({ field: f, expr }) => `${expr} AS "_l_${f.field.key}"`);
    const rows = await tx.query<Row>(
      `SELECT g._id, ${[...all, ...exprs].join(', ')} FROM ${g.table} g WHERE g._id = ANY($1::uuid[]) AND g._deleted_at IS NULL`,
      params);
    const changes: RecordChange[] = [];
    for (const row of rows) {
      const before: Record<string, unknown> = {};
      for (const f of g.fields) before[f.field.key] = f.def.fromDb(row[f.field.key]);
      const merged = { ...before };
      for (const { field: f } of linked) merged[f.field.key] = f.def.fromDb(row[`_l_${f.field.key}`]);
      // Formulas over the new lookups: the engine recomputes every derived value of the whole record.
      const after = this.withDerived(g, merged, now);
      const changed = g.fields.filter((f) => !f.subForm && !sameValue(before[f.field.key], after[f.field.key]));
      if (!changed.length) continue;
      const up: unknown[] = [row._id];
      const sets = changed.map((f) => { up.push(f.def.toDb(after[f.field.key])); return `${f.column} = $${up.length}`; });
      await tx.query(`UPDATE ${g.table} SET ${sets.join(', ')}${bumpVersion ? ', _version = _version + 1' : ''} WHERE _id = $1`, up);
      await tx.query(`INSERT INTO outbox (at, topic, payload) VALUES ($1, 'record.changed', $2)`, [now, JSON.stringify({ appKey: g.appKey, formKey: g.formKey, id: row._id })]);
      changes.push({ id: row._id, before, after, onlyValuesChanged: true });
    }
    return changes;
  }

  /**
   * refresh for a form without derived values: one statement computes the lookups and rollups, writes
   * the records where one differs (compared as JSON, as the engine path compares), adds their outbox
   * events, and returns their values before with the new ones.
   */
  private async refreshInSql(tx: Queryable, g: FormRuntime, linked: { field: RuntimeField; expr: string }[], params: unknown[], now: Date, bumpVersion: boolean): Promise<RecordChange[]> {
    const plain = g.fields.filter((f) => !f.subForm);
    const fresh = (f: RuntimeField) => `s."_l_${f.field.key}"`;
    const read = [...plain.map((f) => `g.${f.column} AS "${f.field.key}"`), ...linked.map(({ field: f, expr }) => `CAST(${expr} AS ${f.sqlType}) AS "_l_${f.field.key}"`)];
    const sets = [...linked.map(({ field: f }) => `${f.column} = ${fresh(f)}`), ...(bumpVersion ? ['_version = g._version + 1'] : [])];
    const differs = linked.map(({ field: f }) => `to_jsonb(g.${f.column}) IS DISTINCT FROM to_jsonb(${fresh(f)})`);
    const event = `jsonb_build_object('appKey', ${param(params, g.appKey)}::text, 'formKey', ${param(params, g.formKey)}::text, 'id', u._id)`;
    const rows = await tx.query<Row>(
      `WITH s AS (SELECT g._id, ${read.join(', ')} FROM ${g.table} g WHERE g._id = ANY($1::uuid[]) AND g._deleted_at IS NULL),
            u AS (UPDATE ${g.table} g SET ${sets.join(', ')} FROM s WHERE g._id = s._id AND (${differs.join(' OR ')}) RETURNING g._id),
            o AS (INSERT INTO outbox (at, topic, payload) SELECT ${param(params, now)}::timestamptz, 'record.changed', ${event} FROM u)
       SELECT s.* FROM s JOIN u ON u._id = s._id`,
      params);
    return rows.map((row) => {
      const before: Record<string, unknown> = {};
      for (const f of plain) before[f.field.key] = f.def.fromDb(row[f.field.key]);
      const after = { ...before };
      for (const { field: f } of linked) after[f.field.key] = f.def.fromDb(row[`_l_${f.field.key}`]);
      return { id: row._id, before, after, onlyValuesChanged: true };
    });
  }

  /** After records of `source` changed: the records of other forms that read them, recomputed, and so on. */
  async propagate(tx: Queryable, source: FormRuntime, changes: RecordChange[], now: Date, depth = 0): Promise<void> {
    if (!changes.length || depth >= MAX_DEPTH) return;
    const affected = new Map<string, { form: FormRuntime; ids: Set<string> }>();
    const add = (form: FormRuntime, ids: string[]) => {
      const entry = affected.get(form.formKey) ?? { form, ids: new Set<string>() };
      for (const id of ids) entry.ids.add(id);
      affected.set(form.formKey, entry);
    };
    for (const dep of await this.dependents(tx, source)) {
      if (dep.field.field.type === 'relation') continue;
      const reads = fieldsReadBy(dep, source);
      const relevant = changes.filter((c) => mayAffect(c, reads));
      if (dep.via === 'reverse') {
        const source2 = rollupSource(dep.field.field);
        if (source2?.kind !== 'reverse') continue;
        add(dep.form, relevant.flatMap((c) => [...idsOf(c.before?.[source2.relationField]), ...idsOf(c.after?.[source2.relationField])]));
      } else {
        // Nothing links to a record created in this transaction yet.
        const changedIds = relevant.filter((c) => c.before !== null).map((c) => c.id);
        if (!changedIds.length) continue;
        const relation = dep.form.byKey.get(String(dep.field.field.options?.relationField))!;
        const op = isMultipleRelation(relation.field) ? '&&' : '= ANY';
        const rows = await tx.query<{ _id: string }>(
          `SELECT _id FROM ${dep.form.table} WHERE ${relation.column} ${op}($1::uuid[]) AND _deleted_at IS NULL`, [changedIds]);
        add(dep.form, rows.map((r) => r._id));
      }
    }
    for (const { form, ids } of affected.values()) {
      const next = await this.refresh(tx, form, [...ids], now);
      await this.propagate(tx, form, next, now, depth + 1);
    }
  }

  /**
   * Before a record goes to the trash: every relation pointing at it follows its `onDelete` policy.
   * block: 409 RECORD_REFERENCED naming the first referencing form and field; clear: the link is removed;
   * cascade: the referencing records go to the trash too (their own relations followed in turn).
   * Returns the records cascaded, for the audit.
   */
  async applyDeletePolicies(tx: Queryable, runtime: FormRuntime, id: string, now: Date, actorId: string | null, depth = 0): Promise<{ form: FormRuntime; id: string }[]> {
    const trashed: { form: FormRuntime; id: string }[] = [];
    for (const dep of await this.dependents(tx, runtime)) {
      if (dep.field.field.type !== 'relation') continue;
      const f = dep.field;
      const many = isMultipleRelation(f.field);
      const match = many ? `$1::uuid = ANY(${f.column})` : `${f.column} = $1::uuid`;
      const policy = relationDeletePolicy(f.field);
      if (policy === 'block') {
        const [ref] = await tx.query<{ _id: string }>(`SELECT _id FROM ${dep.form.table} WHERE ${match} AND _deleted_at IS NULL AND _id <> $1 LIMIT 1`, [id]);
        if (ref) {
          throw new ApiError(409, 'RECORD_REFERENCED', `This record is linked from ${dep.form.formKey}.${f.field.key}; remove those links first`, { form: dep.form.formKey, field: f.field.key, recordId: ref._id });
        }
      } else if (policy === 'clear') {
        const rows = await tx.query<{ _id: string }>(
          `UPDATE ${dep.form.table} SET ${f.column} = ${many ? `array_remove(${f.column}, $1::uuid)` : 'NULL'}, _version = _version + 1, _updated_at = $2
            WHERE ${match} AND _deleted_at IS NULL RETURNING _id`, [id, now]);
        const cleared = await this.refresh(tx, dep.form, rows.map((r) => r._id), now);
        await this.propagate(tx, dep.form, cleared, now);
      } else if (depth < MAX_DEPTH) {
        const rows = await tx.query<{ _id: string }>(
          `UPDATE ${dep.form.table} SET _deleted_at = $2, _version = _version + 1, _updated_at = $2, _updated_by = $3
            WHERE ${match} AND _deleted_at IS NULL AND _id <> $1 RETURNING _id`, [id, now, actorId]);
        for (const r of rows) {
          trashed.push({ form: dep.form, id: r._id }, ...(await this.applyDeletePolicies(tx, dep.form, r._id, now, actorId, depth + 1)));
        }
      }
    }
    return trashed;
  }
}

/** Adds a bind parameter; returns its placeholder. */
function param(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

/**
 * The fields of `source`'s records that a dependent reads (as linkExpr builds its SQL): a lookup its
 * target field; a rollup its target field, the fields its filter names and, over `form.relation`, that relation.
 */
function fieldsReadBy(dep: Dependent, source: FormRuntime): string[] {
  const options = dep.field.field.options ?? {};
  const keys = typeof options.targetField === 'string' ? [options.targetField] : [];
  const rollup = rollupSource(dep.field.field);
  if (dep.via === 'reverse' && rollup?.kind === 'reverse') keys.push(rollup.relationField);
  const filter = dep.field.field.type === 'rollup' ? options.filter : undefined;
  const parsed = filter && typeof filter === 'object' ? parseCondition(filter, resolverFor(source, 't.')) : null;
  return parsed?.ok ? [...keys, ...referencedFields(parsed.condition).map(conditionFieldKey)] : keys;
}

/** Whether a dependent reading `keys` of the changed record may see a difference. */
function mayAffect(change: RecordChange, keys: string[]): boolean {
  return !change.onlyValuesChanged || keys.some((k) => !sameValue(change.before?.[k], change.after?.[k]));
}

/** Bind parameters per INSERT at the most (PostgreSQL allows 65,535). */
const MAX_PARAMS = 30_000;

/**
 * A sub-form's rows to write, each with its id: a row keeping an id must be one of `existing` (the
 * record's rows), a row without one gets a new id. Rows come coerced: an id is a string or absent.
 */
function rowsWithIdsOrThrow(f: RuntimeField, rows: Record<string, unknown>[], existing: Set<string>): (Record<string, unknown> & { id: string })[] {
  return rows.map((row, index) => {
    if (typeof row.id === 'string' && !existing.has(row.id)) {
      throw validationFailed([{ path: [f.field.key, index, 'id'], code: 'not_found', message: `row ${index + 1} has an id that is not a row of this record; leave id out for a new row` }]);
    }
    return { id: typeof row.id === 'string' ? row.id : uuidV7(), ...row } as Record<string, unknown> & { id: string };
  });
}

/** One multi-row INSERT of sub-form rows (each with its id), the first at position `from`; values go into `params`. */
function rowsInsert(subForm: NonNullable<RuntimeField['subForm']>, recordId: string, rows: Record<string, unknown>[], from: number, params: unknown[]): string {
  const names = subForm.columns.map((c) => c.column);
  const tuples = rows.map((row, index) => {
    const cells = [row.id, recordId, from + index, ...subForm.columns.map((c) => c.def.toDb(row[c.field.key] ?? null))];
    return `(${cells.map((cell) => param(params, cell)).join(', ')})`;
  });
  return `INSERT INTO ${subForm.table} (_id, _parent_id, _position${names.map((n) => `, ${n}`).join('')}) VALUES ${tuples.join(', ')}`;
}

/**
 * Writes sub-form rows (each with its id) at their positions: a few multi-row INSERTs, a row whose id
 * exists updated in place. Row ids are distinct (the engine refuses a repeated one).
 */
async function upsertRows(tx: Queryable, subForm: NonNullable<RuntimeField['subForm']>, recordId: string, rows: Record<string, unknown>[]): Promise<void> {
  const names = subForm.columns.map((c) => c.column);
  const upsert = `ON CONFLICT (_id) DO UPDATE SET _position = EXCLUDED._position${names.map((n) => `, ${n} = EXCLUDED.${n}`).join('')}`;
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / (3 + names.length)));
  for (let from = 0; from < rows.length; from += chunk) {
    const params: unknown[] = [];
    await tx.query(`${rowsInsert(subForm, recordId, rows.slice(from, from + chunk), from, params)} ${upsert}`, params);
  }
}

/** Conditions over another form's fields (relation filters, rollup filters), with columns under `alias`. */
function resolverFor(form: FormRuntime, alias: string): FieldResolver {
  return (path) => {
    const f = form.byKey.get(conditionFieldKey(path));
    if (!f || f.subForm || !f.def.conditionKind) return undefined;
    return conditionFieldOf(f, path, { column: `${alias}${f.column}` });
  };
}
