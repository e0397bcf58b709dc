import { ApiError, api, NETWORK_ERROR } from '../../api/client';
import type { ImportJob, ImportOptions, ImportPreview } from './import-types';

const importPath = (appKey: string, formKey: string) =>
  `/api/apps/${encodeURIComponent(appKey)}/forms/${encodeURIComponent(formKey)}/records/import`;

/** A multipart POST (the JSON client cannot send files); errors become ApiError like the client's. */
async function postForm<T>(path: string, form: FormData, language: string): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { method: 'POST', body: form, credentials: 'same-origin', headers: { Accept: 'application/json', 'Accept-Language': language } });
  } catch (error) {
    throw new ApiError(0, NETWORK_ERROR, error instanceof Error ? error.message : String(error));
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const error = (body ?? {}) as { code?: string; message?: string; details?: Record<string, unknown> };
    throw new ApiError(response.status, error.code ?? (response.status >= 500 ? 'SERVER_ERROR' : 'VALIDATION_FAILED'), error.message ?? response.statusText, error.details);
  }
  return body as T;
}

export function previewImport(appKey: string, formKey: string, file: File, language: string, mode: ImportOptions['mode'] = 'create'): Promise<ImportPreview> {
  const form = new FormData();
  form.append('lang', language);
  form.append('mode', mode);
  form.append('file', file, file.name);
  return postForm(`${importPath(appKey, formKey)}/preview`, form, language);
}

export function startImport(
  appKey: string, formKey: string, file: File, mapping: (string | null)[], options: ImportOptions, language: string,
): Promise<{ jobId: string }> {
  const form = new FormData();
  form.append('lang', language);
  form.append('mode', options.mode);
  if (options.mode === 'upsert' && options.matchField) form.append('matchField', options.matchField);
  if (options.dryRun) form.append('dryRun', 'true');
  form.append('mapping', JSON.stringify(mapping));
  form.append('file', file, file.name);
  return postForm(importPath(appKey, formKey), form, language);
}

export const fetchImportJob = (jobId: string, signal?: AbortSignal) => api.get<ImportJob>(`/api/jobs/${encodeURIComponent(jobId)}`, { signal });
