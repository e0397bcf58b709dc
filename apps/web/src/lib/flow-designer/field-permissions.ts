import type { FieldPermission, FieldPermissions } from './types';

export const FIELD_PERMISSIONS: readonly FieldPermission[] = ['hidden', 'readonly', 'editable', 'required'];

/**
 * Where the permissions belong. The engine treats unlisted fields differently: on an approval node they
 * are read-only; on the start step, no permissions at all means every field is editable, but once any
 * are set the unlisted ones are read-only.
 */
export type PermissionScope = 'node' | 'start';

/** The permission a field effectively has. */
export function permissionOf(permissions: FieldPermissions | undefined, fieldKey: string, scope: PermissionScope): FieldPermission {
  const listed = permissions?.[fieldKey];
  if (listed) return listed;
  return scope === 'start' && permissions === undefined ? 'editable' : 'readonly';
}

/**
 * Sets one field's permission and answers the new map (undefined when nothing is left to say).
 * Node maps keep only what differs from read-only. A start map, once it exists, lists every field
 * explicitly, so setting one field never silently makes the others read-only.
 */
export function setPermission(
  permissions: FieldPermissions | undefined,
  fieldKeys: readonly string[],
  fieldKey: string,
  value: FieldPermission,
  scope: PermissionScope,
): FieldPermissions | undefined {
  if (scope === 'start') {
    const base: FieldPermissions = permissions ?? Object.fromEntries(fieldKeys.map((key) => [key, 'editable' as const]));
    return { ...base, [fieldKey]: value };
  }
  const next: FieldPermissions = { ...permissions };
  if (value === 'readonly') delete next[fieldKey];
  else next[fieldKey] = value;
  return Object.keys(next).length > 0 ? next : undefined;
}

/** Every field at once. */
export function setAllPermissions(fieldKeys: readonly string[], value: FieldPermission, scope: PermissionScope): FieldPermissions | undefined {
  if (scope === 'node' && value === 'readonly') return undefined;
  return Object.fromEntries(fieldKeys.map((key) => [key, value]));
}
