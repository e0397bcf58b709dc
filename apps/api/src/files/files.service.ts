import { Inject, Injectable, Logger } from '@nestjs/common';
import { fieldTypeFor, type CoerceFailure } from '@platform/form-engine';
import type { FieldDefinition } from '@platform/schema';
import type { Readable } from 'node:stream';
import type { RequestUser } from '../auth/request-user';
import { ApiError, validationFailed } from '../common/api-error';
import { CLOCK, SETTINGS, type Clock } from '../common/core.module';
import type { Settings } from '../common/settings';
import { isUuid, uuidV7 } from '../common/uuid-v7';
import { Db, type Queryable } from '../database/database';
import { cleanFileName } from './file-name';
import { FILE_STORAGE, FileMissingError, type FileStorage } from './file-storage';
import { inspectImage, THUMBNAIL_MIME } from './image-inspection';
import { UploadTooLargeError, type IncomingFile } from './read-upload';

/** A file as a record holds it (VALUES.md): the value of image and attachment fields is a list of these. */
export type FileRef = { id: string; name: string; size: number; mime: string };
/** The answer of POST /api/files. */
export type UploadedFile = FileRef & { url: string };
/** The field whose options an upload must satisfy (POST /api/files?appKey=&formKey=&field=). */
export type UploadTarget = { appKey: string; formKey: string; field: string };
export type FileDownload = { body: Readable | Buffer; name: string; mime: string; size: number | null; inline: boolean };

/**
 * What files need to know about records, supplied by the records side for the calling user, so that
 * this module does not depend on RecordsService (which itself uses FilesService when writing).
 */
export type RecordAccess = {
  /** Whether the caller reads this field of this record unmasked: a hidden or masked file field's files stay closed. */
  canReadField(appKey: string, formKey: string, recordId: string, fieldKey: string): Promise<boolean>;
  /** The form's fields; rejects (404) when the caller has no access to the form. */
  fieldsOf(appKey: string, formKey: string): Promise<FieldDefinition[]>;
};

const FILE_TYPES = new Set(['image', 'attachment', 'signature']);
const IMAGE_TYPES = new Set(['image', 'signature']);
const MB = 1024 * 1024;
const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/;
/** Names and types that claim to be a picture the platform decodes: their bytes must then be one. */
const RASTER_CLAIM = /^image\/(jpeg|jpg|pjpeg|png|webp|gif|avif|tiff|heic|heif)$/;
const RASTER_EXTENSION = /\.(jpe?g|png|webp|gif|avif|tiff?|heic|heif)$/i;
/** Enough holders to find a readable one; a file held by more records than this is checked on these. */
const MAX_HOLDERS_CHECKED = 200;

