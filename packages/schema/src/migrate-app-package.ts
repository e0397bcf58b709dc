import { APP_PACKAGE_SCHEMA_VERSION, type AppPackage } from './types';

export type MigrationResult = { ok: true; document: AppPackage } | { ok: false; code: string; message: string };

/**
 * Brings an app package of any known schemaVersion to the current one. Pure: returns a new document of
 * plain JSON objects made in the caller's realm (structuredClone would make them in the host's realm
 * under a test runner's sandbox, where `Object.getPrototypeOf(x) === Object.prototype` then fails).
 * Version 1 is the first; later versions add a step here, never edit an old one.
 */
export function migrateAppPackage(doc: { schemaVersion?: unknown }): MigrationResult {
  const version = doc.schemaVersion;
  if (version === APP_PACKAGE_SCHEMA_VERSION) return { ok: true, document: jsonCopy(doc) as AppPackage };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, code: 'UNSUPPORTED_SCHEMA_VERSION', message: 'schemaVersion must be a positive integer' };
  }
  return {
    ok: false,
    code: 'UNSUPPORTED_SCHEMA_VERSION',
    message: `schemaVersion ${version} is newer than this platform understands (${APP_PACKAGE_SCHEMA_VERSION})`,
  };
}

/** A deep copy of a JSON document (values JSON cannot hold, such as undefined, are left out). */
function jsonCopy(doc: unknown): unknown {
  return JSON.parse(JSON.stringify(doc)) as unknown;
}
