import type { FieldDefinition, FieldType, SchemaIssue, ViewDefinition } from './types';

/** System fields a view may show and sort by (API.md "Records"), beside the form's own fields. */
export const VIEW_SYSTEM_FIELDS: readonly string[] = ['id', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'ownerId', 'ownerDeptId', 'flowStatus'];

/** Layout items hold no value: a view cannot show, sort or group by them. */
const LAYOUT_TYPES: ReadonlySet<FieldType> = new Set<FieldType>(['divider', 'description', 'tabs']);

/** The field types each kind of view may group by (table: optional; cards: never). */
export const VIEW_GROUP_TYPES: Readonly<Record<ViewDefinition['type'], readonly FieldType[]>> = {
  table: ['select', 'radio'],
  kanban: ['select', 'radio'],
  calendar: ['date', 'datetime'],
  cards: [],
};

/** Calendars may also lay records out by these system dates. */
const CALENDAR_SYSTEM_DATES = new Set(['createdAt', 'updatedAt']);

type Part = Pick<ViewDefinition, 'type' | 'columns' | 'sort' | 'groupField' | 'columnWidths'>;

function unknown(path: SchemaIssue['path'], key: string): SchemaIssue {
  return { path, code: 'unknown_field', message: `${key} is not a field of this form` };
}

function groupIssue(view: Part, byKey: ReadonlyMap<string, FieldDefinition>): SchemaIssue | null {
  const allowed = VIEW_GROUP_TYPES[view.type];
  const key = view.groupField;
  if (key === undefined) {
    return view.type === 'kanban' || view.type === 'calendar'
      ? { path: ['groupField'], code: 'required', message: `a ${view.type} view needs a groupField` }
      : null;
  }
  if (view.type === 'calendar' && CALENDAR_SYSTEM_DATES.has(key)) return null;
  const field = byKey.get(key);
  if (!field) return unknown(['groupField'], key);
  if (allowed.includes(field.type)) return null;
  const expected = allowed.length ? allowed.join(' or ') : 'no field';
  return { path: ['groupField'], code: 'invalid_group_field', message: `a ${view.type} view groups by ${expected}; ${key} is ${field.type}` };
}

/**
 * Field names in a view checked against the fields the caller can see: columns, widths and sort keys
 * name a value field or a system field; kanban groups by a select or radio field, calendar by a date or
 * datetime field, a table optionally by a select or radio field. The filter is checked by the query.
 */
export function findViewFieldIssues(view: Part, fields: readonly FieldDefinition[]): SchemaIssue[] {
  const byKey = new Map(fields.filter((f) => !LAYOUT_TYPES.has(f.type)).map((f) => [f.key, f]));
  const known = (key: string) => byKey.has(key) || VIEW_SYSTEM_FIELDS.includes(key);
  const issues: SchemaIssue[] = [];
  (view.columns ?? []).forEach((key, i) => { if (!known(key)) issues.push(unknown(['columns', i], key)); });
  Object.keys(view.columnWidths ?? {}).forEach((key) => { if (!known(key)) issues.push(unknown(['columnWidths', key], key)); });
  (view.sort ?? []).forEach((spec, i) => { if (!known(spec.field)) issues.push(unknown(['sort', i, 'field'], spec.field)); });
  const group = groupIssue(view, byKey);
  if (group) issues.push(group);
  return issues;
}
