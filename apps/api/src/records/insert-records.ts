import { uuidV7 } from '../common/uuid-v7';
import type { FormRuntime } from './form-runtime';

/** A record about to be inserted: its id, owner, values (coerced, final) and the values its audit entry holds. */
export type NewRecordRow = {
  id: string;
  ownerId: string;
  ownerDeptId: string | null;
  values: Record<string, unknown>;
  after: Record<string, unknown>;
};
/** What the records of one INSERT share: who creates them, when, and from where. */
export type NewRecordsCommon = { actorId: string; now: Date; ip: string | null };

/** Bind parameters per statement at the most (PostgreSQL allows 65,535 per statement). */
const MAX_INSERT_PARAMS = 30_000;
/** Parameters the rows of a statement share: now, actor, app key, form key, ip. */
const SHARED_PARAMS = 5;

/** The values a record's audit entry holds: every field, absent ones as their type reads an empty column. */
export function auditedValues(runtime: FormRuntime, values: Record<string, unknown>): Record<string, unknown> {
  const after: Record<string, unknown> = {};
  for (const f of runtime.fields) after[f.field.key] = f.field.key in values ? values[f.field.key] : f.def.fromDb(null);
  return after;
}

/** The form's columns the rows write (sub-forms live in child tables): every field some row holds. */
function writtenFields(runtime: FormRuntime, rows: NewRecordRow[]) {
  return runtime.fields.filter((f) => !f.subForm && rows.some((row) => f.field.key in row.values));
}

/** How many records fit in one statement under MAX_INSERT_PARAMS. */
export function recordsPerStatement(runtime: FormRuntime): number {
  const perRow = 3 + runtime.fields.filter((f) => !f.subForm).length + 3;
  return Math.max(1, Math.floor((MAX_INSERT_PARAMS - SHARED_PARAMS) / perRow));
}

/**
 * One statement that inserts records without sub-form rows, with the audit entry and the outbox event
 * (`record.created`, which the relay turns into a live notification) of each: atomic without an explicit
 * transaction, and one round trip whatever the number of rows. Values are bind parameters; a cell of
 * a field a record does not hold is DEFAULT, as when the column is left out of a one-row INSERT.
 * `returning` is the select list read back from the inserted rows (in the rows' order).
 */
export function insertRecordsStatement(runtime: FormRuntime, rows: NewRecordRow[], common: NewRecordsCommon, returning: string): { text: string; params: unknown[] } {
  const { appKey, formKey, table } = runtime;
  const params: unknown[] = [common.now, common.actorId, appKey, formKey, common.ip];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  const fields = writtenFields(runtime, rows);
  const cols = ['_id', '_created_at', '_updated_at', '_created_by', '_updated_by', '_owner_id', '_owner_dept_id', ...fields.map((f) => f.column)];
  const records: string[] = [];
  const audits: string[] = [];
  const events: string[] = [];
  for (const row of rows) {
    const id = p(row.id);
    const cells = fields.map((f) => (f.field.key in row.values ? p(f.def.toDb(row.values[f.field.key])) : 'DEFAULT'));
    records.push(`(${[id, '$1', '$1', '$2', '$2', p(row.ownerId), p(row.ownerDeptId), ...cells].join(', ')})`);
    audits.push(`(${p(uuidV7(common.now.getTime()))}, $1, $2, 'record.create', 'record', $3, $4, ${id}::text, ${p(JSON.stringify(row.after))}, $5)`);
    events.push(`($1, 'record.created', ${p(JSON.stringify({ appKey, formKey, id: row.id, version: 1 }))})`);
  }
  const text = `WITH r AS (INSERT INTO ${table} (${cols.join(', ')}) VALUES ${records.join(', ')} RETURNING ${returning}),
            a AS (INSERT INTO audit_log (id, at, actor_id, action, target_type, app_key, form_key, target_id, after, ip) VALUES ${audits.join(', ')}),
            o AS (INSERT INTO outbox (at, topic, payload) VALUES ${events.join(', ')})
       SELECT r.* FROM r`;
  return { text, params };
}