/** All of a stored object's bytes (a local file streams; S3 may answer a buffer). */
async function readAll(body: Readable | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

const fileNotFound = () => new ApiError(404, 'FILE_NOT_FOUND', 'File not found');

type FileRow = { id: string; name: string; size: number; mime: string; storage_key: string; thumb_key: string | null; created_by: string | null };

/** The client's declared type, cut to `type/subtype`; anything unparseable is plain bytes. */
function declaredMime(mime: string | undefined): string {
  const bare = (mime ?? '').split(';')[0].trim().toLowerCase();
  return MIME.test(bare) ? bare : 'application/octet-stream';
}

/** A field of the form by key; `subForm.child` reaches a field inside a sub-form. */
function findField(fields: FieldDefinition[], path: string): FieldDefinition | undefined {
  const [key, child] = path.split('.', 2);
  const field = fields.find((f) => f.key === key);
  if (child === undefined || !field) return field;
  const inner = field.options?.fields;
  return Array.isArray(inner) ? (inner as FieldDefinition[]).find((f) => f.key === child) : undefined;
}

/** An issue of VALIDATION_FAILED from the form engine's refusal, with the params a translated message needs. */
function issue(path: (string | number)[], failure: CoerceFailure) {
  return { path, code: failure.code, message: failure.message, ...(failure.params ? { params: failure.params } : {}) };
}

/** The value a field of this type would hold with these refs: a list, or one ref for a signature. */
const asValue = (field: FieldDefinition, refs: FileRef[]): unknown => (field.type === 'signature' ? refs[0] ?? null : refs);

/**
 * Uploaded files: their bytes in a FileStorage, their metadata in `files`, and which records hold
 * them in `file_holders`, from which follows who may download them.
 */
@Injectable()
export class FilesService {
  private readonly logger = new Logger('FilesService');

  constructor(
    private readonly db: Db,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(SETTINGS) private readonly settings: Settings,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Stores an upload. With a target, the field's options apply (accept, maxSizeMB; image and signature
   * fields take pictures only). A picture's type comes from its bytes, and it gets a thumbnail.
   */
  async upload(user: RequestUser, target: UploadTarget | null, readUpload: (maxBytes: number) => Promise<IncomingFile>, access: RecordAccess): Promise<UploadedFile> {
    const field = target ? await this.targetFieldOrThrow(target, access) : null;
    const serverMax = this.settings.maxUploadMB * MB;
    const fieldMaxMB = typeof field?.options?.maxSizeMB === 'number' ? field.options.maxSizeMB : undefined;
    const fieldMax = fieldMaxMB === undefined ? Infinity : Math.floor(fieldMaxMB * MB);
    const incoming = await readUpload(Math.min(serverMax, fieldMax)).catch((error: unknown) => {
      if (!(error instanceof UploadTooLargeError)) throw error;
      if (field && fieldMax < serverMax) {
        throw validationFailed([issue(['file'], { ok: false, code: 'too_big', message: `The file is larger than ${fieldMaxMB} MB, the limit of this field`, params: { max: `${fieldMaxMB} MB`, maxSizeMB: fieldMaxMB! } })]);
      }
      throw new ApiError(413, 'FILE_TOO_LARGE', `The file is larger than ${this.settings.maxUploadMB} MB, the largest upload accepted`, { maxSizeMB: this.settings.maxUploadMB });
    });

    const name = cleanFileName(incoming.fileName);
    const declared = declaredMime(incoming.mime);
    const image = await inspectImage(incoming.bytes);
    const mustBeImage = RASTER_CLAIM.test(declared) || RASTER_EXTENSION.test(name) || (field !== null && IMAGE_TYPES.has(field.type));
    if (!image && mustBeImage) {
      throw validationFailed([{ path: ['file'], code: 'not_an_image', message: `${name} is not a readable image (JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIF)` }]);
    }
    const ref: FileRef = { id: uuidV7(), name, size: incoming.bytes.length, mime: image?.mime ?? declared };
    if (field) this.checkAgainstFieldOrThrow(field, ref);

    const storageKey = ref.id;
    const thumbKey = image ? `${ref.id}.thumb` : null;
    try {
      await this.storage.put(storageKey, incoming.bytes, ref.mime);
      if (image && thumbKey) await this.storage.put(thumbKey, image.thumbnail, THUMBNAIL_MIME);
      await this.db.query(
        `INSERT INTO files (id, name, size, mime, storage_key, thumb_key, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [ref.id, ref.name, ref.size, ref.mime, storageKey, thumbKey, user.id, this.clock.now()]);
    } catch (error) {
      await Promise.all([storageKey, thumbKey].filter((key): key is string => key !== null).map((key) => this.storage.delete(key).catch(() => undefined)));
      throw error;
    }
    return { ...ref, url: `/api/files/${ref.id}` };
  }

  /**
   * The bytes of a file (or its thumbnail) for GET /api/files/:id. Its uploader may read it while no
   * record holds it; afterwards whoever may read one of the records holding it, in a field they see
   * unmasked on that record (a field hidden from them keeps its files closed). Anyone else, and any
   * id that is not a file, gets 404 FILE_NOT_FOUND (no hint that the file exists).
   */
  async openOrThrow(user: RequestUser, id: string, thumbnail: boolean, access: Pick<RecordAccess, 'canReadField'>): Promise<FileDownload> {
    if (!isUuid(id)) throw fileNotFound();
    const file = await this.db.one<FileRow>(`SELECT id, name, size, mime, storage_key, thumb_key, created_by FROM files WHERE id = $1`, [id]);
    if (!file || !(await this.mayRead(user, file, access))) throw fileNotFound();
    if (thumbnail && !file.thumb_key) throw fileNotFound();
    const key = thumbnail ? file.thumb_key! : file.storage_key;
    const body = await this.storage.get(key).catch((error: unknown) => {
      if (!(error instanceof FileMissingError)) throw error;
      this.logger.warn(`File ${file.id} is recorded but its bytes are missing from the storage (${key})`);
      throw fileNotFound();
    });
    return {
      body,
      name: file.name,
      mime: thumbnail ? THUMBNAIL_MIME : file.mime,
      size: thumbnail ? null : file.size,
      inline: file.thumb_key !== null,
    };
  }

  /**
   * A new upload of this user holding the same bytes as file `id`, for an import that names files of
   * other records (an export's file cells): the copy is the importer's until the imported record claims
   * it. Only a file the user may download is copied; otherwise (or for an id that is no file) null.
   */
  /** What copyReadable would copy, without copying (for an import's dry run). */
  async describeReadable(user: RequestUser, id: string, access: Pick<RecordAccess, 'canReadField'>): Promise<FileRef | null> {
    if (!isUuid(id)) return null;
    const file = await this.db.one<FileRow>(`SELECT id, name, size, mime, storage_key, thumb_key, created_by FROM files WHERE id = $1`, [id.toLowerCase()]);
    return file && (await this.mayRead(user, file, access)) ? { id: file.id, name: file.name, size: Number(file.size), mime: file.mime } : null;
  }

  async copyReadable(user: RequestUser, id: string, access: Pick<RecordAccess, 'canReadField'>): Promise<FileRef | null> {
    if (!isUuid(id)) return null;
    const file = await this.db.one<FileRow>(`SELECT id, name, size, mime, storage_key, thumb_key, created_by FROM files WHERE id = $1`, [id.toLowerCase()]);
    if (!file || !(await this.mayRead(user, file, access))) return null;
    const ref: FileRef = { id: uuidV7(), name: file.name, size: Number(file.size), mime: file.mime };
    const thumbKey = file.thumb_key ? `${ref.id}.thumb` : null;
    try {
      await this.storage.put(ref.id, await readAll(await this.storage.get(file.storage_key)), ref.mime);
      if (file.thumb_key && thumbKey) await this.storage.put(thumbKey, await readAll(await this.storage.get(file.thumb_key)), THUMBNAIL_MIME);
      await this.db.query(
        `INSERT INTO files (id, name, size, mime, storage_key, thumb_key, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [ref.id, ref.name, ref.size, ref.mime, ref.id, thumbKey, user.id, this.clock.now()]);
    } catch (error) {
      await Promise.all([ref.id, thumbKey].filter((key): key is string => key !== null).map((key) => this.storage.delete(key).catch(() => undefined)));
      if (error instanceof FileMissingError) return null;
      throw error;
    }
    return ref;
  }

  /**
   * For a record write, inside its transaction: checks the refs sent for one file field and gives them
   * back as stored (name, size and mime from the upload, not from the client). Each file must exist and
   * be either uploaded by this user and held by no record yet, or held by this record already
   * (`recordId` null on create). The field's limits (maxCount, maxSizeMB, accept) apply to the stored
   * values. Refusal: 400 VALIDATION_FAILED with issues at [fieldKey, index]. Locks the files' rows
   * until the transaction ends, so that two records cannot both claim one new upload.
   */
  async resolveRefsOrThrow(q: Queryable, user: RequestUser, formId: string, recordId: string | null, field: FieldDefinition, refs: FileRef[]): Promise<FileRef[]> {
    if (refs.length === 0) return [];
    const unusable = (index: number, ref: FileRef) => ({
      path: [field.key, index],
      code: 'file_not_found',
      message: `File ${ref.id} does not exist or cannot be used here (upload it again)`,
    });
    const ids = [...new Set(refs.map((ref) => ref.id).filter(isUuid).map((id) => id.toLowerCase()))];
    // Lock first, then read the holders with a fresh snapshot: a concurrent claim is seen once it commits.
    await q.query(`SELECT id FROM files WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE`, [ids]);
    const rows = await q.query<FileRow & { held_here: boolean; held_elsewhere: boolean }>(
      `SELECT f.id, f.name, f.size, f.mime, f.created_by,
              EXISTS (SELECT 1 FROM file_holders h WHERE h.file_id = f.id AND h.form_id = $2 AND h.record_id = $3::uuid) AS held_here,
              EXISTS (SELECT 1 FROM file_holders h WHERE h.file_id = f.id AND (h.form_id, h.record_id) IS DISTINCT FROM ($2::uuid, $3::uuid)) AS held_elsewhere
         FROM files f WHERE f.id = ANY($1::uuid[])`,
      [ids, formId, recordId]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const issues: ReturnType<typeof unusable>[] = [];
    const resolved: FileRef[] = [];
    refs.forEach((ref, index) => {
      const row = isUuid(ref.id) ? byId.get(ref.id.toLowerCase()) : undefined;
      const usable = row && (row.held_here || (row.created_by === user.id && !row.held_elsewhere));
      if (!row || !usable) issues.push(unusable(index, ref));
      else if (!resolved.some((kept) => kept.id === row.id)) resolved.push({ id: row.id, name: row.name, size: Number(row.size), mime: row.mime });
    });
    if (issues.length) throw validationFailed(issues);
    const checked = fieldTypeFor(field)?.coerce(asValue(field, resolved), field);
    if (checked && !checked.ok) {
      throw validationFailed([issue([field.key, ...(checked.path ?? [])], checked)]);
    }
    return resolved;
  }

  /**
   * For a record write, inside its transaction: makes the record the holder of exactly these files in
   * the fields named (rows of fields not named are left alone, so an update passes the fields it
   * wrote; pass `[]` for a field that no longer holds files).
   */
  async syncHolders(q: Queryable, formId: string, recordId: string, refsByField: Record<string, FileRef[]>): Promise<void> {
    const fieldKeys = Object.keys(refsByField);
    if (fieldKeys.length === 0) return;
    await q.query(`DELETE FROM file_holders WHERE form_id = $1 AND record_id = $2 AND field_key = ANY($3::text[])`, [formId, recordId, fieldKeys]);
    const fileIds: string[] = [];
    const keys: string[] = [];
    for (const [fieldKey, refs] of Object.entries(refsByField)) {
      for (const ref of refs) {
        fileIds.push(ref.id);
        keys.push(fieldKey);
      }
    }
    if (fileIds.length === 0) return;
    await q.query(
      `INSERT INTO file_holders (file_id, form_id, record_id, field_key)
       SELECT file_id, $1, $2, field_key FROM unnest($3::uuid[], $4::text[]) AS u(file_id, field_key)
       ON CONFLICT DO NOTHING`,
      [formId, recordId, fileIds, keys]);
  }

  private async mayRead(user: RequestUser, file: FileRow, access: Pick<RecordAccess, 'canReadField'>): Promise<boolean> {
    const holders = await this.db.query<{ app_key: string | null; form_key: string | null; record_id: string; field_key: string }>(
      `SELECT DISTINCT fo.app_key, fo.key AS form_key, h.record_id, h.field_key
         FROM file_holders h LEFT JOIN forms fo ON fo.id = h.form_id
        WHERE h.file_id = $1 LIMIT ${MAX_HOLDERS_CHECKED}`, [file.id]);
    if (holders.length === 0) return file.created_by === user.id;
    for (const holder of holders) {
      if (holder.app_key && holder.form_key && (await access.canReadField(holder.app_key, holder.form_key, holder.record_id, holder.field_key))) return true;
    }
    return false;
  }

  private async targetFieldOrThrow(target: UploadTarget, access: RecordAccess): Promise<FieldDefinition> {
    const field = findField(await access.fieldsOf(target.appKey, target.formKey), target.field);
    if (!field) throw new ApiError(400, 'UNKNOWN_FIELD', `The form has no field "${target.field}"`, { field: target.field });
    if (!FILE_TYPES.has(field.type)) {
      throw validationFailed([{ path: ['field'], code: 'invalid_type', message: `"${target.field}" is not an image, attachment or signature field` }]);
    }
    return field;
  }

  /** The same checks the form engine runs when a record holds the file, applied at upload already. */
  private checkAgainstFieldOrThrow(field: FieldDefinition, ref: FileRef): void {
    const checked = fieldTypeFor(field)?.coerce(asValue(field, [ref]), field);
    if (checked && !checked.ok) {
      throw validationFailed([issue(['file'], checked)]);
    }
  }
}
