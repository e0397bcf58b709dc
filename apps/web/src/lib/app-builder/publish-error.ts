import { ISSUE_MESSAGES, translateIssue } from '@platform/form-engine';
import type { AppLocale } from '../../i18n';
import { errorMessage, type Translate } from '../api-errors';

type ErrorLike = { code: string; message: string; details?: Record<string, unknown> };
type Issue = { code: string; message: string; params?: Record<string, string | number> };

/**
 * What the app builder says when a save or publish is refused: a stale form draft by name; a form the
 * server refused with its reason, in the user's language when the form engine words it (a field made
 * unique while records share values, a bad formula...); anything else as the API error's message.
 */
export function publishErrorText(error: ErrorLike, translate: Translate, locale: AppLocale): string {
  const form = typeof error.details?.form === 'string' ? error.details.form : null;
  if (error.code === 'DRAFT_STALE') return translate('appBuilder.stale', `The form ${form ?? ''} was changed since this draft was made`, { form: form ?? '' });
  const issues = Array.isArray(error.details?.issues) ? (error.details.issues as Issue[]) : [];
  const worded = error.code === 'VALIDATION_FAILED' ? issues.find((issue) => issue && ISSUE_MESSAGES[issue.code]) : undefined;
  const reason = worded ? translateIssue(worded, locale) : errorMessage(error, translate);
  return form ? translate('appBuilder.formRefused', `${form}: ${reason}`, { form, reason }) : reason;
}
