/**
 * Condition operators (VALUES.md "Conditions") accepted by each family of types. Each set is the
 * @platform/condition set of the type's condition kind, or a narrower one where an operator would
 * mislead: option keys and ids have no meaningful order.
 */

const EMPTINESS = ['isEmpty', 'isNotEmpty'] as const;

export const ORDERED_OPERATORS = ['==', '!=', '>', '>=', '<', '<=', 'between', 'in', ...EMPTINESS] as const;
/** Text compares in code point order (COLLATE "C"); contains/startsWith/endsWith are case-sensitive. */
export const TEXT_OPERATORS = [...ORDERED_OPERATORS, 'contains', 'startsWith', 'endsWith'] as const;
export const CHOICE_OPERATORS = ['==', '!=', 'in', ...EMPTINESS] as const;
export const ID_OPERATORS = ['==', '!=', 'in', ...EMPTINESS] as const;
export const BOOLEAN_OPERATORS = ['==', '!=', ...EMPTINESS] as const;
export const ARRAY_OPERATORS = ['containsAny', 'containsAll', ...EMPTINESS] as const;
/** Structured (jsonb) values until dotted paths reach into their parts: only whether they are set. */
export const EMPTINESS_OPERATORS = EMPTINESS;
/** Long formatted text (richText): searched, never compared or ordered. */
export const SEARCH_OPERATORS = ['contains', ...EMPTINESS] as const;
