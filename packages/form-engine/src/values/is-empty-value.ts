/** Empty as VALUES.md defines it: null, absent, an empty string or an empty array. */
export function isEmptyValue(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}
