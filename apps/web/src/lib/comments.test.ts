import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { commentErrorText, commentLength, commentSegments, mentionedUserIds, relativeTime } from './comments';

const users = [
  { id: 'u1', username: 'bob' },
  { id: 'u2', username: 'bob.smith' },
  { id: 'u3', username: 'li_lei' },
];

describe('comment mentions', () => {
  it('finds @username at the start or after white space, the longest username first', () => {
    expect(commentSegments('@bob.smith and @bob, see @li_lei\n@bob.', users)).toEqual([
      { text: '@bob.smith', userId: 'u2' },
      { text: ' and ' },
      { text: '@bob', userId: 'u1' },
      { text: ', see ' },
      { text: '@li_lei', userId: 'u3' },
      { text: '\n' },
      { text: '@bob', userId: 'u1' },
      { text: '.' },
    ]);
  });

  it('ignores email addresses, longer names and unknown users', () => {
    expect(mentionedUserIds('mail bob@example.com, ping @bobby and @nobody', users)).toEqual([]);
    expect(mentionedUserIds('@li_lei @bob @li_lei', users)).toEqual(['u3', 'u1']);
  });

  it('counts characters as the server does', () => {
    expect(commentLength('字👍a')).toBe(3);
  });
});

describe('relativeTime', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('says how long ago in the user’s language for a week, then gives up', () => {
    expect(relativeTime('2026-03-01T11:59:30Z', now, 'en-US')).toBe('now');
    expect(relativeTime('2026-03-01T11:59:30Z', now, 'zh-CN', '刚刚')).toBe('刚刚');
    expect(relativeTime('2026-03-01T11:57:00Z', now, 'en-US')).toBe('3 minutes ago');
    expect(relativeTime('2026-03-01T09:00:00Z', now, 'zh-CN')).toBe('3小时前');
    expect(relativeTime('2026-02-28T11:00:00Z', now, 'en-US')).toBe('yesterday');
    expect(relativeTime('2026-02-20T12:00:00Z', now, 'en-US')).toBeNull();
  });
});

describe('commentErrorText', () => {
  const translate = (key: string, fallback: string, values?: Record<string, string | number>) => `${key}${values ? JSON.stringify(values) : ''}|${fallback}`;
  const refused = (path: string[], code: string) => new ApiError(400, 'VALIDATION_FAILED', 'Some values are not valid', { issues: [{ path, code, message: 'm' }] });
  it('names the comment’s own problems, and falls back to the error code', () => {
    expect(commentErrorText(refused(['body'], 'too_long'), translate)).toBe('comments.tooLong{"max":5000}|m');
    expect(commentErrorText(refused(['body'], 'required'), translate)).toBe('comments.bodyRequired|m');
    expect(commentErrorText(refused(['mentions'], 'invalid_value'), translate)).toBe('comments.unknownMention|m');
    expect(commentErrorText(new ApiError(404, 'NOT_FOUND', 'Record not found'), translate)).toBe('errors.NOT_FOUND|Record not found');
  });
});
