import { errorMessage, type Translate } from './api-errors';

/** Flow error codes with their own message (flow.errors.<CODE>). */
export const FLOW_ERROR_CODES = [
  'TASK_ALREADY_DONE', 'WITHDRAW_NOT_ALLOWED', 'NOT_ASSIGNEE', 'NOT_INITIATOR', 'INVALID_EVENT', 'TASK_NOT_FOUND',
  'START_NOT_ALLOWED', 'FLOW_ALREADY_RUNNING', 'FIELD_NOT_EDITABLE', 'RECORD_LOCKED',
] as const;

/** A flow action's error in the user's language; a missing required comment says so. */
export function flowErrorMessage(error: { code: string; message: string; details?: Record<string, unknown> }, translate: Translate): string {
  const fields = error.details?.fields;
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(fields) && fields.includes('comment')) {
    return translate('flow.errors.COMMENT_REQUIRED', error.message);
  }
  if ((FLOW_ERROR_CODES as readonly string[]).includes(error.code)) return translate(`flow.errors.${error.code}`, error.message);
  return errorMessage(error, translate);
}
