import { columnName, getFieldType } from '@platform/form-engine';
import type { FieldDefinition } from '@platform/schema';

/**
 * DDL for form tables, built only from metadata (keys match [a-z][a-z0-9_]* and are quoted anyway).
 * System columns start with '_' so they can never collide with a field key.
 */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const qualifiedTable = (tableName: string) => `data.${quoteIdent(tableName)}`;

type ColumnSpec = { sql: string; index: 'btree' | 'gin' | null; unique: boolean };

/** Text columns sort and compare in code point order, as the condition language promises. */
function columnType(field: FieldDefinition): ColumnSpec | null {
  const def = getFieldType(field.type);
  const col = def?.column(field);
  if (!col) return null;
  const collate = col.sqlType === 'text' || col.sqlType === 'text[]' ? ' COLLATE "C"' : '';
  return { sql: col.sqlType + collate, index: col.index, unique: col.unique === true };
}

export const storedFields = (fields: FieldDefinition[]) => fields.filter((f) => columnType(f) !== null);

/** FNV-1a of a key, 8 hex digits: names stay unique when a long one must be shortened. */
function keyHash(key: string): string {
  let hash = 0x811c9dc5;
  for (const ch of key) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

const UNIQUE_SUFFIX = '_uq';
const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

/**
 * A field's index: `<table>_<key>_idx`, or `<table>_<key>_uq` for a unique one, which no system index
 * (`_created`, `_owner`, `_owner_dept`, `_trash`) can be, whatever the key; over PostgreSQL's 63
 * characters, the key is hashed. A unique violation names the index, which gives back the field.
 */
function fieldIndexName(tableName: string, key: string, suffix: '_idx' | typeof UNIQUE_SUFFIX): string {
  const plain = `${tableName}_${key}${suffix}`;
  return plain.length <= 63 ? plain : `${tableName.slice(0, 46)}_k${keyHash(key)}${suffix}`;
}

/**
 * The index a field's column deserves, or null. A unique field's index holds the column alone and only
 * live records (a deleted record's value may be used again; restoring it then clashes); NULLs (empty
 * values, '' included, which is stored as null) never clash. Values compare exactly (COLLATE "C"): case
 * and inner spaces count, as the type's own rules left them (e-mail and phone are trimmed, text is not).
 */
function indexSql(tableName: string, field: FieldDefinition, t: ColumnSpec): { name: string; sql: string } | null {
  const col = quoteIdent(columnName(field));
  const table = qualifiedTable(tableName);
  if (t.unique) {
    const name = fieldIndexName(tableName, field.key, UNIQUE_SUFFIX);
    return { name, sql: `CREATE UNIQUE INDEX ${quoteIdent(name)} ON ${table} (${col}) WHERE _deleted_at IS NULL` };
  }
  if (!t.index) return null;
  const name = fieldIndexName(tableName, field.key, '_idx');
  const using = t.index === 'gin' ? `USING gin (${col})` : `(${col}, _id)`;
  return { name, sql: `CREATE INDEX ${quoteIdent(name)} ON ${table} ${using} WHERE _deleted_at IS NULL` };
}

/** A field index built on an existing table: CONCURRENTLY, once the column is committed (see buildFieldIndex). */
export type FieldIndexBuild = { name: string; sql: string; unique: boolean; field: string };

/** The CREATE INDEX CONCURRENTLY of a field's index on an existing table, or null when it has none. */
export function fieldIndexBuild(tableName: string, field: FieldDefinition): FieldIndexBuild | null {
  const t = columnType(field);
  const index = t && indexSql(tableName, field, t);
  if (!index) return null;
  return { name: index.name, sql: index.sql.replace(/^CREATE (UNIQUE )?INDEX/, 'CREATE $1INDEX CONCURRENTLY IF NOT EXISTS'), unique: t.unique, field: field.key };
}

/** The name of a unique field's index (whose absence, or invalidity, a form save repairs). */
export const uniqueIndexName = (tableName: string, key: string) => fieldIndexName(tableName, key, UNIQUE_SUFFIX);

/** Drops whatever index a field has (ordinary or unique), in the form change's transaction. */
export function dropFieldIndexesSql(tableName: string, key: string): string[] {
  return (['_idx', UNIQUE_SUFFIX] as const).map((suffix) => `DROP INDEX IF EXISTS data.${quoteIdent(fieldIndexName(tableName, key, suffix))}`);
}

/**
 * Values that live records of a form share in a field, most shared first (at most `limit`), with how many
 * values are shared and by how many records in all: what stops the field from becoming unique.
 * `valueSql`: the value compared, the column by default (a type change compares the converted value).
 */
export function duplicateValuesSql(tableName: string, field: FieldDefinition, limit: number, valueSql = quoteIdent(columnName(field))): string {
  return `SELECT ${valueSql}::text AS value, count(*)::int AS records, count(*) OVER ()::int AS "sharedValues", (sum(count(*)) OVER ())::int AS "recordsInAll"
    FROM ${qualifiedTable(tableName)} WHERE _deleted_at IS NULL AND ${valueSql} IS NOT NULL
    GROUP BY ${valueSql} HAVING count(*) > 1 ORDER BY count(*) DESC, 1 LIMIT ${Math.max(1, Math.floor(limit))}`;
}

/**
 * The key of the field whose unique index a PostgreSQL unique violation (23505) names, or null when the
 * constraint is not a field's. The detail names the column (`Key (code)=(A-1) already exists.`), and a
 * column is named after its key; the index name confirms it (and alone gives a short key back).
 */
export function uniqueViolationFieldKey(error: unknown): string | null {
  const { constraint, table, detail } = (error ?? {}) as { constraint?: unknown; table?: unknown; detail?: unknown };
  if (typeof constraint !== 'string' || typeof table !== 'string' || !constraint.endsWith(UNIQUE_SUFFIX)) return null;
  const column = /^Key \(([^)]*)\)=/.exec(typeof detail === 'string' ? detail : '')?.[1];
  const key = column ?? constraint.slice(table.length + 1, -UNIQUE_SUFFIX.length);
  return KEY_PATTERN.test(key) && fieldIndexName(table, key, UNIQUE_SUFFIX) === constraint ? key : null;
}

