import { labelText } from '../label-text';
import type { Condition } from '@platform/schema';
import type { FieldDefinition, FieldType, FormDraft, LocalizedText } from './types';

/**
 * A change that loses stored values when saved: a field removed (its column is dropped), a field given
 * another type (values are converted in the background; those that do not convert are lost), or a
 * column removed from a sub-form.
 */
export type DestructiveChange =
  | { kind: 'removed'; key: string; label: LocalizedText; type: FieldType }
  | { kind: 'retyped'; key: string; label: LocalizedText; from: FieldType; to: FieldType }
  | { kind: 'columnRemoved'; key: string; column: string; label: LocalizedText; columnLabel: LocalizedText };

/** Items that hold values in records (layout items hold none; derived values are computed again). */
const NO_STORED_INPUT = new Set<FieldType>(['divider', 'description', 'tabs', 'moneyInWords', 'lookup', 'rollup', 'formula']);

function subFormColumns(field: FieldDefinition): FieldDefinition[] {
  const columns = field.options?.fields;
  return Array.isArray(columns) ? (columns as FieldDefinition[]).filter((column) => column && typeof column.key === 'string') : [];
}

/** What saving `draft` over `saved` (the stored version; null for a new form) would lose. */
export function destructiveChanges(saved: FormDraft | null, draft: FormDraft): DestructiveChange[] {
  if (!saved) return [];
  const next = new Map(draft.fields.map((field) => [field.key, field]));
  const changes: DestructiveChange[] = [];
  for (const field of saved.fields) {
    if (NO_STORED_INPUT.has(field.type)) continue;
    const after = next.get(field.key);
    if (!after) {
      changes.push({ kind: 'removed', key: field.key, label: field.label, type: field.type });
    } else if (after.type !== field.type) {
      changes.push({ kind: 'retyped', key: field.key, label: field.label, from: field.type, to: after.type });
    } else if (field.type === 'subForm') {
      const kept = new Set(subFormColumns(after).map((column) => column.key));
      for (const column of subFormColumns(field)) {
        if (!kept.has(column.key)) changes.push({ kind: 'columnRemoved', key: field.key, column: column.key, label: field.label, columnLabel: column.label });
      }
    }
  }
  return changes;
}

/** Types whose emptiness a records query cannot test (files and sub-forms are not filterable). */
const UNCOUNTABLE = new Set<FieldType>(['image', 'attachment', 'signature', 'subForm']);

/**
 * The records query counting the records that hold a value in the changed field (`total` of its
 * answer), or null when the API cannot filter on it.
 */
export function affectedRecordsQuery(change: DestructiveChange): { filter: Condition; limit: number } | null {
  const type = change.kind === 'removed' ? change.type : change.kind === 'retyped' ? change.from : 'subForm';
  if (UNCOUNTABLE.has(type)) return null;
  return { filter: { isNotEmpty: [{ var: change.key }] }, limit: 1 };
}

/** A change's name for the confirmation: the field's label (and the column's). */
export function changeLabel(change: DestructiveChange, locale: string): string {
  const label = labelText(change.label, locale) || change.key;
  return change.kind === 'columnRemoved' ? `${label} / ${labelText(change.columnLabel, locale) || change.column}` : label;
}
