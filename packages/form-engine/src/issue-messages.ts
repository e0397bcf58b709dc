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
  invalid_condition: { 'zh-CN': '条件无效：字段不支持该比较，或引用了不存在的部分', 'en-US': 'Invalid condition: the field does not take this comparison, or the part does not exist' },
  read_only: { 'zh-CN': '该字段为只读，由系统计算', 'en-US': 'Read-only: computed by the system' },
  stage_gate: { 'zh-CN': '进入阶段“{stageLabel}”前必须填写', 'en-US': 'Required before entering stage "{stageLabel}"' },
  unsupported_type: { 'zh-CN': '暂不支持该字段类型', 'en-US': 'This field type is not supported yet' },
  duplicate_key: { 'zh-CN': '标识重复', 'en-US': 'Duplicate key' },
  reserved_key: { 'zh-CN': '该标识为系统保留', 'en-US': 'This key is reserved' },
  invalid_reference: { 'zh-CN': '引用的字段不存在或类型不符', 'en-US': 'Refers to a missing field or one of the wrong type' },
  invalid_default: { 'zh-CN': '默认值无效', 'en-US': 'Invalid default value' },
  invalid_range: { 'zh-CN': '开始（最小值）不能大于结束（最大值）', 'en-US': 'The start (minimum) must not be after the end (maximum)' },
  invalid_pattern: { 'zh-CN': '正则表达式无效', 'en-US': 'Invalid regular expression' },
  range_too_short: { 'zh-CN': '区间至少 {min} 天', 'en-US': 'Must span at least {min} days' },
  range_too_long: { 'zh-CN': '区间最多 {max} 天', 'en-US': 'Must span at most {max} days' },
  not_leaf: { 'zh-CN': '请选择到最后一级', 'en-US': 'Choose down to the last level' },
  too_large: { 'zh-CN': '内容不能超过 {maxKB} KB', 'en-US': 'Must be at most {maxKB} kB' },
  tree_too_large: { 'zh-CN': '选项不能超过 {max} 个', 'en-US': 'At most {max} options' },
  duplicate_tab_field: { 'zh-CN': '字段“{key}”已在其他标签页中', 'en-US': 'Field "{key}" is already in another tab' },
  formula_syntax: { 'zh-CN': '公式语法错误（第 {character} 个字符附近）', 'en-US': 'Formula syntax error (near character {character})' },
  formula_unknown_field: { 'zh-CN': '公式引用了不存在的字段“{key}”', 'en-US': 'The formula refers to an unknown field "{key}"' },
  formula_unknown_function: { 'zh-CN': '公式使用了未知函数 {name}', 'en-US': 'The formula uses an unknown function {name}' },
  formula_arity: { 'zh-CN': '函数 {name} 的参数个数不正确', 'en-US': 'Wrong number of arguments for {name}' },
  formula_too_long: { 'zh-CN': '公式过长', 'en-US': 'The formula is too long' },
  formula_too_complex: { 'zh-CN': '公式过于复杂', 'en-US': 'The formula is too complex' },
  formula_cycle: { 'zh-CN': '公式存在循环引用：{cycle}', 'en-US': 'The formula refers to itself: {cycle}' },
  formula_error: { 'zh-CN': '公式无法计算', 'en-US': 'The formula could not be computed' },
  duplicate: { 'zh-CN': '同一行出现了两次', 'en-US': 'The same row appears twice' },
  unknown_form: { 'zh-CN': '不是本应用的表单', 'en-US': 'Not a form of this app' },
  not_importable: { 'zh-CN': '该字段不能导入', 'en-US': 'This field cannot be imported' },
  // A form save that makes a field unique while live records share values in it (apps/api metadata).
  unique_conflict: {
    'zh-CN': '已有 {records} 条记录的值重复（如 {values}），请先修改这些记录，再设为不允许重复',
    'en-US': '{records} records share values (such as {values}): change them before making the field unique',
  },
  // Files (apps/api/src/files): uploads and the refs a record sends.
  file_not_found: { 'zh-CN': '文件不存在或不能在此使用，请重新上传', 'en-US': 'The file does not exist or cannot be used here: upload it again' },
  not_an_image: {
    'zh-CN': '不是可识别的图片（JPEG、PNG、WebP、GIF、AVIF、TIFF 或 HEIF）',
    'en-US': 'Not a readable image (JPEG, PNG, WebP, GIF, AVIF, TIFF or HEIF)',
  },
  // Options refused by their JSON Schema: `invalid_<keyword>` (validateFormDefinition), without params.
  invalid_key: {
    'zh-CN': '标识须以小写字母开头，只含小写字母、数字和下划线，最多 63 个字符',
    'en-US': 'A key starts with a lower-case letter and has only lower-case letters, digits and underscores (at most 63)',
  },
  invalid_enum: { 'zh-CN': '不是允许的取值', 'en-US': 'Not one of the allowed values' },
  invalid_const: { 'zh-CN': '不是允许的取值', 'en-US': 'Not the allowed value' },
  invalid_additionalProperties: { 'zh-CN': '不支持该设置项', 'en-US': 'This setting is not supported' },
  invalid_minimum: { 'zh-CN': '数值太小', 'en-US': 'The number is too small' },
  invalid_maximum: { 'zh-CN': '数值太大', 'en-US': 'The number is too large' },
  invalid_minLength: { 'zh-CN': '内容太短', 'en-US': 'The text is too short' },
  invalid_maxLength: { 'zh-CN': '内容太长', 'en-US': 'The text is too long' },
  invalid_minItems: { 'zh-CN': '项数太少', 'en-US': 'Too few items' },
  invalid_maxItems: { 'zh-CN': '项数太多', 'en-US': 'Too many items' },
  invalid_uniqueItems: { 'zh-CN': '有重复的项', 'en-US': 'Items appear twice' },
  invalid_exclusiveMinimum: { 'zh-CN': '数值太小', 'en-US': 'The number is too small' },
  invalid_exclusiveMaximum: { 'zh-CN': '数值太大', 'en-US': 'The number is too large' },
  invalid_minProperties: { 'zh-CN': '缺少设置项', 'en-US': 'A setting is missing' },
  invalid_oneOf: { 'zh-CN': '设置的形式不正确', 'en-US': 'The setting has the wrong form' },
  invalid_anyOf: { 'zh-CN': '设置的形式不正确', 'en-US': 'The setting has the wrong form' },
  conflicting_defaults: { 'zh-CN': '默认值、默认公式和默认来源只能设置一项（{options}）', 'en-US': 'Set only one of default, defaultFormula and defaultFrom ({options})' },
  default_cycle: { 'zh-CN': '默认值存在循环引用：{cycle}', 'en-US': 'The defaults read each other in a cycle: {cycle}' },
  invalid_default_source: { 'zh-CN': '默认来源“{source}”无效', 'en-US': 'Invalid default source "{source}"' },
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
