import type { FieldDefinition } from '@platform/schema';
import type { FieldPermission, FlowTask } from '../../api/flow-types';
import type { RecordData } from '../../api/types';
import { changedData, formValuesToData, isInputField, type FormValues } from '../../lib/form-values';

/**
 * How the record's fields show to the assignee of an open task, after its step's field permissions:
 * the fields it hides are left out, the editable and required ones become inputs, the rest is read.
 */
export type ApprovalFieldLayout = {
  /** Input fields the step lets the assignee change, in form order. */
  editable: FieldDefinition[];
  /** Of those, the ones that must have a value before the task is decided. */
  required: Set<string>;
  /** Fields (and layout items) the step hides. */
  hidden: Set<string>;
};

/** The permission of one field for the task (its step's, else what unlisted fields are). */
export function fieldPermissionOf(task: Pick<FlowTask, 'fieldPermissions' | 'unlistedFields'>, fieldKey: string): FieldPermission {
  return task.fieldPermissions?.[fieldKey] ?? task.unlistedFields ?? 'readonly';
}

/** No task (or a task without field access): everything is read, nothing hidden. */
export function approvalFieldLayout(fields: readonly FieldDefinition[], task: FlowTask | null): ApprovalFieldLayout {
  const layout: ApprovalFieldLayout = { editable: [], required: new Set(), hidden: new Set() };
  if (!task || task.status !== 'todo' || (!task.fieldPermissions && !task.unlistedFields)) return layout;
  for (const field of fields) {
    const permission = fieldPermissionOf(task, field.key);
    if (permission === 'hidden') layout.hidden.add(field.key);
    else if ((permission === 'editable' || permission === 'required') && isInputField(field)) {
      layout.editable.push(field);
      if (permission === 'required') layout.required.add(field.key);
    }
  }
  return layout;
}

/** The edits to send with the decision: the editable fields whose values differ from the record's. */
export function approvalEdits(editable: readonly FieldDefinition[], values: FormValues, stored: RecordData): RecordData {
  return changedData(stored, formValuesToData(editable, values));
}
