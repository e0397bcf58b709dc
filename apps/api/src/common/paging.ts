import { validationFailed } from './api-error';

/** `limit` from a query string or body: default 50, 1..500, else 400 VALIDATION_FAILED. */
export function parseLimit(raw: unknown, fallback = 50): number {
  if (raw === undefined || raw === null || raw === '') return fallback;
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || n > 500) {
    throw validationFailed([{ path: ['limit'], code: 'invalid_limit', message: 'limit must be an integer from 1 to 500' }]);
  }
  return n;
}
