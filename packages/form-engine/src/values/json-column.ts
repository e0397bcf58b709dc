import { isPlainObject } from './is-plain-object';

/** A structured value as a jsonb parameter: JSON text (the driver would turn an array into a pg array). */
export function jsonToDb(value: unknown): unknown {
  return value === null || value === undefined || value === '' ? null : JSON.stringify(value);
}

/** A jsonb column as the driver delivers it (parsed, or text when no parser ran): the object, or null. */
export function jsonObjectFromDb(value: unknown): Record<string, unknown> | null {
  if (typeof value === 'string') {
    try {
      return jsonObjectFromDb(JSON.parse(value));
    } catch {
      return null;
    }
  }
  return isPlainObject(value) ? value : null;
}
