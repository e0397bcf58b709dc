import { START_NODE_KEY, type FieldPermissions, type FlowDefinition } from './flow-definition';
import { indexDefinition } from './index-definition';

/** The field permissions a task's step gives its assignee, and what fields they do not list are:
 * approval and handler nodes list what may change (the rest is read-only); the initiator's `start`
 * step without permissions may change every field. Other nodes (cc, unknown) change nothing. */
export type TaskFieldAccess = { permissions: FieldPermissions | undefined; unlisted: 'editable' | 'readonly' };

export function taskFieldAccess(definition: FlowDefinition, nodeKey: string): TaskFieldAccess {
  if (nodeKey === START_NODE_KEY) return { permissions: definition.start?.fieldPermissions, unlisted: 'editable' };
  const node = indexDefinition(definition).get(nodeKey)?.node;
  if (node !== undefined && (node.type === 'approval' || node.type === 'handler')) return { permissions: node.fieldPermissions, unlisted: 'readonly' };
  return { permissions: node?.type === 'cc' ? node.fieldPermissions : undefined, unlisted: 'readonly' };
}

/** The fields of `fieldKeys` the access lets the assignee change (editable or required). */
export function editableFieldsOf(access: TaskFieldAccess, fieldKeys: readonly string[]): string[] {
  return fieldKeys.filter((field) => {
    const permission = access.permissions?.[field] ?? (access.permissions === undefined ? access.unlisted : 'readonly');
    return permission === 'editable' || permission === 'required';
  });
}
