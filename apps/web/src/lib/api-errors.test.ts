import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import type { FieldDefinition } from '@platform/schema';
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

  it('says which row and column of a sub-form an issue is in, in the user\'s language', () => {
    const fields: FieldDefinition[] = [
      { key: 'title', type: 'text', label: '标题' },
      { key: 'lines', type: 'subForm', label: '明细', options: { fields: [{ key: 'qty', type: 'number', label: { 'zh-CN': '数量', 'en-US': 'Qty' } }] } },
      { key: 'tags', type: 'multiSelect', label: '标签' },
    ];
    const error = new ApiError(400, 'VALIDATION_FAILED', 'invalid', {
      issues: [
        { path: ['lines', 1, 'qty'], code: 'required', message: 'qty is required' },
        { path: ['lines', 0, 'gone'], code: 'weird', message: 'odd' },
        { path: ['tags', 2, 'x'], code: 'invalid_option', message: 'not an option' },
      ],
    });
    const withValues = (key: string, fallback: string, values?: Record<string, string | number>) =>
      key === 'form.subForm.rowIssue' && values ? `第 ${values.row} 行“${values.label}”：${values.message}` : translate(key, fallback);
    const keys = new Set(['title', 'lines', 'tags']);
    expect(fieldErrorsFromApiError(error, keys, withValues, { fields, locale: 'zh-CN' }).fieldErrors).toEqual([
      { name: 'lines', errors: ['第 2 行“数量”：此项必填', '第 1 行“gone”：odd'] },
      // Only sub-forms have rows: other paths keep the plain message.
      { name: 'tags', errors: ['not an option'] },
    ]);
    // Without a translation of its own the English fallback reads the same.
    expect(fieldErrorsFromApiError(error, keys, translate, { fields, locale: 'en-US' }).fieldErrors[0].errors[0]).toBe('Row 2, “Qty”: 此项必填');
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
