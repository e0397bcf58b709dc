import type { FieldDefinition } from './types';

/** Keys of fields, options, tabs and rules: what the server accepts (KEY_PATTERN of @platform/schema). */
export const KEY_REGEX = /^[a-z][a-z0-9_]{0,62}$/;

/** A type or label as a key stem: `multiSelect` → `multi_select`. */
export function keyStem(text: string, fallback = 'field'): string {
  const stem = text
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .replace(/^[^a-z]+/, '')
    .replace(/_+$/, '')
    .slice(0, 50);
  return stem || fallback;
}

/** `stem_1`, `stem_2`, ...: the first that `taken` does not hold. */
export function freshKey(taken: ReadonlySet<string>, stem: string): string {
  for (let n = 1; ; n++) {
    const candidate = `${stem}_${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

/** The keys a new field of the form must avoid. */
export function takenFieldKeys(fields: readonly FieldDefinition[]): Set<string> {
  return new Set(fields.map((field) => field.key));
}
