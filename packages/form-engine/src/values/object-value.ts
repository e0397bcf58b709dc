import type { CoerceFailure } from '../field-type-definition';
import { fail } from './coerce-result';
import { isPlainObject } from './is-plain-object';
import { quoteValue } from './quote-value';

/**
 * Checks the outline of a structured value: a JSON object holding only the named parts. Gives the
 * object, or the failure (an unexpected part is reported at its own path).
 */
export function readObjectValue(
  value: unknown,
  parts: readonly string[],
  shape: string,
): { ok: true; object: Record<string, unknown> } | CoerceFailure {
  if (!isPlainObject(value)) return fail('invalid_type', `must be an object ${shape}`, { expected: 'object' });
  for (const key of Object.keys(value)) {
    if (!parts.includes(key)) return fail('invalid_type', `has an unexpected part ${quoteValue(key)}; expected ${shape}`, { expected: 'object' }, [key]);
  }
  return { ok: true, object: value };
}

/** null, undefined and '' count as an absent part. */
export const isAbsent = (value: unknown): boolean => value === null || value === undefined || value === '';
