import type { FlowErrorCode, FlowFailure } from './flow-error';

/** Builds a failure result. */
export function flowFailure(code: FlowErrorCode, message: string, fields?: string[]): FlowFailure {
  return fields === undefined ? { ok: false, code, message } : { ok: false, code, message, details: { fields } };
}
