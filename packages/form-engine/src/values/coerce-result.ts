import type { CoerceFailure, CoerceResult } from '../field-type-definition';

export const ok = (value: unknown): CoerceResult => ({ ok: true, value });

export function fail(
  code: string,
  message: string,
  params?: Record<string, string | number>,
  path?: (string | number)[],
): CoerceFailure {
  return { ok: false, code, message, ...(params ? { params } : {}), ...(path ? { path } : {}) };
}
