/** What JSON writes as null: null, undefined (here), NaN and the infinities. */
const asNull = (value: unknown) => value === null || value === undefined || (typeof value === 'number' && !Number.isFinite(value));

/**
 * Whether two stored values are the same: equal as JSON, null and undefined alike. Most values are
 * strings, numbers and booleans, compared as they are; only objects and arrays (sub-form rows, address
 * parts, lists of ids) are turned into JSON. Derived values and links are compared per field for every
 * record a batch writes, so this runs tens of times per record.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (asNull(a) || asNull(b)) return asNull(a) && asNull(b);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
