import type { ConditionIssue, ConditionIssueCode } from './condition-types';

/** Thrown by the convenience entry points when a condition is invalid. `code` is the first issue's. */
export class ConditionError extends Error {
  readonly code: ConditionIssueCode;
  readonly issues: ConditionIssue[];

  constructor(issues: ConditionIssue[]) {
    const first = issues[0] ?? { code: 'VALIDATION_FAILED' as const, message: 'invalid condition', path: [] };
    super(issues.length > 1 ? `${first.message} (and ${issues.length - 1} more)` : first.message);
    this.name = 'ConditionError';
    this.code = first.code;
    this.issues = issues;
  }
}
