import type { FieldDefinition } from '@platform/schema';
import type { CoerceFailure, CoerceResult, DisplayLocale } from '../field-type-definition';
import { fail, ok } from './coerce-result';
import { isUuid } from './is-uuid';
import { jsonToDb } from './json-column';
import { joinList } from './join-list';
import { isAbsent, readObjectValue } from './object-value';
import { readOption } from './read-option';
import { hasUnstorableCharacter } from './unstorable-character';
import { nullable, optionsObject } from '../options-schemas/option-schema-parts';

/** An uploaded file as a record holds it (image, attachment, signature): the api fills in name, size, mime. */
export type FileRef = { id: string; name: string; size: number; mime: string };

/** The limits a file field's options set; `accept` lists mime types (`image/png`, `image/*`) or extensions (`.pdf`). */
export type FileLimits = { maxCount: number; maxSizeMB: number | undefined; accept: string[]; imagesOnly: boolean };

const SHAPE = '{"id","name","size","mime"}';
/** `url` is what POST /api/files answers besides the ref; sending the answer back as it came is accepted. */
const PARTS = ['id', 'name', 'size', 'mime', 'url'] as const;
const MAX_NAME = 255;
/** A hard cap whatever the options say: one row must stay a reasonable size. */
export const MAX_FILES = 100;
export const MAX_SIZE_MB = 10_240;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
/** The raster formats the server decodes (and makes thumbnails of): what image and signature fields hold. */
export const IMAGE_MIMES: readonly string[] = ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/avif', 'image/tiff', 'image/heic', 'image/heif'];
const MB = 1024 * 1024;

const ACCEPT_PATTERN = '^(\\.[A-Za-z0-9][A-Za-z0-9._+-]{0,31}|[A-Za-z0-9][A-Za-z0-9.+-]*/(\\*|[A-Za-z0-9][A-Za-z0-9.+-]*))$';

/** The options of the file types (VALUES.md "Options"); a signature is one file, so it has no maxCount. */
export function fileOptionsSchema(kind: 'list' | 'single'): object {
  const limits = {
    maxSizeMB: { type: 'number', exclusiveMinimum: 0, maximum: MAX_SIZE_MB },
    accept: { type: 'array', maxItems: 50, items: { type: 'string', pattern: ACCEPT_PATTERN } },
  };
  // A default file would be one upload held by every new record: only "no default" makes sense.
  if (kind === 'single') return optionsObject({ default: { type: 'null' }, ...limits });
  return optionsObject({
    default: nullable({ type: 'array', maxItems: 0 }),
    maxCount: { type: 'integer', minimum: 1, maximum: MAX_FILES },
    ...limits,
  });
}

/** The limits of a field from its options (absent or malformed options mean no limit beyond the caps). */
export function readFileLimits(field: FieldDefinition, imagesOnly: boolean): FileLimits {
  const accept = field.options?.accept;
  return {
    maxCount: Math.min(readOption(field, 'maxCount', 'number') ?? MAX_FILES, MAX_FILES),
    maxSizeMB: readOption(field, 'maxSizeMB', 'number'),
    accept: Array.isArray(accept) ? accept.filter((item): item is string => typeof item === 'string') : [],
    imagesOnly,
  };
}

/** Whether a file of this name and mime type is one `accept` lets in (an empty list lets in anything). */
export function acceptsFile(accept: readonly string[], name: string, mime: string): boolean {
  if (accept.length === 0) return true;
  const lowerName = name.toLowerCase();
  const lowerMime = mime.toLowerCase();
  return accept.some((entry) => {
    const item = entry.toLowerCase();
    if (item.startsWith('.')) return lowerName.endsWith(item);
    if (item.endsWith('/*')) return lowerMime.startsWith(item.slice(0, -1));
    return lowerMime === item;
  });
}

/**
 * The checks a file must pass for a field, on its name, mime type and size: the same at upload
 * (the api, the browser before sending) and when a record holds it. Gives the failure or null.
 */
export function fileLimitFailure(file: { name: string; size: number; mime: string }, limits: FileLimits): CoerceFailure | null {
  if (limits.imagesOnly && !IMAGE_MIMES.includes(file.mime)) {
    return fail('invalid_format', `${file.name} is not an image (JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIF)`, { format: 'image' });
  }
  if (!acceptsFile(limits.accept, file.name, file.mime)) {
    return fail('invalid_format', `${file.name} is not of an accepted type (${limits.accept.join(', ')})`, { format: limits.accept.join(', ') });
  }
  if (limits.maxSizeMB !== undefined && file.size > limits.maxSizeMB * MB) {
    return fail('too_big', `${file.name} is larger than ${limits.maxSizeMB} MB`, { max: `${limits.maxSizeMB} MB`, maxSizeMB: limits.maxSizeMB });
  }
  return null;
}

