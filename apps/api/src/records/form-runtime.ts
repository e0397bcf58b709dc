import { columnName, fieldTypeFor, SYSTEM_FIELDS, type FieldTypeDefinition } from '@platform/form-engine';
import type { FieldDefinition, FormDefinition } from '@platform/schema';
import { fieldColumnSqlType, qualifiedTable, quoteIdent } from '../metadata/form-ddl';

export type RuntimeField = {
  field: FieldDefinition;
  def: FieldTypeDefinition;
  /** Quoted column name. */
  column: string;
  /** SQL type without collation, for casting parameters. */
  sqlType: string;
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

export function buildFormRuntime(row: { id: string; app_key: string; key: string; version: number; table_name: string; definition: FormDefinition }): FormRuntime {
  const fields: RuntimeField[] = [];
  const layoutKeys = new Set<string>();
  for (const field of row.definition.fields) {
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
    table: qualifiedTable(row.table_name),
    definition: row.definition,
    fields,
    byKey: new Map(fields.map((f) => [f.field.key, f])),
    layoutKeys,
    systemSelect: '_id, _version, _created_at, _updated_at, _created_by, _updated_by, _owner_id, _owner_dept_id, _flow_status, _deleted_at',
  };
}
