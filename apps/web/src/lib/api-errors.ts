import type { ApiError } from '../api/client';

/** Error codes with their own message in the locale files (errors.<CODE>). */
export const KNOWN_ERROR_CODES = [
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'UNKNOWN_FIELD', 'UNKNOWN_OPERATOR',
  'INVALID_CURSOR', 'INVALID_JSON', 'RECORD_VERSION_CONFLICT', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED',
  'FIELD_NOT_EDITABLE', 'FIELD_NOT_FILTERABLE', 'UNIQUE_VIOLATION', 'RECORD_LOCKED', 'RECORD_REFERENCED',
  'NETWORK_ERROR', 'SERVER_ERROR', 'BAD_RESPONSE',
] as const;

/** Issue codes with their own message in the locale files (issues.<code>). */
export const KNOWN_ISSUE_CODES = [
  'required', 'too_long', 'too_short', 'too_small', 'too_big', 'invalid_option', 'invalid_format',
  'invalid_type', 'invalid_value', 'not_integer', 'stage_gate', 'unique', 'read_only', 'invalid_date',
] as const;

/** Looks a message up by key, or answers the fallback when the key has no entry. */
export type Translate = (key: string, fallback: string) => string;

export function errorMessage(error: { code: string; message: string }, translate: Translate): string {
  if ((KNOWN_ERROR_CODES as readonly string[]).includes(error.code)) return translate(`errors.${error.code}`, error.message);
  return error.message || translate('errors.UNKNOWN', error.code);
}

export function issueMessage(issue: { code: string; message: string }, translate: Translate): string {
  // A rule's error message is written by the designer: show it as sent.
  if (issue.code === 'rule' && issue.message) return issue.message;
  if ((KNOWN_ISSUE_CODES as readonly string[]).includes(issue.code)) return translate(`issues.${issue.code}`, issue.message);
  return issue.message || translate('issues.invalid_value', issue.code);
}

export type FieldErrors = { name: string; errors: string[] }[];

/**
 * Splits an API error into messages for form fields (by the first path element of each issue, or a
 * `details.field` naming one) and messages for the form as a whole.
 */
export function fieldErrorsFromApiError(
  error: ApiError,
  fieldKeys: ReadonlySet<string>,
  translate: Translate,
): { fieldErrors: FieldErrors; formMessages: string[] } {
  const byField = new Map<string, string[]>();
  const formMessages: string[] = [];
  const add = (field: string, message: string) => {
    const list = byField.get(field) ?? [];
    if (!list.includes(message)) list.push(message);
    byField.set(field, list);
  };

  const issues = Array.isArray(error.details?.issues) ? error.details.issues : [];
  for (const issue of issues) {
    const field = Array.isArray(issue.path) ? issue.path[0] : undefined;
    const message = issueMessage(issue, translate);
    if (typeof field === 'string' && fieldKeys.has(field)) add(field, message);
    else formMessages.push(message);
  }

  const namedField = error.details?.field ?? error.details?.fieldKey;
  if (issues.length === 0 && typeof namedField === 'string' && fieldKeys.has(namedField)) {
    const code = error.code === 'UNIQUE_VIOLATION' ? 'unique' : error.code === 'FIELD_NOT_EDITABLE' ? 'read_only' : '';
    add(namedField, code ? issueMessage({ code, message: error.message }, translate) : errorMessage(error, translate));
  }

  if (byField.size === 0 && formMessages.length === 0) formMessages.push(errorMessage(error, translate));
  return { fieldErrors: [...byField].map(([name, errors]) => ({ name, errors })), formMessages };
}
