import { currentTasks, taskFieldAccess, type FlowDefinition, type FlowFailure, type FlowInstance } from '@platform/flow-engine';
import { ApiError } from '../common/api-error';

/** A row of flow_instances. `parent_*`: set on a sub-flow's instance (the node of the parent that waits for it). */
export type InstanceRow = {
  id: string; app_key: string; form_key: string; flow_key: string; version: number; record_id: string; initiator_id: string; status: string;
  state: FlowInstance; parent_id: string | null; parent_node_key: string | null; parent_visit_id: string | null;
};

const FLOW_ERROR_STATUS: Record<string, number> = {
  TASK_ALREADY_DONE: 409, WITHDRAW_NOT_ALLOWED: 409, INVALID_EVENT: 409, NOT_ASSIGNEE: 403, FIELD_NOT_EDITABLE: 403,
  TASK_NOT_FOUND: 404, NOT_INITIATOR: 403, START_NOT_ALLOWED: 403, VALIDATION_FAILED: 400,
};

/** The engine's refusal as the HTTP error API.md names for it. */
export function flowApiError(failure: FlowFailure): ApiError {
  return new ApiError(FLOW_ERROR_STATUS[failure.code] ?? 409, failure.code, failure.message, failure.details as Record<string, unknown> | undefined);
}

/** Task kinds whose assignee may edit the record (their step's field permissions say which fields). */
const EDITING_KINDS = new Set(['approve', 'handle', 'resubmit']);

/**
 * An instance as the API answers it. With its definition, each open task that may edit the record carries
 * its step's field access: `fieldPermissions` (hidden, readonly, editable, required by field) and what
 * the fields it does not list are (`unlistedFields`: editable only on a start step without permissions).
 */
export function instanceView(row: InstanceRow, def?: FlowDefinition) {
  const s = row.state;
  const access = (t: FlowInstance['tasks'][number]) => {
    if (!def || !EDITING_KINDS.has(t.kind)) return {};
    const a = taskFieldAccess(def, t.nodeKey);
    return { fieldPermissions: a.permissions ?? {}, unlistedFields: a.permissions === undefined ? a.unlisted : 'readonly' };
  };
  const task = (t: FlowInstance['tasks'][number]) => ({
    id: t.id, instanceId: row.id, recordId: row.record_id, nodeKey: t.nodeKey, assigneeId: t.assigneeId, status: t.status, kind: t.kind,
    createdAt: t.createdAt, dueAt: t.dueAt ?? null, ...access(t),
  });
  return {
    id: row.id, appKey: row.app_key, formKey: row.form_key, flowKey: row.flow_key, version: row.version, recordId: row.record_id,
    initiatorId: row.initiator_id, status: s.status, parentId: row.parent_id ?? null,
    currentTasks: currentTasks(s).map(task),
    history: s.history.map((h) => ({ at: h.at, nodeKey: h.nodeKey, event: h.event, actorId: h.actorId, comment: h.comment ?? null })),
  };
}
