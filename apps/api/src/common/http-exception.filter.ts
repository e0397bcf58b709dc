import { ArgumentsHost, Catch, HttpException, Logger, NotFoundException, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { uniqueViolationFieldKey } from '../metadata/form-ddl';
import { ApiError } from './api-error';

type ErrorBody = { code: string; message: string; details?: Record<string, unknown> };

const STATUS_CODES: Record<number, string> = {
  400: 'BAD_REQUEST', 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED',
  409: 'CONFLICT', 413: 'PAYLOAD_TOO_LARGE', 415: 'UNSUPPORTED_MEDIA_TYPE', 429: 'RATE_LIMITED',
};

/**
 * The one place errors become HTTP answers: {"code","message","details"}. A caller's mistake is a 4xx
 * with a code; only a fault of ours is a 500, logged with its stack and answered without internals.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');
  /** The web app's index.html, served for unknown non-API GET paths (client-side routes). */
  static spaIndex: Buffer | null = null;

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const req = host.switchToHttp().getRequest<FastifyRequest>();
    if (HttpExceptionFilter.spaIndex && error instanceof NotFoundException && req.method === 'GET' && !req.url.startsWith('/api')) {
      reply.status(200).type('text/html; charset=utf-8').send(HttpExceptionFilter.spaIndex);
      return;
    }
    const [status, body] = this.describe(error);
    if (status >= 500) this.logger.error(error instanceof Error ? error.stack ?? error.message : String(error));
    if (status === 429 && body.details?.retryAfterSeconds) reply.header('Retry-After', String(body.details.retryAfterSeconds));
    reply.status(status).send(body);
  }

  describe(error: unknown): [number, ErrorBody] {
    if (error instanceof ApiError) {
      return [error.status, { code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) }];
    }
    const e = error as { code?: string; statusCode?: number; message?: string; status?: number };
    // Fastify's own errors: body parsing, size limits, content types.
    if (typeof e?.code === 'string' && e.code.startsWith('FST_')) {
      if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || /JSON/i.test(e.message ?? '')) {
        return [400, { code: 'INVALID_JSON', message: 'The body is not valid JSON' }];
      }
      if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return [413, { code: 'PAYLOAD_TOO_LARGE', message: 'The body is larger than the limit of 2 MB' }];
      if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return [415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Send JSON (Content-Type: application/json)' }];
      const status = e.statusCode && e.statusCode >= 400 && e.statusCode < 500 ? e.statusCode : 400;
      return [status, { code: STATUS_CODES[status] ?? 'BAD_REQUEST', message: e.message ?? 'Bad request' }];
    }
    if (e instanceof SyntaxError || (e as { type?: string })?.type === 'entity.parse.failed') {
      return [400, { code: 'INVALID_JSON', message: 'The body is not valid JSON' }];
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      if (status === 404) return [404, { code: 'NOT_FOUND', message: 'Not found' }];
      if (status === 413) return [413, { code: 'PAYLOAD_TOO_LARGE', message: 'The body is larger than the limit of 2 MB' }];
      if (status === 400 && /not valid JSON|JSON/i.test(error.message)) return [400, { code: 'INVALID_JSON', message: 'The body is not valid JSON' }];
      return [status, { code: STATUS_CODES[status] ?? (status < 500 ? 'BAD_REQUEST' : 'INTERNAL'), message: error.message }];
    }
    // PostgreSQL errors that reach here mean a value slipped past validation; never a 500 for those.
    if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      if (e.code === '23505') {
        // A field's unique index names the field (VALUES.md: a unique clash names it); the records service adds its label.
        const field = uniqueViolationFieldKey(error);
        if (field) return [409, { code: 'UNIQUE_VIOLATION', message: `Another record already has this value in ${field}`, details: { field } }];
        return [409, { code: 'UNIQUE_VIOLATION', message: 'A record with this value exists already' }];
      }
      if (e.code === '40001' || e.code === '40P01') return [409, { code: 'CONFLICT', message: 'A concurrent change got in the way; try again' }];
      if (e.code === '55P03') return [409, { code: 'LOCKED', message: 'The table is busy with a change; try again shortly' }];
      if (e.code.startsWith('22')) return [400, { code: 'VALIDATION_FAILED', message: 'A value is not valid for its field' }];
      // An index entry over PostgreSQL's limit (about 2,700 bytes): a very long value in a unique field.
      if (e.code === '54000' && /index row/i.test(String(e.message))) {
        return [400, { code: 'VALUE_TOO_LONG', message: 'A value is too long for a field that must be unique (at most about 2,700 bytes)' }];
      }
    }
    if (typeof e?.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
      return [e.statusCode, { code: STATUS_CODES[e.statusCode] ?? 'BAD_REQUEST', message: e.message ?? 'Bad request' }];
    }
    return [500, { code: 'INTERNAL', message: 'Something went wrong on our side; it has been logged' }];
  }
}
