import { describe, expect, it } from 'vitest';
import i18n from 'i18next';
import { publishErrorText } from './publish-error';
import type { Translate } from '../api-errors';

const translate: Translate = (key, fallback, values) => i18n.t(key, { defaultValue: fallback, ...values });

describe('publishErrorText', () => {
  const uniqueConflict = {
    code: 'VALIDATION_FAILED',
    message: 'member: 3 records share 1 value of Code ("A-1"); change them before making the field unique',
    details: {
      form: 'member',
      issues: [{ path: ['fields', 0, 'options', 'unique'], code: 'unique_conflict', message: '3 records share 1 value of Code ("A-1")', params: { field: 'code', values: '"A-1"', sharedValues: 1, records: 3 } }],
    },
  };

  it('words a form refused by the engine in the user language, with the form named', () => {
    const zh = publishErrorText(uniqueConflict, translate, 'zh-CN');
    expect(zh).toMatch(/^member 无法发布：/);
    expect(zh).toContain('"A-1"');
    expect(zh).not.toContain('records share');
    expect(publishErrorText(uniqueConflict, translate, 'en-US')).toContain('"A-1"');
  });

  it('names a stale draft, and falls back to the message of the error code for other refusals', () => {
    expect(publishErrorText({ code: 'DRAFT_STALE', message: 'x', details: { form: 'member' } }, translate, 'zh-CN')).toContain('表单 member 在草稿保存后被他人修改过');
    expect(publishErrorText({ code: 'VALIDATION_FAILED', message: 'member: bad', details: { form: 'member', issues: [{ code: 'who_knows', message: 'bad' }] } }, translate, 'zh-CN'))
      .toBe('member 无法发布：提交的数据有误，请检查后重试');
    expect(publishErrorText({ code: 'FORBIDDEN', message: 'Only administrators can change apps' }, translate, 'zh-CN')).not.toBe('');
  });
});
