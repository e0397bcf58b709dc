import { ISSUE_MESSAGES, translateIssue } from './issue-messages';

describe('translateIssue', () => {
  it.each<[{ code: string; message: string; params?: Record<string, string | number> }, string, string]>([
    [{ code: 'required', message: 'name is required' }, '必填', 'Required'],
    [{ code: 'too_long', message: 'x', params: { max: 500 } }, '不能超过 500 个字符', 'Must be at most 500 characters'],
    [{ code: 'too_small', message: 'x', params: { min: 0 } }, '不能小于 0', 'Must be at least 0'],
    [{ code: 'too_many', message: 'x', params: { max: 3 } }, '最多选择 3 项', 'Choose at most 3'],
    [{ code: 'something_new', message: 'as the engine said' }, 'as the engine said', 'as the engine said'],
    [{ code: 'too_long', message: 'x' }, '不能超过 {max} 个字符', 'Must be at most {max} characters'],
  ])('%p', (issue, zh, en) => {
    expect(translateIssue(issue, 'zh-CN')).toBe(zh);
    expect(translateIssue(issue, 'en-US')).toBe(en);
  });

  it('has both languages for every code the engine emits', () => {
    for (const code of ['required', 'too_long', 'too_short', 'too_small', 'too_big', 'too_few', 'too_many', 'invalid_type', 'invalid_option', 'invalid_format', 'unknown_field', 'read_only', 'stage_gate', 'unsupported_type']) {
      expect(ISSUE_MESSAGES[code]?.['zh-CN']).toMatch(/\S/);
      expect(ISSUE_MESSAGES[code]?.['en-US']).toMatch(/\S/);
    }
  });
});
