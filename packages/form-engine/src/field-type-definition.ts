import type { FieldDefinition, FieldType, FormDefinition, SchemaIssue } from '@platform/schema';
import type { ConditionFieldKind } from './condition-field-kind';

export type DisplayLocale = 'zh-CN' | 'en-US';

/** How a field's value travels on the wire. */
export type ValueKind =
  | 'string'
  | 'number'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'time'
  | 'stringArray'
  | 'id'
  | 'idArray'
  /** A JSON object with named parts (dateRange {start, end}, location {lng, lat, address}). */
  | 'object'
  /** A sub-form's rows: an array of objects, each with its own `id`. */
  | 'rows'
  | 'none';

/**
 * The typed column holding a field in its form's table, and the index it deserves; `unique` (a text
 * type's `unique` option) makes that index refuse a value another live record holds.
 */
export type FieldColumn = { sqlType: string; index: 'btree' | 'gin' | null; unique?: true };

export type CoerceFailure = {
  ok: false;
  code: string;
  message: string;
  params?: Record<string, string | number>;
  /** Where inside the value the problem is (e.g. the index in an array); the field key is prepended. */
  path?: (string | number)[];
};
export type CoerceResult = { ok: true; value: unknown } | CoerceFailure;

/**
 * What formatting may look up: names of users and departments (ids are shown when a name is unknown),
 * and the IANA time zone datetimes are shown in (default: the runtime's own).
 */
export type FormatLookup = {
  userName?(id: string): string | undefined;
  departmentName?(id: string): string | undefined;
  /** The title of a record of another form of the app (relation values). */
  recordTitle?(formKey: string, id: string): string | undefined;
  timeZone?: string;
};

/**
 * A named part of a structured value that conditions reach with a dotted path (`address.city`, VALUES.md
 * "Conditions"). Parts hold text; `key` is a plain lower-camel name (it ends up in SQL as a constant).
 */
export type FieldPart = {
  key: string;
  label: { 'zh-CN': string; 'en-US': string };
  conditionKind: 'text';
  operators: readonly string[];
};

/** An issue found in one field's options; its path is relative to the field (e.g. ['options', 'min']). */
export type FieldOptionIssue = SchemaIssue & { params?: Record<string, string | number> };

/** What computing a derived value may read besides the record: the clock and the calendar's time zone. */
export type DeriveContext = {
  now: Date;
  timeZone: string;
  /** The form the record belongs to (sub-form rollups read their columns' definitions). */
  form?: FormDefinition;
};

/** The parts of an entry that may depend on the field's options (a formula's `resultType`). */
export type FieldSpecifics = Partial<
  Pick<FieldTypeDefinition, 'valueKind' | 'operators' | 'sortable' | 'filterable' | 'conditionKind' | 'fromDb' | 'toDb' | 'coerce' | 'format' | 'dependsOn' | 'derive'>
>;

/**
 * One entry of the field-type registry. Adding a catalog type is adding one of these objects
 * to field-types.ts: nothing else switches on the type name.
 */
export type FieldTypeDefinition = {
  type: FieldType;
  label: { 'zh-CN': string; 'en-US': string };
  valueKind: ValueKind;
  /** JSON Schema of `field.options`, published by GET /api/field-types. */
  optionsSchema: object;
  /** Condition operators this type accepts (VALUES.md). */
  operators: readonly string[];
  sortable: boolean;
  filterable: boolean;
  /** Parts of the value conditions may name after a dot (`address.city`); none when absent. */
  parts?: readonly FieldPart[];
  /** select and radio sort by the order of their options rather than by key. */
  sortsByOptionOrder?: boolean;
  /** Read-only, computed by `derive`; writing it is refused with `read_only`. */
  derived?: boolean;
  /** Layout item: no value, no column; writing it is refused with `unknown_field`. */
  layout?: boolean;
  column: (field: FieldDefinition) => FieldColumn | null;
  conditionKind: ConditionFieldKind | null;
  /** Wire value in, normalised wire value out. Empty input gives `null` (array types: `[]`). */
  coerce: (value: unknown, field: FieldDefinition) => CoerceResult;
  /** pg driver value -> wire value. */
  fromDb: (value: unknown) => unknown;
  /** Normalised wire value -> pg query parameter. */
  toDb: (value: unknown) => unknown;
  format: (value: unknown, field: FieldDefinition, locale: DisplayLocale, lookup?: FormatLookup) => string;
  /**
   * Semantic checks of the options beyond their JSON Schema (ranges, references, patterns);
   * `fieldTypeOf` is the registry, for checks that look at the other fields' types.
   */
  checkOptions?: (
    field: FieldDefinition,
    form: FormDefinition,
    fieldTypeOf: (type: string) => FieldTypeDefinition | undefined,
  ) => FieldOptionIssue[];
  /**
   * Types whose condition kind, operators or storage depend on the field (formula by `resultType`):
   * what differs from the entry for this field. `fieldTypeFor(field)` applies it.
   */
  forField?: (field: FieldDefinition) => FieldSpecifics;
  /** Derived types: the keys of the fields the value is computed from. */
  dependsOn?: (field: FieldDefinition) => string[];
  /** Derived types: the value, from the (coerced) values of the record (at least those in `dependsOn`). */
  derive?: (field: FieldDefinition, values: Readonly<Record<string, unknown>>, context: DeriveContext) => unknown;
};
