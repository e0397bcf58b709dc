import type { DisplayLocale } from '../field-type-definition';

type Message = { 'zh-CN': string; 'en-US': string };

/** Why a cell could not be read, in the importing user's language; `{value}` is the cell's text. */
export const IMPORT_MESSAGES = {
  not_importable: { 'zh-CN': '该字段不能导入', 'en-US': 'This field cannot be imported' },
  number: { 'zh-CN': '“{value}”不是有效的数字', 'en-US': '"{value}" is not a number' },
  date: { 'zh-CN': '“{value}”不是有效的日期（如 2024-05-01 或 2024/5/1）', 'en-US': '"{value}" is not a date (e.g. 2024-05-01 or 2024/5/1)' },
  datetime: { 'zh-CN': '“{value}”不是有效的日期时间（如 2024-05-01 09:30）', 'en-US': '"{value}" is not a date and time (e.g. 2024-05-01 09:30)' },
  time: { 'zh-CN': '“{value}”不是有效的时间（如 09:30）', 'en-US': '"{value}" is not a time (e.g. 09:30)' },
  dateRange: { 'zh-CN': '“{value}”不是有效的日期区间（如 2024-05-01 至 2024-05-31）', 'en-US': '"{value}" is not a date range (e.g. 2024-05-01 to 2024-05-31)' },
  boolean: { 'zh-CN': '“{value}”应为 是 或 否', 'en-US': '"{value}" must be yes or no' },
  option: { 'zh-CN': '“{value}”不是可选的选项', 'en-US': '"{value}" is not one of the options' },
  path: { 'zh-CN': '“{value}”不是可选的级联路径（如 浙江 / 杭州）', 'en-US': '"{value}" is not a path of the options (e.g. Zhejiang / Hangzhou)' },
  user: { 'zh-CN': '找不到成员“{value}”（请写 姓名 (用户名) 或用户名）', 'en-US': 'No user "{value}" (write "name (username)" or the username)' },
  department: { 'zh-CN': '找不到部门“{value}”（请写完整路径，如 总部/销售部）', 'en-US': 'No department "{value}" (write its full path, e.g. HQ/Sales)' },
  record: { 'zh-CN': '找不到记录“{value}”（请写记录标题或 ID）', 'en-US': 'No record "{value}" (write its title or id)' },
  location: { 'zh-CN': '“{value}”不是有效的定位（如 经度 120.1，纬度 30.2）', 'en-US': '"{value}" is not a location (e.g. lng 120.1, lat 30.2)' },
  json: { 'zh-CN': '“{value}”不是该字段可接受的值', 'en-US': '"{value}" is not a value this field accepts' },
} as const satisfies Record<string, Message>;

export type ImportMessageKey = keyof typeof IMPORT_MESSAGES;

/** The message with the cell's text in it (cut to 100 characters). */
export function importMessage(key: ImportMessageKey, locale: DisplayLocale, value = ''): string {
  const shown = [...value].length > 100 ? `${[...value].slice(0, 100).join('')}…` : value;
  return IMPORT_MESSAGES[key][locale].replace('{value}', shown);
}