function part(object: Record<string, unknown>, name: 'id' | 'name' | 'size' | 'mime'): CoerceFailure | string | number {
  const value = object[name];
  if (isAbsent(value)) return fail('required', `a file needs ${SHAPE} (${name} is missing)`, undefined, [name]);
  switch (name) {
    case 'id':
      return isUuid(value) ? value.toLowerCase() : fail('invalid_format', 'id must be a UUID', { format: 'uuid' }, [name]);
    case 'name':
      if (typeof value !== 'string') return fail('invalid_type', 'name must be a string', { expected: 'string' }, [name]);
      if (hasUnstorableCharacter(value)) return fail('invalid_format', 'name contains a character that cannot be stored', { format: 'text' }, [name]);
      return [...value].length > MAX_NAME ? fail('too_long', `name must be at most ${MAX_NAME} characters`, { max: MAX_NAME }, [name]) : value;
    case 'size':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0
        ? value
        : fail('invalid_type', 'size must be a whole number of bytes', { expected: 'integer' }, [name]);
    case 'mime': {
      if (typeof value !== 'string') return fail('invalid_type', 'mime must be a string', { expected: 'string' }, [name]);
      const mime = value.toLowerCase();
      return MIME.test(mime) ? mime : fail('invalid_format', 'mime must be a media type such as image/png', { format: 'mime' }, [name]);
    }
  }
}

/** One file ref: its outline, then the field's limits. */
export function coerceFileRef(value: unknown, limits: FileLimits): CoerceResult {
  const read = readObjectValue(value, PARTS, SHAPE);
  if (!read.ok) return read;
  const parts: Partial<Record<'id' | 'name' | 'size' | 'mime', string | number>> = {};
  for (const name of ['id', 'name', 'size', 'mime'] as const) {
    const checked = part(read.object, name);
    if (typeof checked === 'object') return checked;
    parts[name] = checked;
  }
  const ref: FileRef = { id: parts.id as string, name: parts.name as string, size: parts.size as number, mime: parts.mime as string };
  const refused = fileLimitFailure(ref, limits);
  return refused ?? ok(ref);
}

/** A list of file refs: null, '' and [] give []; a file listed twice is kept once (the first). */
export function coerceFileList(value: unknown, limits: FileLimits): CoerceResult {
  if (isAbsent(value)) return ok([]);
  if (!Array.isArray(value)) return fail('invalid_type', `must be an array of files ${SHAPE}`, { expected: 'array' });
  const refs: FileRef[] = [];
  for (let index = 0; index < value.length; index++) {
    const coerced = coerceFileRef(value[index], limits);
    if (!coerced.ok) return { ...coerced, path: [index, ...(coerced.path ?? [])] };
    const ref = coerced.value as FileRef;
    if (!refs.some((kept) => kept.id === ref.id)) refs.push(ref);
  }
  if (refs.length > limits.maxCount) return fail('too_many', `choose at most ${limits.maxCount} files`, { max: limits.maxCount });
  return ok(refs);
}

/** A stored ref as the jsonb column gives it back; anything else (a damaged row) reads as absent. */
function refFromJson(value: unknown): FileRef | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { id, name, size, mime } = value as Record<string, unknown>;
  if (typeof id !== 'string' || typeof name !== 'string' || typeof size !== 'number' || typeof mime !== 'string') return null;
  return { id, name, size, mime };
}

function parsed(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return null;
  }
}

export function fileListFromDb(value: unknown): FileRef[] {
  const list = parsed(value);
  return Array.isArray(list) ? list.map(refFromJson).filter((ref): ref is FileRef => ref !== null) : [];
}

export function fileRefFromDb(value: unknown): FileRef | null {
  return refFromJson(parsed(value));
}

/** Empty lists are stored as NULL: the column holds either files or nothing. */
export function fileListToDb(value: unknown): unknown {
  return Array.isArray(value) && value.length === 0 ? null : jsonToDb(value);
}

/** The file names as lists show them: 'a.pdf, b.png' / 'a.pdf、b.png'. */
export function formatFileNames(value: unknown, locale: DisplayLocale): string {
  const refs = Array.isArray(value) ? value : [value];
  const names = refs.map((ref) => refFromJson(ref)?.name).filter((name): name is string => name !== undefined);
  return joinList(names, locale);
}
