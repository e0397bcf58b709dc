import type {} from '@fastify/multipart';
import type { FastifyRequest } from 'fastify';
import { ApiError, validationFailed } from '../common/api-error';

/** The part named `file` of a multipart upload, read into memory (sharp and the storages want the bytes). */
export type IncomingFile = { fileName: string; mime: string; bytes: Buffer };

/** More bytes than the limit given to readUploadOrThrow; the service says which limit that was. */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes`);
  }
}

function multipartError(error: unknown): unknown {
  const code = (error as { code?: string })?.code;
  if (code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') return notMultipart();
  if (typeof code === 'string' && code.startsWith('FST_')) {
    return validationFailed([{ path: ['file'], code: 'invalid_format', message: `The multipart body is not valid: ${(error as Error).message}` }]);
  }
  return error;
}

const notMultipart = () => new ApiError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the file as multipart/form-data, in a part named "file"');

/** Reads the upload of POST /api/files, refusing more than `maxBytes` with UploadTooLargeError. */
export async function readUploadOrThrow(req: FastifyRequest, maxBytes: number): Promise<IncomingFile> {
  if (!req.isMultipart()) throw notMultipart();
  const part = await req.file({ limits: { fileSize: maxBytes } }).catch((error: unknown) => {
    throw multipartError(error);
  });
  if (!part || part.fieldname !== 'file') {
    part?.file.resume();
    throw validationFailed([{ path: ['file'], code: 'required', message: 'Send the file in a multipart part named "file"' }]);
  }
  const bytes = await part.toBuffer().catch((error: unknown) => {
    throw (error as { code?: string })?.code === 'FST_REQ_FILE_TOO_LARGE' ? new UploadTooLargeError(maxBytes) : multipartError(error);
  });
  // Browsers (and fetch's FormData) send a double quote in a file name as %22 (HTML multipart encoding).
  return { fileName: part.filename.replace(/%22/g, '"'), mime: part.mimetype, bytes };
}
