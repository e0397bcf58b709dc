import type { AuditEntry } from '../api/admin-types';

export type AuditChange = { key: string; before: unknown; after: unknown; kind: 'added' | 'removed' | 'changed' };

/** Structural equality of JSON values (key order of objects does not matter). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') {
    // undefined and null both mean "no value" in an audit map.
    return (a ?? null) === (b ?? null);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameJson(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]);
  for (const key of keys) if (!sameJson(left[key], right[key])) return false;
  return true;
}

const asMap = (value: unknown): Record<string, unknown> =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

/**
 * The fields an audit entry changed, before -> after. `before`/`after` hold the changed fields (the whole
 * record on create and delete); keys whose values are equal on both sides are left out. With the form's
 * field order the changes follow it; keys unknown to the form come last in the order they appear.
 */
export function auditChanges(entry: Pick<AuditEntry, 'before' | 'after'>, fieldOrder?: readonly string[]): AuditChange[] {
  const before = asMap(entry.before);
  const after = asMap(entry.after);
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  if (fieldOrder) {
    const rank = new Map(fieldOrder.map((key, index) => [key, index]));
    keys.sort((a, b) => (rank.get(a) ?? Number.MAX_SAFE_INTEGER) - (rank.get(b) ?? Number.MAX_SAFE_INTEGER));
  }
  const changes: AuditChange[] = [];
  for (const key of keys) {
    const hasBefore = key in before && before[key] !== undefined;
    const hasAfter = key in after && after[key] !== undefined;
    if (hasBefore && hasAfter && sameJson(before[key], after[key])) continue;
    const kind = !hasBefore ? 'added' : !hasAfter ? 'removed' : 'changed';
    changes.push({ key, before: before[key], after: after[key], kind });
  }
  return changes;
}

/** Actions the audit filter offers (API.md: record.*, comment.*, form.*, role.*, auth.*, handover). */
export const AUDIT_ACTIONS = [
  'record.create', 'record.update', 'record.delete', 'record.restore', 'record.transfer',
  'comment.create', 'comment.update', 'comment.delete',
  'form.create', 'form.update', 'form.delete',
  'role.create', 'role.update', 'role.delete', 'role.grants',
  'user.create', 'user.update',
  'department.create', 'department.update', 'department.delete',
  'auth.login', 'auth.login_failed', 'auth.logout',
  'handover',
] as const;

/** Whether an entry's action matches the filter: an exact action, or a family ("record.*" style by its prefix). */
export function actionMatches(action: string, filter: string | undefined): boolean {
  if (!filter) return true;
  if (filter.endsWith('.*')) return action.startsWith(filter.slice(0, -1));
  return action === filter;
}

/** An audit value as one line for the diff when no field definition formats it. */
export function plainAuditValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}
