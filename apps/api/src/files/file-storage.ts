import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { S3Settings, Settings } from '../common/settings';

/** Where file bytes live. Keys are chosen by the server (from file ids), never from a client's file name. */
export type FileStorage = {
  put(key: string, body: Buffer, mime: string): Promise<void>;
  /** The bytes; a key that holds nothing rejects with FileMissingError. */
  get(key: string): Promise<Readable | Buffer>;
  /** Removing a key that holds nothing is not an error. */
  delete(key: string): Promise<void>;
};

export const FILE_STORAGE = Symbol('FILE_STORAGE');

export class FileMissingError extends Error {
  constructor(key: string) {
    super(`No stored file under "${key}"`);
  }
}

const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;

function checkKeyOrThrow(key: string): string {
  // Keys come from ids; this keeps a mistake from ever reaching outside the storage root.
  if (!KEY.test(key) || key.includes('..')) throw new Error(`Invalid storage key "${key}"`);
  return key;
}

/**
 * Files under `${DATA_DIR}/files`, spread over 256 folders (one folder of millions of entries is slow),
 * written to a temporary name and renamed so that a reader never sees half a file.
 */
export class LocalFileStorage implements FileStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    const folder = createHash('sha256').update(checkKeyOrThrow(key)).digest('hex').slice(0, 2);
    return path.join(this.root, folder, key);
  }

  async put(key: string, body: Buffer): Promise<void> {
    const target = this.pathOf(key);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const partial = `${target}.${randomBytes(6).toString('hex')}.partial`;
    try {
      await fs.promises.writeFile(partial, body, { flag: 'wx' });
      await fs.promises.rename(partial, target);
    } catch (error) {
      await fs.promises.rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Readable> {
    const handle = await fs.promises.open(this.pathOf(key), 'r').catch((error: NodeJS.ErrnoException) => {
      throw error.code === 'ENOENT' ? new FileMissingError(key) : error;
    });
    return handle.createReadStream();
  }

  async delete(key: string): Promise<void> {
    await fs.promises.rm(this.pathOf(key), { force: true });
  }
}

/** An S3 bucket, on AWS or any S3-compatible server (MinIO, Ceph, OSS, COS: set S3_ENDPOINT). */
export class S3FileStorage implements FileStorage {
  readonly client: S3Client;

  constructor(private readonly s3: S3Settings) {
    this.client = new S3Client({
      region: s3.region,
      endpoint: s3.endpoint,
      forcePathStyle: s3.forcePathStyle,
      credentials: s3.accessKeyId && s3.secretAccessKey ? { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey } : undefined,
      // Checksums only where S3 requires them: many S3-compatible servers reject the newer checksum headers.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  async put(key: string, body: Buffer, mime: string): Promise<void> {
    await this.client.send(new PutObjectCommand({ Bucket: this.s3.bucket, Key: checkKeyOrThrow(key), Body: body, ContentType: mime, ContentLength: body.length }));
  }

  async get(key: string): Promise<Readable | Buffer> {
    try {
      const answer = await this.client.send(new GetObjectCommand({ Bucket: this.s3.bucket, Key: checkKeyOrThrow(key) }));
      const body = answer.Body;
      if (body instanceof Readable) return body;
      if (!body) return Buffer.alloc(0);
      return Buffer.from(await body.transformToByteArray());
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') throw new FileMissingError(key);
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.s3.bucket, Key: checkKeyOrThrow(key) }));
  }
}

export function createFileStorage(settings: Settings): FileStorage {
  return settings.fileStorage === 's3' ? new S3FileStorage(settings.s3) : new LocalFileStorage(path.join(settings.dataDir, 'files'));
}
