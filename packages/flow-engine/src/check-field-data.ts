import type { FieldPermissions } from './flow-definition';
import type { FlowFailure } from './flow-error';
import { flowFailure } from './flow-failure';
import { isEmptyValue } from './is-empty-value';

/** Checks the `data` an approver (or the resubmitting initiator) sends: every field must be
 * `editable` or `required` for the node (without permissions: `unlisted` decides), and every
 * `required` field must have a value afterwards (in `data` or already in the record). */
export function checkFieldData(
  permissions: FieldPermissions | undefined,
  unlisted: 'editable' | 'readonly',
  data: Record<string, unknown> | undefined,
  record: Record<string, unknown>,
): FlowFailure | null {
  const fields = Object.keys(data ?? {});
  const refused = fields.filter((field) => {
    const permission = permissions?.[field] ?? (permissions === undefined ? unlisted : 'readonly');
    return permission !== 'editable' && permission !== 'required';
  });
  if (refused.length > 0) return flowFailure('FIELD_NOT_EDITABLE', `this step may not edit ${refused.join(', ')}`, refused);
  const missing = Object.entries(permissions ?? {})
    .filter(([field, permission]) => permission === 'required' && isEmptyValue(data !== undefined && field in data ? data[field] : record[field]))
    .map(([field]) => field);
  return missing.length > 0 ? flowFailure('VALIDATION_FAILED', `required: ${missing.join(', ')}`, missing) : null;
}
