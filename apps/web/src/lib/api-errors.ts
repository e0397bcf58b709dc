import type { FieldDefinition } from '@platform/schema';
import type { ApiError } from '../api/client';
import { labelText } from './label-text';

/** Error codes with their own message in the locale files (errors.<CODE>). */
export const KNOWN_ERROR_CODES = [
  'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED', 'UNKNOWN_FIELD', 'UNKNOWN_OPERATOR',
  'INVALID_CURSOR', 'INVALID_JSON', 'RECORD_VERSION_CONFLICT', 'PAYLOAD_TOO_LARGE', 'RATE_LIMITED',
  'FIELD_NOT_EDITABLE', 'FIELD_NOT_FILTERABLE', 'UNIQUE_VIOLATION', 'VALUE_TOO_LONG', 'RECORD_LOCKED', 'RECORD_REFERENCED', 'FIELD_REFERENCED',
  'NETWORK_ERROR', 'SERVER_ERROR', 'BAD_RESPONSE',
] as const;

/** Issue codes with their own message in the locale files (issues.<code>). */
export const KNOWN_ISSUE_CODES = [
  'required', 'too_long', 'too_short', 'too_small', 'too_big', 'invalid_option', 'invalid_format',
  'invalid_type', 'invalid_value', 'not_integer', 'stage_gate', 'unique', 'read_only', 'invalid_date',
] as const;

/** Looks a message up by key (filling in `values`), or answers the fallback when the key has no entry. */
export type Translate = (key: string, fallback: string, values?: Record<string, string | number>) => string;

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

/** The form's fields and the user's language, to say which row and column of a sub-form an issue is in. */
export type IssueContext = { fields?: readonly FieldDefinition[]; locale?: string };

/** The label of a sub-form's column, or its key when the definition does not say. */
function columnLabel(subForm: FieldDefinition | undefined, key: string, locale: string): string {
  const columns = Array.isArray(subForm?.options?.fields) ? (subForm.options.fields as FieldDefinition[]) : [];
  const column = columns.find((candidate) => candidate?.key === key);
  return column ? labelText(column.label, locale) : key;
}

/**
 * An issue inside a sub-form (path `["lines", 1, "qty"]`) as "Row 2, “Qty”: message" in the user's
 * language (as the form's own row checks word it); other issues as their message alone.
 */
function fieldIssueMessage(issue: { path: unknown[]; code: string; message: string }, translate: Translate, context: IssueContext): string {
  const message = issueMessage(issue, translate);
  const [fieldKey, row, column] = issue.path;
  if (typeof row !== 'number' || typeof column !== 'string') return message;
  const field = context.fields?.find((candidate) => candidate.key === fieldKey);
  if (field?.type !== 'subForm') return message;
  const label = columnLabel(field, column, context.locale ?? 'zh-CN');
  return translate('form.subForm.rowIssue', `Row ${row + 1}, “${label}”: ${message}`, { row: row + 1, label, message });
}

/**
 * Splits an API error into messages for form fields (by the first path element of each issue, or a
 * `details.field` naming one) and messages for the form as a whole.
 */
export function fieldErrorsFromApiError(
  error: ApiError,
  fieldKeys: ReadonlySet<string>,
  translate: Translate,
  context: IssueContext = {},
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
    const path: unknown[] = Array.isArray(issue.path) ? issue.path : [];
    const field = path[0];
    const message = fieldIssueMessage({ ...issue, path }, translate, context);
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
