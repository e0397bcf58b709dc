/**
 * A problem with a record's data: a path into it (field key, then array index), a stable code the UI
 * translates (see issue-messages.ts), an English message, and the numbers or names the message uses.
 */
export type RecordIssue = {
  path: (string | number)[];
  code: string;
  message: string;
  params?: Record<string, string | number>;
};
