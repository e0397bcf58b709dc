import { valuesEqual } from './compare-formula-values';
import { FormulaError } from './formula-error';
import type { FormulaCallContext, FormulaFunction, LazyArgument } from './formula-function';
import { flattenValues, isBlank, isList, isNumber, toBoolean } from './formula-value';

/** The truth values of AND/OR/XOR arguments, one at a time: a list gives its non-empty items. */
function* truths(args: LazyArgument[], context: FormulaCallContext): Generator<boolean> {
  for (const arg of args) {
    const value = arg();
    if (isList(value)) {
      for (const item of flattenValues([value], context.charge)) {
        if (!isBlank(item)) yield toBoolean(item, context.name);
      }
    } else {
      yield toBoolean(value, context.name);
    }
  }
}

export const logicFunctions: FormulaFunction[] = [
  {
    name: 'IF',
    category: 'logic',
    minArgs: 2,
    maxArgs: 3,
    lazy: true,
    syntax: 'IF(condition, value_if_true, [value_if_false])',
    description: { 'zh-CN': '条件成立取第二个值，否则取第三个值（省略为空）', 'en-US': 'The second value when the condition holds, else the third (empty when omitted)' },
    call: ([condition, then, otherwise], context) =>
      toBoolean(condition(), context.name) ? then() : otherwise === undefined ? null : otherwise(),
  },
  {
    name: 'IFS',
    category: 'logic',
    minArgs: 2,
    maxArgs: null,
    evenArgs: true,
    lazy: true,
    syntax: 'IFS(condition1, value1, [condition2, value2], ...)',
    description: { 'zh-CN': '第一个成立的条件对应的值；都不成立为空', 'en-US': 'The value of the first condition that holds; empty when none does' },
    call: (args, context) => {
      for (let index = 0; index + 1 < args.length; index += 2) {
        if (toBoolean(args[index](), context.name)) return args[index + 1]();
      }
      return null;
    },
  },
  {
    name: 'AND',
    category: 'logic',
    minArgs: 1,
    maxArgs: null,
    lazy: true,
    syntax: 'AND(condition1, [condition2], ...)',
    description: { 'zh-CN': '所有条件都成立', 'en-US': 'Whether every condition holds' },
    call: (args, context) => {
      for (const truth of truths(args, context)) if (!truth) return false;
      return true;
    },
  },
  {
    name: 'OR',
    category: 'logic',
    minArgs: 1,
    maxArgs: null,
    lazy: true,
    syntax: 'OR(condition1, [condition2], ...)',
    description: { 'zh-CN': '至少一个条件成立', 'en-US': 'Whether any condition holds' },
    call: (args, context) => {
      for (const truth of truths(args, context)) if (truth) return true;
      return false;
    },
  },
  {
    name: 'NOT',
    category: 'logic',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'NOT(condition)',
    description: { 'zh-CN': '取反', 'en-US': 'The opposite' },
    call: ([value], context) => !toBoolean(value, context.name),
  },
  {
    name: 'XOR',
    category: 'logic',
    minArgs: 1,
    maxArgs: null,
    lazy: true,
    syntax: 'XOR(condition1, [condition2], ...)',
    description: { 'zh-CN': '成立的条件个数为奇数', 'en-US': 'Whether an odd number of conditions hold' },
    call: (args, context) => {
      let odd = false;
      for (const truth of truths(args, context)) if (truth) odd = !odd;
      return odd;
    },
  },
  {
    name: 'SWITCH',
    category: 'logic',
    minArgs: 3,
    maxArgs: null,
    lazy: true,
    syntax: 'SWITCH(value, case1, result1, [case2, result2], ..., [default])',
    description: { 'zh-CN': '值等于某个 case 时取对应结果，否则取默认值（省略为空）', 'en-US': 'The result of the first case equal to the value, else the default (empty when omitted)' },
    call: ([subject, ...rest], context) => {
      const value = subject();
      for (let index = 0; index + 1 < rest.length; index += 2) {
        if (valuesEqual(value, rest[index](), context.timeZone)) return rest[index + 1]();
      }
      return rest.length % 2 === 1 ? rest[rest.length - 1]() : null;
    },
  },
  {
    name: 'IFERROR',
    category: 'logic',
    minArgs: 2,
    maxArgs: 2,
    lazy: true,
    syntax: 'IFERROR(value, value_if_error)',
    description: { 'zh-CN': '计算出错（如除以零）时取第二个值', 'en-US': 'The second value when the first cannot be computed (division by zero...)' },
    call: ([value, fallback]) => {
      try {
        return value();
      } catch (error) {
        if (error instanceof FormulaError) return fallback();
        throw error;
      }
    },
  },
  {
    name: 'ISERROR',
    category: 'logic',
    minArgs: 1,
    maxArgs: 1,
    lazy: true,
    syntax: 'ISERROR(value)',
    description: { 'zh-CN': '计算是否出错', 'en-US': 'Whether the value cannot be computed' },
    call: ([value]) => {
      try {
        value();
        return false;
      } catch (error) {
        if (error instanceof FormulaError) return true;
        throw error;
      }
    },
  },
  {
    name: 'ISNUMBER',
    category: 'logic',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'ISNUMBER(value)',
    description: { 'zh-CN': '是否为数字（数字文本不算）', 'en-US': 'Whether the value is a number (numeric text is not)' },
    call: ([value]) => isNumber(value),
  },
  {
    name: 'ISTEXT',
    category: 'logic',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'ISTEXT(value)',
    description: { 'zh-CN': '是否为非空文本', 'en-US': 'Whether the value is non-empty text' },
    call: ([value]) => typeof value === 'string' && value !== '',
  },
  {
    name: 'ISBLANK',
    category: 'logic',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'ISBLANK(value)',
    description: { 'zh-CN': '是否为空（空值、空文本、空列表）', 'en-US': 'Whether the value is empty (null, empty text, empty list)' },
    call: ([value]) => isBlank(value),
  },
  {
    name: 'ISEMPTY',
    category: 'logic',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'ISEMPTY(value)',
    description: { 'zh-CN': '同 ISBLANK', 'en-US': 'Same as ISBLANK' },
    call: ([value]) => isBlank(value),
  },
  {
    name: 'TRUE',
    category: 'logic',
    minArgs: 0,
    maxArgs: 0,
    syntax: 'TRUE()',
    description: { 'zh-CN': '真', 'en-US': 'true' },
    call: () => true,
  },
  {
    name: 'FALSE',
    category: 'logic',
    minArgs: 0,
    maxArgs: 0,
    syntax: 'FALSE()',
    description: { 'zh-CN': '假', 'en-US': 'false' },
    call: () => false,
  },
];
