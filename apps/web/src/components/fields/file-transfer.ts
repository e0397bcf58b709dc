import type { FieldDefinition } from '@platform/schema';
import { ApiError, NETWORK_ERROR, BAD_RESPONSE, buildUrl } from '../../api/client';
import type { FileRef, UploadedFile } from '../../api/types';

/** The field an upload is for: the server applies that field's type and size limits. */
export type UploadTarget = { appKey?: string; formKey?: string; field?: string };

export type UploadOptions = {
  target?: UploadTarget;
  /** Accept-Language of the request, for the language of the server's refusal message. */
  language?: string;
  /** 0..100 while the body is sent. */
  onProgress?: (percent: number) => void;
  signal?: AbortSignal;
};

export const fileUrl = (id: string): string => `/api/files/${encodeURIComponent(id)}`;
export const thumbnailUrl = (id: string): string => `${fileUrl(id)}?thumb=1`;
export const isImageRef = (ref: Pick<FileRef, 'mime'>): boolean => typeof ref.mime === 'string' && ref.mime.startsWith('image/');

/** A value's file refs: arrays of refs for image and attachment, one ref (or null) for signature. */
export function fileRefsOf(value: unknown): FileRef[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.filter((ref): ref is FileRef => !!ref && typeof ref === 'object' && typeof (ref as { id?: unknown }).id === 'string');
}

function errorCode(status: number): string {
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 401) return 'UNAUTHENTICATED';
  if (status === 403) return 'FORBIDDEN';
  if (status >= 500) return 'SERVER_ERROR';
  return 'VALIDATION_FAILED';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * POST /api/files (multipart, part `file`). XMLHttpRequest rather than fetch: only it reports upload
 * progress. A refusal becomes an ApiError carrying the server's code and message, like every API call.
 */
export function uploadFile(file: Blob, name: string, options: UploadOptions = {}): Promise<FileRef> {
  const { target, language, onProgress, signal } = options;
  return new Promise<FileRef>((resolve, reject) => {
    if (signal?.aborted) {
      reject(new DOMException('Upload aborted', 'AbortError'));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', buildUrl('/api/files', { appKey: target?.appKey, formKey: target?.formKey, field: target?.field }));
    xhr.setRequestHeader('Accept', 'application/json');
    if (language) xhr.setRequestHeader('Accept-Language', language);
    xhr.upload.onprogress = (event: ProgressEvent) => {
      if (event.lengthComputable && event.total > 0) onProgress?.(Math.min(100, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      const body = parseJson(xhr.responseText) as Partial<UploadedFile> & { code?: string; message?: string; details?: ApiError['details'] } | undefined;
      if (xhr.status < 200 || xhr.status >= 300) {
        reject(new ApiError(xhr.status, body?.code ?? errorCode(xhr.status), body?.message ?? xhr.statusText, body?.details));
        return;
      }
      if (!body || typeof body.id !== 'string') {
        reject(new ApiError(xhr.status, BAD_RESPONSE, 'Response is not a file'));
        return;
      }
      onProgress?.(100);
      resolve({ id: body.id, name: body.name ?? name, size: body.size ?? file.size, mime: body.mime ?? file.type });
    };
    xhr.onerror = () => reject(new ApiError(0, NETWORK_ERROR, 'Network error'));
    xhr.onabort = () => reject(new DOMException('Upload aborted', 'AbortError'));
    signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    const body = new FormData();
    body.append('file', file, name);
    xhr.send(body);
  });
}

export const isAbort = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/** Limits from the field's options (VALUES.md: `{"maxCount","maxSizeMB","accept"}`). */
export type FileLimits = { maxCount?: number; maxSizeMB?: number; accept: string[] };

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : undefined;
}

export function fileLimits(field: FieldDefinition): FileLimits {
  const options = field.options ?? {};
  const accept = Array.isArray(options.accept) ? options.accept.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim()) : [];
  return {
    maxCount: field.type === 'signature' ? 1 : positive(options.maxCount),
    maxSizeMB: positive(options.maxSizeMB),
    // An image field takes images whatever its options say.
    accept: accept.length > 0 ? accept : field.type === 'image' || field.type === 'signature' ? ['image/*'] : [],
  };
}

/** `accept` entries are MIME types (`image/png`, `image/*`) or extensions (`.pdf`), as in <input accept>. */
export function matchesAccept(file: { name: string; type: string }, accept: readonly string[]): boolean {
  if (accept.length === 0) return true;
  const name = file.name.toLowerCase();
  const mime = (file.type || '').toLowerCase();
  return accept.some((raw) => {
    const entry = raw.toLowerCase();
    if (entry.startsWith('.')) return name.endsWith(entry);
    if (entry.endsWith('/*')) return mime.startsWith(entry.slice(0, -1));
    return mime === entry;
  });
}

export type FileRefusal = { name: string; reason: 'type' | 'size' | 'count' };

/**
 * Which of the picked files may be uploaded: of the right type, not larger than the limit, and no
 * more than the field still has room for (`held`: files already in the value or being uploaded).
 */
export function screenFiles<T extends { name: string; type: string; size: number }>(
  files: readonly T[],
  held: number,
  limits: FileLimits,
): { accepted: T[]; refused: FileRefusal[] } {
  const accepted: T[] = [];
  const refused: FileRefusal[] = [];
  for (const file of files) {
    if (!matchesAccept(file, limits.accept)) refused.push({ name: file.name, reason: 'type' });
    else if (limits.maxSizeMB !== undefined && file.size > limits.maxSizeMB * 1024 * 1024) refused.push({ name: file.name, reason: 'size' });
    else if (limits.maxCount !== undefined && held + accepted.length >= limits.maxCount) refused.push({ name: file.name, reason: 'count' });
    else accepted.push(file);
  }
  return { accepted, refused };
}

/** 1536 -> "1.5 KB". */
export function formatFileSize(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB'];
  let size = bytes / 1024;
  let unit = 0;
  while (size >= 1024 && unit < units.length - 1) {
    size /= 1024;
    unit += 1;
  }
  return `${size >= 10 ? Math.round(size) : Math.round(size * 10) / 10} ${units[unit]}`;
}
