const MAX_NAME = 255;
// Control characters, and lone surrogates (no UTF-8 form): dropped from names shown and sent back in headers.
const UNWANTED = /[\u0000-\u001f\u007f]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The name a file is shown and downloaded under: the client's name without any folder part or
 * control characters, at most 255 characters (the extension kept). It is never used as a storage key.
 */
export function cleanFileName(clientName: string | undefined): string {
  const base = (clientName ?? '').split(/[\\/]/).pop()!.replace(UNWANTED, '').trim();
  const characters = [...base];
  if (characters.length === 0) return 'file';
  if (characters.length <= MAX_NAME) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 16 ? [...base.slice(dot)] : [];
  return [...characters.slice(0, MAX_NAME - extension.length), ...extension].join('');
}

/**
 * Content-Disposition for a download: an ASCII fallback name for old clients and the real name in
 * RFC 5987 `filename*` (UTF-8, percent-encoded), so that no client-supplied character can break the header.
 */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
