import { validationFailed } from './api-error';

/** Bodies are parsed JSON; this narrows them and refuses anything that is not an object. */
export function objectBody(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw validationFailed([{ path: [], code: 'invalid_type', message: 'The body must be a JSON object' }]);
  }
  return body as Record<string, unknown>;
}

export function stringField(body: Record<string, unknown>, key: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) {
    if (opts.required) throw validationFailed([{ path: [key], code: 'required', message: `${key} is required` }]);
    return undefined;
  }
  if (typeof v !== 'string') throw validationFailed([{ path: [key], code: 'invalid_type', message: `${key} must be a string` }]);
  if (opts.required && v.trim() === '') throw validationFailed([{ path: [key], code: 'required', message: `${key} is required` }]);
  if (opts.max && v.length > opts.max) throw validationFailed([{ path: [key], code: 'too_long', message: `${key} is longer than ${opts.max} characters` }]);
  return v;
}
