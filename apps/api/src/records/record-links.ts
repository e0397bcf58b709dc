import { conditionToSql, parseCondition, type ConditionContext, type FieldResolver } from '@platform/condition';
import {
  formatSerialNumber,
  isMultipleRelation,
  relationDeletePolicy,
  relationTarget,
  rollupAggregate,
  rollupSource,
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
/** One record written: its values before and after (null when created or deleted). */
export type RecordChange = { id: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null };
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
    });
  }

  /** Forms whose writes need the transaction path: anything linked, numbered or with rows. */
  async isLinked(q: Queryable, runtime: FormRuntime): Promise<boolean> {
    if (runtime.definition.fields.some((f) => ['serialNumber', 'subForm', 'relation', 'lookup', 'rollup', 'image', 'attachment', 'signature'].includes(f.type))) return true;
    return (await this.dependents(q, runtime)).length > 0;
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

  /** Takes the next number of each serial field in the creating transaction (its row lock orders creates). */
  async assignSerials(tx: Queryable, runtime: FormRuntime, values: Record<string, unknown>, now: Date): Promise<void> {
    for (const f of runtime.fields) {
      if (f.field.type !== 'serialNumber') continue;
      const period = serialPeriod(f.field, now, this.timeZone);
      const start = serialStart(f.field);
      const [row] = await tx.query<{ value: number }>(
        `INSERT INTO serial_counters (form_id, field_key, period, value) VALUES ($1, $2, $3, $4)
         ON CONFLICT (form_id, field_key, period) DO UPDATE SET value = serial_counters.value + 1 RETURNING value`,
        [runtime.id, f.field.key, period, start]);
      values[f.field.key] = formatSerialNumber(f.field, Number(row.value), values, { now, timeZone: this.timeZone, form: runtime.definition });
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
        if (!found.has(id)) {
          issues.push({ path: isMultipleRelation(f.field) ? [f.field.key, index] : [f.field.key], code: 'not_found', message: `${id} is not a record that ${f.field.key} may link to` });
        }
      });
    }
    if (issues.length) throw validationFailed(issues, issues[0].message);
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
      const kept = new Set<string>();
      rows.forEach((row, index) => {
        if (typeof row.id === 'string' && !existing.has(row.id)) {
          throw validationFailed([{ path: [f.field.key, index, 'id'], code: 'not_found', message: `row ${index + 1} has an id that is not a row of this record; leave id out for a new row` }]);
        }
        if (typeof row.id === 'string') kept.add(row.id);
      });
      const gone = [...existing].filter((id) => !kept.has(id));
      if (gone.length) await tx.query(`DELETE FROM ${table} WHERE _parent_id = $1 AND _id = ANY($2::uuid[])`, [recordId, gone]);
      const out = rows.map((row) => ({ id: typeof row.id === 'string' ? row.id : uuidV7(), ...row })); // rows come coerced: an id is a string or absent
      await upsertRows(tx, f.subForm, recordId, out);
      values[f.field.key] = out;
    }
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

  /**
   * Recomputes the lookups and relation rollups of some records of `g`, then its formulas over them,
   * and writes what changed. Returns the records that changed.
   */
  async refresh(tx: Queryable, g: FormRuntime, ids: string[], now: Date, bumpVersion = true): Promise<RecordChange[]> {
    if (!ids.length) return [];
    const params: unknown[] = [ids];
    const exprs: string[] = [];
    const linked: RuntimeField[] = [];
    for (const f of g.fields) {
      const expr = await this.linkExpr(tx, g, f, params);
      if (expr) {
        exprs.push(`${expr} AS "_l_${f.field.key}"`);
        linked.push(f);
      }
    }
    if (!linked.length) return [];
    // A sub-form's subquery names the parent table; here the parent is aliased g.
    const all = g.fields.map((f) => `${f.subForm ? f.column.split(`${g.table}._id`).join('g._id') : `g.${f.column}`} AS "${f.field.key}"`);
    // Lock first (in id order, so that writers of several records queue alike), then read in a statement
    // of its own: under READ COMMITTED a statement that waited for a lock still reads the snapshot it began
    // with, so an aggregate computed in the locking statement would miss rows committed while it waited.
    await tx.query(`SELECT 1 FROM ${g.table} WHERE _id = ANY($1::uuid[]) AND _deleted_at IS NULL ORDER BY _id FOR UPDATE`, [ids]);
    const rows = await tx.query<Row>(
      `SELECT g._id, ${[...all, ...exprs].join(', ')} FROM ${g.table} g WHERE g._id = ANY($1::uuid[]) AND g._deleted_at IS NULL`,
      params);
    const changes: RecordChange[] = [];
    for (const row of rows) {
      const before: Record<string, unknown> = {};
      for (const f of g.fields) before[f.field.key] = f.def.fromDb(row[f.field.key]);
      const merged = { ...before };
      for (const f of linked) merged[f.field.key] = f.def.fromDb(row[`_l_${f.field.key}`]);
      // Formulas over the new lookups: the engine recomputes every derived value of the whole record.
      const derived = validateRecordData(g.definition, {}, 'update', merged, { now, timeZone: this.timeZone });
      const after = derived.ok ? { ...merged, ...derived.values } : merged;
      const changed = g.fields.filter((f) => !f.subForm && JSON.stringify(before[f.field.key] ?? null) !== JSON.stringify(after[f.field.key] ?? null));
      if (!changed.length) continue;
      const up: unknown[] = [row._id];
      const sets = changed.map((f) => { up.push(f.def.toDb(after[f.field.key])); return `${f.column} = $${up.length}`; });
      await tx.query(`UPDATE ${g.table} SET ${sets.join(', ')}${bumpVersion ? ', _version = _version + 1' : ''} WHERE _id = $1`, up);
      await tx.query(`INSERT INTO outbox (at, topic, payload) VALUES ($1, 'record.changed', $2)`, [now, JSON.stringify({ appKey: g.appKey, formKey: g.formKey, id: row._id })]);
      changes.push({ id: row._id, before, after });
    }
    return changes;
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
    const changedIds = changes.map((c) => c.id);
    for (const dep of await this.dependents(tx, source)) {
      if (dep.field.field.type === 'relation') continue;
      if (dep.via === 'reverse') {
        const source2 = rollupSource(dep.field.field);
        if (source2?.kind !== 'reverse') continue;
        add(dep.form, changes.flatMap((c) => [...idsOf(c.before?.[source2.relationField]), ...idsOf(c.after?.[source2.relationField])]));
      } else {
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

/** Bind parameters per INSERT at the most (PostgreSQL allows 65,535). */
const MAX_PARAMS = 30_000;

/**
 * Writes sub-form rows (each with its id) at their positions: a few multi-row INSERTs, a row whose id
 * exists updated in place. Row ids are distinct (the engine refuses a repeated one).
 */
async function upsertRows(tx: Queryable, subForm: NonNullable<RuntimeField['subForm']>, recordId: string, rows: Record<string, unknown>[]): Promise<void> {
  const names = subForm.columns.map((c) => c.column);
  const perRow = 3 + names.length;
  const upsert = `ON CONFLICT (_id) DO UPDATE SET _position = EXCLUDED._position${names.map((n) => `, ${n} = EXCLUDED.${n}`).join('')}`;
  const chunk = Math.max(1, Math.floor(MAX_PARAMS / perRow));
  for (let from = 0; from < rows.length; from += chunk) {
    const params: unknown[] = [];
    const tuples: string[] = [];
    for (let position = from; position < Math.min(rows.length, from + chunk); position++) {
      const row = rows[position];
      const first = params.length + 1;
      params.push(row.id, recordId, position, ...subForm.columns.map((c) => c.def.toDb(row[c.field.key] ?? null)));
      tuples.push(`(${Array.from({ length: perRow }, (_v, i) => `$${first + i}`).join(', ')})`);
    }
    await tx.query(`INSERT INTO ${subForm.table} (_id, _parent_id, _position${names.map((n) => `, ${n}`).join('')}) VALUES ${tuples.join(', ')} ${upsert}`, params);
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
