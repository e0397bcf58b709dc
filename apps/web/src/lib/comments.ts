import type { ApiError } from '../api/client';
import { errorMessage, type Translate } from './api-errors';

/** The server's limit on a comment (characters as a user counts them). */
export const COMMENT_MAX_LENGTH = 5000;

/** Who can be mentioned: a user's id and the username the text carries after `@`. */
export type Mentionable = { id: string; username: string };

export type CommentSegment = { text: string } | { text: string; userId: string };

/** Characters that would continue a username: after `@bob` they mean it is someone else (`@bobby`). */
const USERNAME_CONTINUES = /[A-Za-z0-9_]/;

/**
 * A comment's text cut into plain runs and mentions: `@username` of one of `users`, at the start or
 * after white space (so an email address is not a mention), the longest username winning
 * (`@bob.smith` before `@bob`).
 */
export function commentSegments(body: string, users: readonly Mentionable[]): CommentSegment[] {
  const byLength = users.filter((user) => user.username).sort((a, b) => b.username.length - a.username.length);
  const segments: CommentSegment[] = [];
  let plain = '';
  let i = 0;
  while (i < body.length) {
    if (body[i] === '@' && (i === 0 || /\s/.test(body[i - 1]))) {
      const user = byLength.find((candidate) => {
        if (!body.startsWith(candidate.username, i + 1)) return false;
        const next = body[i + 1 + candidate.username.length];
        return next === undefined || !USERNAME_CONTINUES.test(next);
      });
      if (user) {
        if (plain) segments.push({ text: plain });
        plain = '';
        segments.push({ text: `@${user.username}`, userId: user.id });
        i += 1 + user.username.length;
        continue;
      }
    }
    plain += body[i];
    i += 1;
  }
  if (plain) segments.push({ text: plain });
  return segments;
}

/** The users a text mentions, each once, in the order they first appear. */
export function mentionedUserIds(body: string, users: readonly Mentionable[]): string[] {
  const ids = commentSegments(body, users).flatMap((segment) => ('userId' in segment ? [segment.userId] : []));
  return [...new Set(ids)];
}

/** Characters as the server counts them (code points: an emoji is one). */
export const commentLength = (body: string) => [...body].length;

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [['minute', 60], ['hour', 3600], ['day', 86400]];

/**
 * "3 minutes ago" / "3 分钟前" for the last week; null after that (the caller shows the date). Under a
 * minute is `justNow` when given ("刚刚" reads better than Intl's "现在"), else Intl's "now".
 */
export function relativeTime(iso: string, now: Date, locale: string, justNow?: string): string | null {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return null;
  const seconds = Math.round((now.getTime() - at) / 1000);
  if (seconds > 7 * 86400) return null;
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (seconds < 60) return justNow ?? format.format(0, 'second');
  let unit = UNITS[0];
  for (const candidate of UNITS) if (seconds >= candidate[1]) unit = candidate;
  return format.format(-Math.floor(seconds / unit[1]), unit[0]);
}

/**
 * What went wrong with a comment, in the user's language: the comment's own problems (empty, too long,
 * an unknown mention) by their issue, anything else by its error code.
 */
export function commentErrorText(error: ApiError, translate: Translate): string {
  const issue = error.code === 'VALIDATION_FAILED' ? error.details?.issues?.[0] : undefined;
  if (issue?.path[0] === 'body' && issue.code === 'too_long') return translate('comments.tooLong', issue.message, { max: COMMENT_MAX_LENGTH });
  if (issue?.path[0] === 'body') return translate('comments.bodyRequired', issue.message);
  if (issue?.path[0] === 'mentions') return translate('comments.unknownMention', issue.message);
  return errorMessage(error, translate);
}
