import { APP_PACKAGE_SCHEMA_VERSION, type AppPackage } from './types';

export type MigrationResult = { ok: true; document: AppPackage } | { ok: false; code: string; message: string };

/**
 * Brings an app package of any known schemaVersion to the current one. Pure: returns a new document.
 * Version 1 is the first; later versions add a step here, never edit an old one.
 */
export function migrateAppPackage(doc: { schemaVersion?: unknown }): MigrationResult {
  const version = doc.schemaVersion;
  if (version === APP_PACKAGE_SCHEMA_VERSION) return { ok: true, document: structuredClone(doc) as AppPackage };
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, code: 'UNSUPPORTED_SCHEMA_VERSION', message: 'schemaVersion must be a positive integer' };
  }
  return {
    ok: false,
    code: 'UNSUPPORTED_SCHEMA_VERSION',
    message: `schemaVersion ${version} is newer than this platform understands (${APP_PACKAGE_SCHEMA_VERSION})`,
  };
}
