import type { FieldDefinition, FieldType } from '@platform/schema';

/** Layout items: they sit among the fields but hold no value. */
export const LAYOUT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['divider', 'description', 'tabs']);

/** Computed by the server; writing one is refused. */
export const DERIVED_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'moneyInWords', 'lookup', 'rollup', 'formula', 'serialNumber',
]);

/** Free-text types the quick search looks in (case-sensitive `contains` on the server). */
export const TEXT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'text', 'textarea', 'email', 'phone', 'url', 'idNumber', 'serialNumber',
]);

export const NUMBER_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['number', 'money', 'percent', 'rating']);

export const SINGLE_CHOICE_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['select', 'radio']);
export const MULTI_CHOICE_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['multiSelect', 'checkbox']);

/** Types whose value is not sortable (VALUES.md: richText, array types, files, subForm, address, location, relation to many). */
const UNSORTABLE_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'richText', 'multiSelect', 'checkbox', 'members', 'departments', 'cascader', 'image', 'attachment', 'signature',
  'subForm', 'address', 'location', 'dateRange', 'divider', 'description', 'tabs',
]);

/** Types that cannot be filtered at all (through rollups instead). */
const UNFILTERABLE_TYPES: ReadonlySet<FieldType> = new Set<FieldType>([
  'image', 'attachment', 'signature', 'subForm', 'divider', 'description', 'tabs',
]);

export function isLayoutField(field: FieldDefinition): boolean {
  return LAYOUT_TYPES.has(field.type);
}

/** Keys of the fields a tabs layout item groups (options.tabs[].fieldKeys), in tab order. */
export function tabFieldKeys(field: FieldDefinition): string[] {
  const tabs = field.type === 'tabs' ? field.options?.tabs : undefined;
  if (!Array.isArray(tabs)) return [];
  return tabs.flatMap((tab: { fieldKeys?: unknown } | null) =>
    tab && Array.isArray(tab.fieldKeys) ? tab.fieldKeys.filter((key): key is string => typeof key === 'string') : [],
  );
}

export function isDerivedField(field: FieldDefinition): boolean {
  return DERIVED_TYPES.has(field.type);
}

export function isSortableField(field: FieldDefinition): boolean {
  if (UNSORTABLE_TYPES.has(field.type)) return false;
  if (field.type === 'relation' && field.options?.multiple === true) return false;
  if (field.type === 'lookup') return false;
  return true;
}

export function isFilterableField(field: FieldDefinition): boolean {
  return !UNFILTERABLE_TYPES.has(field.type);
}

/** Fields that hold a value: every field but layout items. */
export function valueFields(fields: readonly FieldDefinition[]): FieldDefinition[] {
  return fields.filter((field) => !isLayoutField(field));
}

/** System fields every record carries, usable as columns, filters and sorts (flowStatus: set by approval flows). */
export const SYSTEM_FIELD_KEYS = ['createdAt', 'updatedAt', 'createdBy', 'ownerId', 'flowStatus'] as const;
export type SystemFieldKey = (typeof SYSTEM_FIELD_KEYS)[number];

export function isSystemFieldKey(key: string): key is SystemFieldKey {
  return (SYSTEM_FIELD_KEYS as readonly string[]).includes(key);
}

/** The field whose value names a record: settings.titleField, else the first text-like field. */
export function titleFieldKey(fields: readonly FieldDefinition[], configured?: string): string | undefined {
  if (configured && fields.some((field) => field.key === configured)) return configured;
  return (
    fields.find((field) => field.type === 'text')?.key ??
    fields.find((field) => TEXT_TYPES.has(field.type))?.key ??
    valueFields(fields)[0]?.key
  );
}
