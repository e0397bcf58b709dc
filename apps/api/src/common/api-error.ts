/**
 * An error the caller can act on: an HTTP status, a stable UPPER_SNAKE code, a message, details.
 * Services throw it; the global filter turns it into {"code","message","details"}.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}

export const notFound = (what = 'Not found') => new ApiError(404, 'NOT_FOUND', what);
export const forbidden = (message = 'You are not allowed to do this') => new ApiError(403, 'FORBIDDEN', message);
export const unauthenticated = (message = 'Sign in first') => new ApiError(401, 'UNAUTHENTICATED', message);
export const validationFailed = (issues: { path: (string | number)[]; code: string; message: string }[], message = 'Some values are not valid') =>
  new ApiError(400, 'VALIDATION_FAILED', message, { issues });
