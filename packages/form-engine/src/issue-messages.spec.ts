import { ISSUE_MESSAGES, translateIssue } from './issue-messages';

describe('translateIssue', () => {
  it.each<[{ code: string; message: string; params?: Record<string, string | number> }, string, string]>([
    [{ code: 'required', message: 'name is required' }, '必填', 'Required'],
    [{ code: 'too_long', message: 'x', params: { max: 500 } }, '不能超过 500 个字符', 'Must be at most 500 characters'],
    [{ code: 'too_small', message: 'x', params: { min: 0 } }, '不能小于 0', 'Must be at least 0'],
    [{ code: 'too_many', message: 'x', params: { max: 3 } }, '最多选择 3 项', 'Choose at most 3'],
    [{ code: 'something_new', message: 'as the engine said' }, 'as the engine said', 'as the engine said'],
    [{ code: 'too_long', message: 'x' }, '不能超过 {max} 个字符', 'Must be at most {max} characters'],
    [{ code: 'range_too_long', message: 'x', params: { max: 7 } }, '区间最多 7 天', 'Must span at most 7 days'],
    [{ code: 'formula_syntax', message: 'x', params: { position: 4, character: 5 } }, '公式语法错误（第 5 个字符附近）', 'Formula syntax error (near character 5)'],
    [{ code: 'formula_cycle', message: 'x', params: { cycle: 'a -> b -> a' } }, '公式存在循环引用：a -> b -> a', 'The formula refers to itself: a -> b -> a'],
  ])('%p', (issue, zh, en) => {
    expect(translateIssue(issue, 'zh-CN')).toBe(zh);
    expect(translateIssue(issue, 'en-US')).toBe(en);
  });

  it('has both languages for every code the engine emits', () => {
    for (const code of ['required', 'too_long', 'too_short', 'too_small', 'too_big', 'too_few', 'too_many', 'invalid_type', 'invalid_option', 'invalid_format', 'unknown_field', 'read_only', 'stage_gate', 'unsupported_type',
      'invalid_range', 'range_too_short', 'range_too_long', 'not_leaf', 'too_large', 'tree_too_large', 'duplicate_tab_field', 'formula_syntax',
      'formula_unknown_field', 'formula_unknown_function', 'formula_arity', 'formula_too_long', 'formula_too_complex', 'formula_cycle']) {
      expect(ISSUE_MESSAGES[code]?.['zh-CN']).toMatch(/\S/);
      expect(ISSUE_MESSAGES[code]?.['en-US']).toMatch(/\S/);
    }
  });
});
