import { columnName, getFieldType } from '@platform/form-engine';
import type { FieldDefinition } from '@platform/schema';

/**
 * DDL for form tables, built only from metadata (keys match [a-z][a-z0-9_]* and are quoted anyway).
 * System columns start with '_' so they can never collide with a field key.
 */
export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const qualifiedTable = (tableName: string) => `data.${quoteIdent(tableName)}`;

/** Text columns sort and compare in code point order, as the condition language promises. */
function columnType(field: FieldDefinition): { sql: string; index: 'btree' | 'gin' | null } | null {
  const def = getFieldType(field.type);
  const col = def?.column(field);
  if (!col) return null;
  const collate = col.sqlType === 'text' || col.sqlType === 'text[]' ? ' COLLATE "C"' : '';
  return { sql: col.sqlType + collate, index: col.index };
}

export const storedFields = (fields: FieldDefinition[]) => fields.filter((f) => columnType(f) !== null);

/** FNV-1a of a key, 8 hex digits: names stay unique when a long one must be shortened. */
function keyHash(key: string): string {
  let hash = 0x811c9dc5;
  for (const ch of key) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return hash.toString(16).padStart(8, '0');
}

/**
 * A field's index: `<table>_<key>_idx`, which no system index (`_created`, `_owner`, `_owner_dept`,
 * `_trash`) can be, whatever the key; over PostgreSQL's 63 characters, the key is hashed.
 */
const indexName = (tableName: string, key: string) => {
  const plain = `${tableName}_${key}_idx`;
  return quoteIdent(plain.length <= 63 ? plain : `${tableName.slice(0, 46)}_k${keyHash(key)}_idx`);
};

function indexSql(tableName: string, field: FieldDefinition, kind: 'btree' | 'gin'): string {
  const col = quoteIdent(columnName(field));
  const using = kind === 'gin' ? `USING gin (${col})` : `(${col}, _id)`;
  return `CREATE INDEX ${indexName(tableName, field.key)} ON ${qualifiedTable(tableName)} ${using} WHERE _deleted_at IS NULL`;
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
    if (t.index) indexes.push(indexSql(tableName, f, t.index));
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
      const a = columnType(prev)?.sql ?? null;
      const b = columnType(f)?.sql ?? null;
      if (a !== b) changes.push({ kind: 'retype', before: prev, after: f });
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
export function addColumnSql(tableName: string, field: FieldDefinition): { column: string; index: string | null } {
  const t = columnType(field)!;
  return {
    column: `ALTER TABLE ${qualifiedTable(tableName)} ADD COLUMN ${quoteIdent(columnName(field))} ${t.sql} NULL`,
    index: t.index ? indexSql(tableName, field, t.index).replace('CREATE INDEX', 'CREATE INDEX CONCURRENTLY IF NOT EXISTS') : null,
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