/**
 * The child table of a sub-form: named from the parent table and the field key (a short hash when that
 * would pass PostgreSQL's 63-byte limit); rows die with their parent row.
 */
export function childTableName(tableName: string, field: FieldDefinition): string {
  const plain = `${tableName}__${field.key}`;
  return plain.length <= 63 ? plain : `${tableName}__s${keyHash(field.key)}`;
}

const subFormColumns = (field: FieldDefinition): FieldDefinition[] =>
  Array.isArray(field.options?.fields) ? (field.options.fields as FieldDefinition[]) : [];

export function createChildTableSql(tableName: string, field: FieldDefinition): string[] {
  const child = childTableName(tableName, field);
  const cols = [`_id uuid PRIMARY KEY`, `_parent_id uuid NOT NULL REFERENCES ${qualifiedTable(tableName)} (_id) ON DELETE CASCADE`, `_position integer NOT NULL`];
  for (const column of subFormColumns(field)) {
    const t = columnType(column);
    if (t) cols.push(`${quoteIdent(columnName(column))} ${t.sql} NULL`);
  }
  return [
    `CREATE TABLE ${qualifiedTable(child)} (${cols.join(', ')})`,
    `CREATE INDEX ${quoteIdent(`${child}_parent`.slice(0, 63))} ON ${qualifiedTable(child)} (_parent_id, _position)`,
  ];
}

/** Column changes of a sub-form's child table; a column's type cannot change (refused before this). */
export function alterChildTableSql(tableName: string, before: FieldDefinition, after: FieldDefinition): string[] {
  const table = qualifiedTable(childTableName(tableName, after));
  const old = new Map(subFormColumns(before).map((c) => [c.key, c]));
  const next = new Map(subFormColumns(after).map((c) => [c.key, c]));
  const sql: string[] = [];
  for (const [key, column] of next) {
    const t = columnType(column);
    if (!old.has(key) && t) sql.push(`ALTER TABLE ${table} ADD COLUMN ${quoteIdent(columnName(column))} ${t.sql} NULL`);
  }
  for (const [key, column] of old) if (!next.has(key) && columnType(column)) sql.push(`ALTER TABLE ${table} DROP COLUMN IF EXISTS ${quoteIdent(columnName(column))}`);
  return sql;
}

/** Sub-form columns whose stored type would change: [sub-form key, column key]. */
export function childColumnRetypes(before: FieldDefinition, after: FieldDefinition): [number, string][] {
  const old = new Map(subFormColumns(before).map((c) => [c.key, c]));
  const out: [number, string][] = [];
  subFormColumns(after).forEach((column, index) => {
    const prev = old.get(column.key);
    if (prev && (columnType(prev)?.sql ?? null) !== (columnType(column)?.sql ?? null)) out.push([index, column.key]);
  });
  return out;
}

