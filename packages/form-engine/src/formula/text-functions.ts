import { valuesEqual } from './compare-formula-values';
import { FormulaDecimal } from './formula-decimal';
import { formulaError } from './formula-error';
import type { FormulaCallContext, FormulaFunction } from './formula-function';
import { formatFormulaText } from './format-formula-text';
import {
  checkTextLength,
  flattenValues,
  isBlank,
  isList,
  isNumber,
  parseNumericText,
  type FormulaValue,
} from './formula-value';
import { characters, integerArg, textArg } from './function-arguments';

function concatenate(args: FormulaValue[], context: FormulaCallContext): string {
  let length = 0;
  const parts: string[] = [];
  for (const value of flattenValues(args, context.charge)) {
    const text = textArg(value, context);
    length += text.length;
    checkTextLength(length, context.name);
    parts.push(text);
  }
  return parts.join('');
}

function concat(name: string): FormulaFunction {
  return {
    name,
    category: 'text',
    minArgs: 1,
    maxArgs: null,
    syntax: `${name}(text1, [text2], ...)`,
    description: { 'zh-CN': '连接文本；列表逐项连接', 'en-US': 'Joins text; lists item by item' },
    call: concatenate,
  };
}

/** Case folding that keeps one code point per code point, so positions stay comparable. */
function foldCase(text: string): string {
  return characters(text)
    .map((char) => {
      const lower = char.toLowerCase();
      return lower.length === char.length ? lower : char;
    })
    .join('');
}

/** The 1-based character position of `needle` in `haystack` from `start`, or 0 when it is absent. */
function position(needle: string, haystack: string, start: number, context: FormulaCallContext): FormulaDecimal {
  const chars = characters(haystack);
  if (start < 1 || start > chars.length + 1) formulaError(`${context.name}: start must be between 1 and the length of the text plus 1`);
  const rest = chars.slice(start - 1).join('');
  const index = rest.indexOf(needle);
  return new FormulaDecimal(index < 0 ? 0 : start + characters(rest.slice(0, index)).length);
}

function textTest(name: string, zh: string, en: string, test: (text: string, part: string) => boolean): FormulaFunction {
  return {
    name,
    category: 'text',
    minArgs: 2,
    maxArgs: 2,
    syntax: `${name}(text, part)`,
    description: { 'zh-CN': zh, 'en-US': en },
    call: ([text, part], context) => test(textArg(text, context), textArg(part, context)),
  };
}

function nonNegative(value: FormulaValue | undefined, context: FormulaCallContext, what: string, fallback?: number): number {
  const count = integerArg(value, context, what, fallback);
  if (count < 0) formulaError(`${context.name}: ${what} must not be negative`);
  return count;
}

