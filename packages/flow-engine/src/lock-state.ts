import type { FieldPermissions, FlowDefinition } from './flow-definition';
import type { FlowInstance } from './flow-instance';
import { indexDefinition } from './index-definition';

export type LockState = { locked: false } | { locked: true; editors: { userId: string; fields: string[] }[] };

/** Who may edit which fields of the record while the instance is open: the assignees of open
 * approval/handler tasks, each the fields their node marks editable or required. While returned,
 * the initiator under the start step's permissions (no start permissions: the record is unlocked). */
export function lockStateOf(definition: FlowDefinition, instance: FlowInstance | null): LockState {
  if (instance === null) return { locked: false };
  if (instance.status === 'returned') {
    const permissions = definition.start?.fieldPermissions;
    if (permissions === undefined) return { locked: false };
    return { locked: true, editors: [{ userId: instance.initiatorId, fields: editableFields(permissions) }] };
  }
  if (instance.status !== 'running') return { locked: false };
  const index = indexDefinition(definition);
  const byUser = new Map<string, Set<string>>();
  for (const task of instance.tasks) {
    if (task.status !== 'todo' || (task.kind !== 'approve' && task.kind !== 'handle')) continue;
    const node = index.get(task.nodeKey)?.node;
    const fields = byUser.get(task.assigneeId) ?? new Set<string>();
    if (node !== undefined && (node.type === 'approval' || node.type === 'handler')) {
      for (const field of editableFields(node.fieldPermissions)) fields.add(field);
    }
    byUser.set(task.assigneeId, fields);
  }
  const editors = [...byUser.entries()]
    .map(([userId, fields]) => ({ userId, fields: [...fields].sort() }))
    .sort((a, b) => (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  return { locked: true, editors };
}

function editableFields(permissions: FieldPermissions | undefined): string[] {
  return Object.entries(permissions ?? {})
    .filter(([, permission]) => permission === 'editable' || permission === 'required')
    .map(([field]) => field)
    .sort();
}