export function createTableSql(tableName: string, fields: FieldDefinition[]): string[] {
  const cols = [
    `_id uuid PRIMARY KEY`,
    `_created_at timestamptz(3) NOT NULL`,
    `_updated_at timestamptz(3) NOT NULL`,
    `_created_by uuid NULL`,
    `_updated_by uuid NULL`,
    `_owner_id uuid NULL`,
    `_owner_dept_id uuid NULL`,
    `_version integer NOT NULL DEFAULT 1`,
    `_flow_status text COLLATE "C" NULL`,
    `_deleted_at timestamptz(3) NULL`,
  ];
  const indexes: string[] = [];
  for (const f of fields) {
    const t = columnType(f);
    if (!t) continue;
    cols.push(`${quoteIdent(columnName(f))} ${t.sql} NULL`);
    const index = indexSql(tableName, f, t);
    if (index) indexes.push(index.sql);
  }
  const table = qualifiedTable(tableName);
  return [
    `CREATE TABLE ${table} (${cols.join(', ')})`,
    `CREATE INDEX ${quoteIdent(tableName + '_created')} ON ${table} (_created_at, _id) WHERE _deleted_at IS NULL`,
    `CREATE INDEX ${quoteIdent(tableName + '_owner')} ON ${table} (_owner_id, _created_at, _id) WHERE _deleted_at IS NULL`,
    `CREATE INDEX ${quoteIdent(tableName + '_owner_dept')} ON ${table} (_owner_dept_id) WHERE _deleted_at IS NULL`,
    `CREATE INDEX ${quoteIdent(tableName + '_trash')} ON ${table} (_deleted_at, _id) WHERE _deleted_at IS NOT NULL`,
    ...indexes,
    ...fields.filter((f) => f.type === 'subForm').flatMap((f) => createChildTableSql(tableName, f)),
  ];
}

export type FieldChange =
  | { kind: 'add'; field: FieldDefinition }
  | { kind: 'drop'; field: FieldDefinition }
  | { kind: 'retype'; before: FieldDefinition; after: FieldDefinition }
  /** Same column, another index: a `unique` option set or cleared, or a type of the same column indexed otherwise. */
  | { kind: 'reindex'; before: FieldDefinition; after: FieldDefinition }
  | { kind: 'addChild'; field: FieldDefinition }
  | { kind: 'dropChild'; field: FieldDefinition }
  | { kind: 'alterChild'; before: FieldDefinition; after: FieldDefinition };

/** What a new field list changes in storage, matched by key. */
export function diffFields(before: FieldDefinition[], after: FieldDefinition[]): FieldChange[] {
  const old = new Map(before.map((f) => [f.key, f]));
  const next = new Map(after.map((f) => [f.key, f]));
  const changes: FieldChange[] = [];
  for (const f of after) {
    const prev = old.get(f.key);
    if (f.type === 'subForm' || prev?.type === 'subForm') {
      if (prev?.type === 'subForm' && f.type === 'subForm') changes.push({ kind: 'alterChild', before: prev, after: f });
      else {
        if (prev?.type === 'subForm') changes.push({ kind: 'dropChild', field: prev });
        else if (prev && columnType(prev)) changes.push({ kind: 'drop', field: prev });
        if (f.type === 'subForm') changes.push({ kind: 'addChild', field: f });
        else if (columnType(f)) changes.push({ kind: 'add', field: f });
      }
      continue;
    }
    if (!prev) {
      if (columnType(f)) changes.push({ kind: 'add', field: f });
    } else {
      const a = columnType(prev);
      const b = columnType(f);
      if ((a?.sql ?? null) !== (b?.sql ?? null)) changes.push({ kind: 'retype', before: prev, after: f });
      else if (a && b && (a.index !== b.index || a.unique !== b.unique)) changes.push({ kind: 'reindex', before: prev, after: f });
    }
  }
  for (const f of before) {
    if (next.has(f.key)) continue;
    if (f.type === 'subForm') changes.push({ kind: 'dropChild', field: f });
    else if (columnType(f)) changes.push({ kind: 'drop', field: f });
  }
  return changes;
}

/** ADD COLUMN is a catalog change (no rewrite); its index is built CONCURRENTLY by the caller. */
export function addColumnSql(tableName: string, field: FieldDefinition): { column: string; index: FieldIndexBuild | null } {
  const t = columnType(field)!;
  return {
    column: `ALTER TABLE ${qualifiedTable(tableName)} ADD COLUMN ${quoteIdent(columnName(field))} ${t.sql} NULL`,
    index: fieldIndexBuild(tableName, field),
  };
}

export function dropChildTableSql(tableName: string, field: FieldDefinition): string {
  return `DROP TABLE IF EXISTS ${qualifiedTable(childTableName(tableName, field))}`;
}

export function dropColumnSql(tableName: string, field: FieldDefinition): string {
  return `ALTER TABLE ${qualifiedTable(tableName)} DROP COLUMN IF EXISTS ${quoteIdent(columnName(field))}`;
}

/** The SQL type a field's column has, or null for layout items. */
export const fieldColumnSqlType = (field: FieldDefinition) => columnType(field)?.sql ?? null;

/** Whether a field's values must differ between live records (a unique index). */
export const isUniqueField = (field: FieldDefinition) => columnType(field)?.unique === true;