export const textFunctions: FormulaFunction[] = [
  concat('CONCAT'),
  concat('CONCATENATE'),
  {
    name: 'LEFT',
    category: 'text',
    minArgs: 1,
    maxArgs: 2,
    syntax: 'LEFT(text, [count])',
    description: { 'zh-CN': '左起若干个字符（默认 1 个）', 'en-US': 'The first characters (default 1)' },
    call: ([text, count], context) => characters(textArg(text, context)).slice(0, nonNegative(count, context, 'count', 1)).join(''),
  },
  {
    name: 'RIGHT',
    category: 'text',
    minArgs: 1,
    maxArgs: 2,
    syntax: 'RIGHT(text, [count])',
    description: { 'zh-CN': '右起若干个字符（默认 1 个）', 'en-US': 'The last characters (default 1)' },
    call: ([text, count], context) => {
      const chars = characters(textArg(text, context));
      return chars.slice(Math.max(chars.length - nonNegative(count, context, 'count', 1), 0)).join('');
    },
  },
  {
    name: 'MID',
    category: 'text',
    minArgs: 3,
    maxArgs: 3,
    syntax: 'MID(text, start, count)',
    description: { 'zh-CN': '从第 start 个字符起取 count 个字符', 'en-US': 'count characters from position start (1-based)' },
    call: ([text, start, count], context) => {
      const from = integerArg(start, context, 'start');
      if (from < 1) formulaError(`${context.name}: start must be at least 1`);
      const chars = characters(textArg(text, context));
      return chars.slice(from - 1, from - 1 + nonNegative(count, context, 'count')).join('');
    },
  },
  {
    name: 'LEN',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'LEN(text)',
    description: { 'zh-CN': '字符数（汉字、表情各算 1 个）', 'en-US': 'The number of characters (a Chinese character or an emoji counts 1)' },
    call: ([text], context) => new FormulaDecimal(characters(textArg(text, context)).length),
  },
  {
    name: 'UPPER',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'UPPER(text)',
    description: { 'zh-CN': '转为大写', 'en-US': 'Upper case' },
    call: ([text], context) => textArg(text, context).toUpperCase(),
  },
  {
    name: 'LOWER',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'LOWER(text)',
    description: { 'zh-CN': '转为小写', 'en-US': 'Lower case' },
    call: ([text], context) => textArg(text, context).toLowerCase(),
  },
  {
    name: 'TRIM',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'TRIM(text)',
    description: { 'zh-CN': '去掉首尾空白，中间连续空白合并为一个空格', 'en-US': 'Removes leading and trailing spaces and collapses inner runs to one space' },
    call: ([text], context) => textArg(text, context).replace(/\s+/g, ' ').trim(),
  },
  {
    name: 'REPLACE',
    category: 'text',
    minArgs: 4,
    maxArgs: 4,
    syntax: 'REPLACE(text, start, count, new_text)',
    description: { 'zh-CN': '把从第 start 个字符起的 count 个字符替换为新文本', 'en-US': 'Replaces count characters from position start with new text' },
    call: ([text, start, count, replacement], context) => {
      const from = integerArg(start, context, 'start');
      if (from < 1) formulaError(`${context.name}: start must be at least 1`);
      const chars = characters(textArg(text, context));
      const inserted = textArg(replacement, context);
      checkTextLength(chars.length + inserted.length, context.name);
      const length = nonNegative(count, context, 'count');
      return chars.slice(0, from - 1).join('') + inserted + chars.slice(from - 1 + length).join('');
    },
  },
  {
    name: 'SUBSTITUTE',
    category: 'text',
    minArgs: 3,
    maxArgs: 4,
    syntax: 'SUBSTITUTE(text, old_text, new_text, [instance])',
    description: { 'zh-CN': '把文本中的旧文本替换为新文本（可只替换第 n 次出现）', 'en-US': 'Replaces old text with new text (or only its n-th occurrence)' },
    call: ([text, search, replacement, instance], context) => {
      const source = textArg(text, context);
      const old = textArg(search, context);
      const inserted = textArg(replacement, context);
      if (old === '') return source;
      const parts = source.split(old);
      if (instance === undefined) {
        checkTextLength(source.length + (parts.length - 1) * (inserted.length - old.length), context.name);
        return parts.join(inserted);
      }
      const nth = integerArg(instance, context, 'instance');
      if (nth < 1) formulaError(`${context.name}: instance must be at least 1`);
      if (nth >= parts.length) return source;
      checkTextLength(source.length + inserted.length, context.name);
      return parts.slice(0, nth).join(old) + inserted + parts.slice(nth).join(old);
    },
  },
  {
    name: 'SEARCH',
    category: 'text',
    minArgs: 2,
    maxArgs: 3,
    syntax: 'SEARCH(find_text, within_text, [start])',
    description: { 'zh-CN': '查找文本位置（不区分大小写），找不到为 0', 'en-US': 'Position of text, ignoring case; 0 when absent' },
    call: ([needle, haystack, start], context) =>
      position(foldCase(textArg(needle, context)), foldCase(textArg(haystack, context)), integerArg(start, context, 'start', 1), context),
  },
  {
    name: 'FIND',
    category: 'text',
    minArgs: 2,
    maxArgs: 3,
    syntax: 'FIND(find_text, within_text, [start])',
    description: { 'zh-CN': '查找文本位置（区分大小写），找不到为 0', 'en-US': 'Position of text, matching case; 0 when absent' },
    call: ([needle, haystack, start], context) =>
      position(textArg(needle, context), textArg(haystack, context), integerArg(start, context, 'start', 1), context),
  },
  {
    name: 'REPT',
    category: 'text',
    minArgs: 2,
    maxArgs: 2,
    syntax: 'REPT(text, times)',
    description: { 'zh-CN': '重复文本若干次', 'en-US': 'Repeats text a number of times' },
    call: ([text, times], context) => {
      const source = textArg(text, context);
      const count = nonNegative(times, context, 'times');
      checkTextLength(source.length * count, context.name);
      return source.repeat(count);
    },
  },
  {
    name: 'TEXT',
    category: 'text',
    minArgs: 2,
    maxArgs: 2,
    syntax: 'TEXT(value, pattern)',
    description: {
      'zh-CN': '按格式显示数字或日期，如 "#,##0.00"、"0%"、"YYYY-MM-DD"、"YYYY年M月D日"',
      'en-US': 'A number or date by a pattern such as "#,##0.00", "0%", "YYYY-MM-DD HH:mm"',
    },
    call: ([value, pattern], context) => formatFormulaText(value, textArg(pattern, context), context.timeZone, context.name),
  },
  {
    name: 'VALUE',
    category: 'text',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'VALUE(text)',
    description: { 'zh-CN': '把文本转为数字（可含千分位、%、¥）', 'en-US': 'The number in text (thousands separators, %, ¥ allowed)' },
    call: ([value], context) => {
      if (isBlank(value)) return null;
      if (isNumber(value)) return value;
      const text = textArg(value, context).trim();
      const percent = text.endsWith('%');
      const digits = (percent ? text.slice(0, -1) : text).replace(/^([+-]?)[¥￥$]/, '$1').replace(/,(?=\d{3}(?:\D|$))/g, '');
      const number = parseNumericText(digits);
      if (!number) return formulaError(`${context.name}: ${JSON.stringify(text.slice(0, 40))} is not a number`);
      return percent ? number.div(100) : number;
    },
  },
  {
    name: 'JOIN',
    category: 'text',
    minArgs: 1,
    maxArgs: 2,
    syntax: 'JOIN(list, [separator])',
    description: { 'zh-CN': '用分隔符（默认 ", "）连接列表中的非空值', 'en-US': 'Joins the non-empty items of a list with a separator (default ", ")' },
    call: ([list, separator], context) => {
      const glue = separator === undefined ? ', ' : textArg(separator, context);
      const items = flattenValues([list], context.charge).filter((item) => !isBlank(item));
      let length = 0;
      return items
        .map((item) => {
          const text = textArg(item, context);
          length += text.length + glue.length;
          checkTextLength(length, context.name);
          return text;
        })
        .join(glue);
    },
  },
  {
    name: 'CONTAINS',
    category: 'text',
    minArgs: 2,
    maxArgs: 2,
    syntax: 'CONTAINS(text_or_list, value)',
    description: { 'zh-CN': '文本是否包含另一段文本（区分大小写）；列表是否含有该值', 'en-US': 'Whether text contains other text (matching case), or a list holds a value' },
    call: ([container, part], context) => {
      if (isList(container)) {
        context.charge(container.length);
        return container.some((item) => valuesEqual(item, part, context.timeZone));
      }
      return textArg(container, context).includes(textArg(part, context));
    },
  },
  textTest('STARTSWITH', '文本是否以某段文本开头（区分大小写）', 'Whether text starts with other text (matching case)', (text, part) => text.startsWith(part)),
  textTest('ENDSWITH', '文本是否以某段文本结尾（区分大小写）', 'Whether text ends with other text (matching case)', (text, part) => text.endsWith(part)),
];
