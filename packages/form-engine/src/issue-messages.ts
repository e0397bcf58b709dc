import type { DisplayLocale } from './field-type-definition';

/**
 * Message templates by issue code, for the UI to show issues in the user's language.
 * `{name}` is replaced by `issue.params['name.<locale>']` when present (a label in that language), else by
 * `issue.params.name`. Record issues and form-definition issues share the table.
 */
export const ISSUE_MESSAGES: Readonly<Record<string, { 'zh-CN': string; 'en-US': string }>> = {
  required: { 'zh-CN': '必填', 'en-US': 'Required' },
  too_long: { 'zh-CN': '不能超过 {max} 个字符', 'en-US': 'Must be at most {max} characters' },
  too_short: { 'zh-CN': '至少需要 {min} 个字符', 'en-US': 'Must be at least {min} characters' },
  too_small: { 'zh-CN': '不能小于 {min}', 'en-US': 'Must be at least {min}' },
  too_big: { 'zh-CN': '不能大于 {max}', 'en-US': 'Must be at most {max}' },
  too_few: { 'zh-CN': '至少选择 {min} 项', 'en-US': 'Choose at least {min}' },
  too_many: { 'zh-CN': '最多选择 {max} 项', 'en-US': 'Choose at most {max}' },
  invalid_type: { 'zh-CN': '值的类型不正确', 'en-US': 'Wrong type of value' },
  invalid_option: { 'zh-CN': '不是可选的选项', 'en-US': 'Not one of the options' },
  invalid_format: { 'zh-CN': '格式不正确', 'en-US': 'Invalid format' },
  unknown_field: { 'zh-CN': '字段不存在', 'en-US': 'Unknown field' },
  read_only: { 'zh-CN': '该字段为只读，由系统计算', 'en-US': 'Read-only: computed by the system' },
  stage_gate: { 'zh-CN': '进入阶段“{stageLabel}”前必须填写', 'en-US': 'Required before entering stage "{stageLabel}"' },
  unsupported_type: { 'zh-CN': '暂不支持该字段类型', 'en-US': 'This field type is not supported yet' },
  duplicate_key: { 'zh-CN': '标识重复', 'en-US': 'Duplicate key' },
  reserved_key: { 'zh-CN': '该标识为系统保留', 'en-US': 'This key is reserved' },
  invalid_reference: { 'zh-CN': '引用的字段不存在或类型不符', 'en-US': 'Refers to a missing field or one of the wrong type' },
  invalid_default: { 'zh-CN': '默认值无效', 'en-US': 'Invalid default value' },
  invalid_range: { 'zh-CN': '最小值不能大于最大值', 'en-US': 'The minimum must not exceed the maximum' },
  invalid_pattern: { 'zh-CN': '正则表达式无效', 'en-US': 'Invalid regular expression' },
};

/** An issue's message in a locale from its code and params; the issue's own message when the code is unknown. */
export function translateIssue(
  issue: { code: string; message: string; params?: Record<string, string | number> },
  locale: DisplayLocale,
): string {
  const template = ISSUE_MESSAGES[issue.code]?.[locale];
  if (template === undefined) return issue.message;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = issue.params?.[`${name}.${locale}`] ?? issue.params?.[name];
    return value === undefined ? whole : String(value);
  });
}
