import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { errorMessage, fieldErrorsFromApiError, issueMessage } from './api-errors';

const messages: Record<string, string> = {
  'errors.RATE_LIMITED': '尝试次数过多',
  'errors.UNAUTHENTICATED': '登录已失效',
  'issues.required': '此项必填',
  'issues.stage_gate': '进入该阶段前必须填写此项',
  'issues.unique': '该值已存在',
};
const translate = (key: string, fallback: string) => messages[key] ?? fallback;

describe('api error messages', () => {
  it('maps known codes to the locale message and keeps the server text otherwise', () => {
    expect(errorMessage({ code: 'RATE_LIMITED', message: 'Too many' }, translate)).toBe('尝试次数过多');
    expect(errorMessage({ code: 'SOMETHING_NEW', message: 'Server says' }, translate)).toBe('Server says');
  });

  it('translates issue codes, but shows a rule message as written', () => {
    expect(issueMessage({ code: 'required', message: 'Required' }, translate)).toBe('此项必填');
    expect(issueMessage({ code: 'rule', message: '折扣不能超过 30%' }, translate)).toBe('折扣不能超过 30%');
    expect(issueMessage({ code: 'weird', message: 'odd' }, translate)).toBe('odd');
  });

  it('puts issues on their fields and the rest on the form', () => {
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid', {
      issues: [
        { path: ['budget'], code: 'stage_gate', message: 'budget needed' },
        { path: ['name'], code: 'required', message: 'name required' },
        { path: ['lines', 2, 'qty'], code: 'too_small', message: 'qty too small' },
        { path: [], code: 'rule', message: '整单校验失败' },
      ],
    });
    const result = fieldErrorsFromApiError(error, new Set(['budget', 'name']), translate);
    expect(result.fieldErrors).toEqual([
      { name: 'budget', errors: ['进入该阶段前必须填写此项'] },
      { name: 'name', errors: ['此项必填'] },
    ]);
    expect(result.formMessages).toEqual(['qty too small', '整单校验失败']);
  });

  it('puts a unique clash on the field it names', () => {
    const error = new ApiError(409, 'UNIQUE_VIOLATION', 'dup', { field: 'email' });
    expect(fieldErrorsFromApiError(error, new Set(['email']), translate).fieldErrors).toEqual([{ name: 'email', errors: ['该值已存在'] }]);
  });

  it('falls back to one form message', () => {
    const error = new ApiError(401, 'UNAUTHENTICATED', 'no');
    expect(fieldErrorsFromApiError(error, new Set(), translate)).toEqual({ fieldErrors: [], formMessages: ['登录已失效'] });
  });
});
