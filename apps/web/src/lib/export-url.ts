import type { Condition } from '@platform/schema';
import { buildUrl } from '../api/client';

export type ExportFormat = 'xlsx' | 'csv';

/**
 * GET /api/apps/{appKey}/forms/{formKey}/records/export: opened as a plain link (<a download>) so the
 * browser sends the session cookie and streams the file itself. The filter is the list's current one.
 */
export function recordsExportUrl(appKey: string, formKey: string, format: ExportFormat, filter: Condition | null | undefined): string {
  const path = `/api/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(formKey)}/records/export`;
  return buildUrl(path, { format, filter: filter ? JSON.stringify(filter) : undefined });
}
