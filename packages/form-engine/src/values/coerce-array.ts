import type { CoerceResult } from '../field-type-definition';
import { fail, ok } from './coerce-result';

export type ArrayRules = {
  /** Checks and normalises one element; its failure is reported at the element's index. */
  element: (item: unknown) => CoerceResult;
  minCount?: number;
  maxCount?: number;
};

/** An array value: null, '' and [] give []; elements normalised, duplicates dropped (first kept). */
export function coerceArray(value: unknown, rules: ArrayRules): CoerceResult {
  if (value === null || value === undefined || value === '') return ok([]);
  if (!Array.isArray(value)) return fail('invalid_type', 'must be an array', { expected: 'array' });
  const seen = new Set<unknown>();
  const result: unknown[] = [];
  for (let index = 0; index < value.length; index++) {
    const coerced = rules.element(value[index]);
    if (!coerced.ok) return { ...coerced, path: [index, ...(coerced.path ?? [])] };
    if (!seen.has(coerced.value)) {
      seen.add(coerced.value);
      result.push(coerced.value);
    }
  }
  if (result.length > 0 && rules.minCount !== undefined && result.length < rules.minCount) {
    return fail('too_few', `choose at least ${rules.minCount}`, { min: rules.minCount });
  }
  if (rules.maxCount !== undefined && result.length > rules.maxCount) {
    return fail('too_many', `choose at most ${rules.maxCount}`, { max: rules.maxCount });
  }
  return ok(result);
}

/** pg arrays arrive as arrays; a NULL column reads as []. */
export function arrayFromDb(value: unknown): unknown {
  return Array.isArray(value) ? [...value] : [];
}

/** The driver writes a JS array as a PostgreSQL array literal; empty is '{}', never NULL. */
export function arrayToDb(value: unknown): unknown {
  return Array.isArray(value) ? value : [];
}
