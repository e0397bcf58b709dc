import { isUuid } from '../common/uuid-v7';

/** A comment is plain text of at most this many characters (code points, as a user counts them). */
export const COMMENT_MAX_LENGTH = 5000;
/** More mentions than this in one comment is a mistake or spam. */
export const COMMENT_MAX_MENTIONS = 50;

export type CommentIssue = { path: (string | number)[]; code: string; message: string };
/** `mentions` is undefined when the body did not name it (an edit keeps the comment's mentions). */
export type CommentInput = { body: string; mentions: string[] | undefined };

/**
 * The body of POST (`{body, mentions?}`) or PATCH (`{body, mentions?}`) checked for shape: issues, or the
 * input with duplicate mentions dropped. Whether the mentioned users exist is the service's question.
 */
export function parseCommentInput(raw: Record<string, unknown>): { ok: true; value: CommentInput } | { ok: false; issues: CommentIssue[] } {
  const issues: CommentIssue[] = [];
  for (const key of Object.keys(raw)) {
    if (key !== 'body' && key !== 'mentions') issues.push({ path: [key], code: 'unknown_property', message: `${key} is not a comment property` });
  }
  const body = raw.body;
  if (body === undefined || body === null) issues.push({ path: ['body'], code: 'required', message: 'body is required' });
  else if (typeof body !== 'string') issues.push({ path: ['body'], code: 'invalid_type', message: 'body must be a string' });
  else if (body.trim() === '') issues.push({ path: ['body'], code: 'required', message: 'body is required' });
  else if ([...body].length > COMMENT_MAX_LENGTH) issues.push({ path: ['body'], code: 'too_long', message: `body is longer than ${COMMENT_MAX_LENGTH} characters` });

  let mentions: string[] | undefined;
  const rawMentions = raw.mentions;
  if (rawMentions !== undefined && rawMentions !== null) {
    if (!Array.isArray(rawMentions)) {
      issues.push({ path: ['mentions'], code: 'invalid_type', message: 'mentions must be an array of user ids' });
    } else {
      rawMentions.forEach((id, index) => {
        if (!isUuid(id)) issues.push({ path: ['mentions', index], code: 'invalid_value', message: 'a mention must be a user id' });
      });
      mentions = [...new Set(rawMentions.filter(isUuid).map((id) => id.toLowerCase()))];
      if (mentions.length > COMMENT_MAX_MENTIONS) issues.push({ path: ['mentions'], code: 'too_big', message: `at most ${COMMENT_MAX_MENTIONS} users can be mentioned` });
    }
  }
  if (issues.length) return { ok: false, issues };
  return { ok: true, value: { body: body as string, mentions } };
}
