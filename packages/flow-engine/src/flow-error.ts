/** Codes the API maps to HTTP: TASK_ALREADY_DONE 409, WITHDRAW_NOT_ALLOWED 409, NOT_ASSIGNEE 403,
 * NOT_INITIATOR 403, START_NOT_ALLOWED 403, FIELD_NOT_EDITABLE 403, TASK_NOT_FOUND 404,
 * VALIDATION_FAILED 400, INVALID_EVENT 409. */
export type FlowErrorCode =
  | 'TASK_ALREADY_DONE'
  | 'WITHDRAW_NOT_ALLOWED'
  | 'NOT_ASSIGNEE'
  | 'NOT_INITIATOR'
  | 'START_NOT_ALLOWED'
  | 'INVALID_EVENT'
  | 'FIELD_NOT_EDITABLE'
  | 'TASK_NOT_FOUND'
  | 'VALIDATION_FAILED';

export type FlowFailure = { ok: false; code: FlowErrorCode; message: string; details?: { fields?: string[] } };

/** Thrown by `advanceOrThrow`; carries the failure's code, message and details. */
export class FlowError extends Error {
  readonly code: FlowErrorCode;
  readonly details: { fields?: string[] } | undefined;

  constructor(failure: FlowFailure) {
    super(failure.message);
    this.name = 'FlowError';
    this.code = failure.code;
    this.details = failure.details;
  }
}
