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

/** Records per statement at the most: the statement is the same whatever their number, this bounds the size of its one parameter. */
const MAX_RECORDS_PER_STATEMENT = 5000;

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

/** How many records go in one statement. */
export function recordsPerStatement(_runtime: FormRuntime): number {
  return MAX_RECORDS_PER_STATEMENT;
}

/** A value as the text pg would send for it as a parameter of its own: arrays as array literals, objects as JSON. */
function parameterText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `\\x${value.toString('hex')}`;
  if (Array.isArray(value)) return arrayLiteral(value);
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function arrayLiteral(values: unknown[]): string {
  const element = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL';
    if (Array.isArray(value)) return arrayLiteral(value);
    return `"${parameterText(value)!.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  };
  return `{${values.map(element).join(',')}}`;
}

/**
 * One statement that inserts records without sub-form rows, with the audit entry and the outbox event
 * (`record.created`, which the relay turns into a live notification) of each: atomic without an explicit
 * transaction, and one round trip whatever the number of rows. The records travel as one JSON parameter
 * (an object per record: ids, owner, the audited values, and each field's value as the text a parameter
 * of its own would carry, cast to its column's type): the statement's text does not grow with the number
 * of records, so PostgreSQL parses and plans it once for a thousand records, and the values are written
 * by one JSON.stringify rather than escaped one by one. A cell of a field a record does not hold is NULL
 * (what the column holds when left out: field columns have no default). `returning` is the select list
 * read back from the inserted rows (in the rows' order).
 */
export function insertRecordsStatement(runtime: FormRuntime, rows: NewRecordRow[], common: NewRecordsCommon, returning: string): { text: string; params: unknown[] } {
  const { appKey, formKey, table } = runtime;
  const fields = writtenFields(runtime, rows);
  const records = rows.map((row) => {
    const record: Record<string, unknown> = { i: row.id, o: row.ownerId, d: row.ownerDeptId, a: uuidV7(common.now.getTime()), j: row.after };
    fields.forEach((f, index) => {
      if (f.field.key in row.values) record[`f${index}`] = parameterText(f.def.toDb(row.values[f.field.key]));
    });
    return record;
  });
  const params: unknown[] = [common.now, common.actorId, appKey, formKey, common.ip, JSON.stringify(records)];
  const types = ['i uuid', 'o uuid', 'd uuid', 'a uuid', 'j jsonb', ...fields.map((_f, index) => `f${index} text`)];
  const names = ['i', 'o', 'd', 'a', 'j', ...fields.map((_f, index) => `f${index}`), 'n'];
  const cols = ['_id', '_created_at', '_updated_at', '_created_by', '_updated_by', '_owner_id', '_owner_dept_id', ...fields.map((f) => f.column)];
  const cells = ['v.i', '$1::timestamptz', '$1::timestamptz', '$2::uuid', '$2::uuid', 'v.o', 'v.d', ...fields.map((f, index) => `v.f${index}::${f.sqlType}`)];
  const text = `WITH v AS (SELECT * FROM ROWS FROM (json_to_recordset($6::json) AS (${types.join(', ')})) WITH ORDINALITY AS u(${names.join(', ')})),
            r AS (INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cells.join(', ')} FROM v ORDER BY v.n RETURNING ${returning}),
            a AS (INSERT INTO audit_log (id, at, actor_id, action, target_type, app_key, form_key, target_id, after, ip)
                  SELECT v.a, $1::timestamptz, $2::uuid, 'record.create', 'record', $3::text, $4::text, v.i::text, v.j, $5::text FROM v ORDER BY v.n),
            o AS (INSERT INTO outbox (at, topic, payload)
                  SELECT $1::timestamptz, 'record.created', jsonb_build_object('appKey', $3::text, 'formKey', $4::text, 'id', v.i, 'version', 1) FROM v ORDER BY v.n)
       SELECT r.* FROM r`;
  return { text, params };
}
