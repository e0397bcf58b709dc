import { columnName, fieldTypeFor, SYSTEM_FIELDS, type FieldTypeDefinition } from '@platform/form-engine';
import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { childTableName, fieldColumnSqlType, qualifiedTable, quoteIdent } from '../metadata/form-ddl';

export type RuntimeField = {
  field: FieldDefinition;
  def: FieldTypeDefinition;
  /** Quoted column name. */
  column: string;
  /** SQL type without collation, for casting parameters. */
  sqlType: string;
  /** A sub-form: its rows live in a child table; `column` is a subquery reading them as a jsonb array. */
  subForm?: { table: string; columns: RuntimeField[] };
};

export type SystemColumn = { key: string; column: string; sqlType: string; nullable: boolean; kind: string };

/** System fields usable in filter, sort and fields (API.md), with their columns. */
export const SYSTEM_COLUMNS: SystemColumn[] = [
  { key: 'id', column: '_id', sqlType: 'uuid', nullable: false, kind: 'uuid' },
  { key: 'createdAt', column: '_created_at', sqlType: 'timestamptz', nullable: false, kind: 'datetime' },
  { key: 'updatedAt', column: '_updated_at', sqlType: 'timestamptz', nullable: false, kind: 'datetime' },
  { key: 'createdBy', column: '_created_by', sqlType: 'uuid', nullable: true, kind: 'uuid' },
  { key: 'updatedBy', column: '_updated_by', sqlType: 'uuid', nullable: true, kind: 'uuid' },
  { key: 'ownerId', column: '_owner_id', sqlType: 'uuid', nullable: true, kind: 'uuid' },
  { key: 'ownerDeptId', column: '_owner_dept_id', sqlType: 'uuid', nullable: true, kind: 'uuid' },
  { key: 'flowStatus', column: '_flow_status', sqlType: 'text', nullable: true, kind: 'text' },
];
export const SYSTEM_BY_KEY = new Map(SYSTEM_COLUMNS.map((c) => [c.key, c]));
void SYSTEM_FIELDS;

/** A form's definition prepared for generated SQL: cached per form id and version. */
export type FormRuntime = {
  id: string;
  appKey: string;
  formKey: string;
  version: number;
  table: string;
  definition: FormDefinition;
  fields: RuntimeField[];
  byKey: Map<string, RuntimeField>;
  /** Keys of layout items (no value). */
  layoutKeys: Set<string>;
  systemSelect: string;
};

function runtimeColumns(fields: FieldDefinition[]): RuntimeField[] {
  const out: RuntimeField[] = [];
  for (const field of fields) {
    const def = fieldTypeFor(field);
    const sqlType = fieldColumnSqlType(field);
    if (def && sqlType) out.push({ field, def, column: quoteIdent(columnName(field)), sqlType: sqlType.replace(' COLLATE "C"', '') });
  }
  return out;
}

/** A sub-form read as `[{id, col: value...}]` in row order, each value through its column's type. */
function subFormField(parentTable: string, childTable: string, field: FieldDefinition): RuntimeField {
  const columns = runtimeColumns(Array.isArray(field.options?.fields) ? (field.options.fields as FieldDefinition[]) : []);
  const pairs = [`'id', c._id`, ...columns.map((c) => `'${c.field.key}', c.${c.column}`)].join(', ');
  const base = fieldTypeFor(field)!;
  const def: FieldTypeDefinition = {
    ...base,
    fromDb(value) {
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      return rows.map((r) => {
        const out: Record<string, unknown> = { id: r.id };
        for (const c of columns) out[c.field.key] = c.def.fromDb(c.sqlType.startsWith('timestamptz') && typeof r[c.field.key] === 'string' ? new Date(r[c.field.key] as string) : r[c.field.key]);
        return out;
      });
    },
  };
  return {
    field,
    def,
    column: `(SELECT coalesce(jsonb_agg(jsonb_build_object(${pairs}) ORDER BY c._position), '[]'::jsonb) FROM ${childTable} c WHERE c._parent_id = ${parentTable}._id)`,
    sqlType: 'jsonb',
    subForm: { table: childTable, columns },
  };
}

export function buildFormRuntime(row: { id: string; app_key: string; key: string; version: number; table_name: string; definition: FormDefinition }): FormRuntime {
  const fields: RuntimeField[] = [];
  const layoutKeys = new Set<string>();
  const table = qualifiedTable(row.table_name);
  for (const field of row.definition.fields) {
    if (field.type === 'subForm') {
      fields.push(subFormField(table, qualifiedTable(childTableName(row.table_name, field)), field));
      continue;
    }
    // A field's behaviour can depend on its options (a formula's result type), not only its type.
    const def = fieldTypeFor(field);
    const sqlType = fieldColumnSqlType(field);
    if (!def || !sqlType) {
      layoutKeys.add(field.key);
      continue;
    }
    fields.push({ field, def, column: quoteIdent(columnName(field)), sqlType: sqlType.replace(' COLLATE "C"', '') });
  }
  return {
    id: row.id,
    appKey: row.app_key,
    formKey: row.key,
    version: row.version,
    table,
    definition: row.definition,
    fields,
    byKey: new Map(fields.map((f) => [f.field.key, f])),
    layoutKeys,
    systemSelect: '_id, _version, _created_at, _updated_at, _created_by, _updated_by, _owner_id, _owner_dept_id, _flow_status, _deleted_at',
  };
}
