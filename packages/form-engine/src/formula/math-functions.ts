import { groupThousands } from '../values/group-thousands';
import { checkNumber, divide, modulo, power } from './formula-arithmetic';
import { FormulaDecimal, ROUND_DOWN, ROUND_HALF_UP, ROUND_UP } from './formula-decimal';
import { formulaError } from './formula-error';
import type { FormulaCallContext, FormulaFunction } from './formula-function';
import { flattenValues, isBlank, isNumber, parseNumericText, toBoolean, ZERO, type FormulaValue } from './formula-value';
import { integerArg, numberArg, numbersOf } from './function-arguments';

type Rounding = typeof ROUND_HALF_UP | typeof ROUND_UP | typeof ROUND_DOWN;

/** Rounds at `digits` places; negative digits round left of the point (ROUND(1234, -2) = 1200). */
function roundAt(value: FormulaDecimal, digits: number, rounding: Rounding, context: FormulaCallContext): FormulaDecimal {
  if (digits < -100 || digits > 100) formulaError(`${context.name}: digits must be between -100 and 100`);
  if (digits >= 0) return value.toDecimalPlaces(digits, rounding);
  const scale = new FormulaDecimal(10).pow(-digits);
  return value.div(scale).toDecimalPlaces(0, rounding).times(scale);
}

function rounding(name: string, mode: Rounding, zh: string, en: string): FormulaFunction {
  return {
    name,
    category: 'math',
    minArgs: 1,
    maxArgs: 2,
    syntax: `${name}(number, [digits])`,
    description: { 'zh-CN': zh, 'en-US': en },
    call: ([value, digits], context) => roundAt(numberArg(value, context), integerArg(digits, context, 'digits', 0), mode, context),
  };
}

function extreme(values: FormulaDecimal[], pick: (a: FormulaDecimal, b: FormulaDecimal) => boolean): FormulaValue {
  if (values.length === 0) return null;
  return values.reduce((best, value) => (pick(value, best) ? value : best));
}

function sortedNumbers(args: FormulaValue[], context: FormulaCallContext): FormulaDecimal[] {
  const numbers = numbersOf(args, context);
  context.charge(numbers.length);
  return numbers.sort((a, b) => a.comparedTo(b));
}

function kth(name: 'LARGE' | 'SMALL', zh: string, en: string): FormulaFunction {
  return {
    name,
    category: 'math',
    minArgs: 2,
    maxArgs: 2,
    syntax: `${name}(numbers, k)`,
    description: { 'zh-CN': zh, 'en-US': en },
    call: ([list, k], context) => {
      const numbers = sortedNumbers([list], context);
      const position = integerArg(k, context, 'k');
      if (position < 1 || position > numbers.length) {
        formulaError(`${context.name}: k must be between 1 and the count of numbers (${numbers.length})`);
      }
      return name === 'SMALL' ? numbers[position - 1] : numbers[numbers.length - position];
    },
  };
}

function isNumeric(value: FormulaValue): boolean {
  return isNumber(value) || typeof value === 'boolean' || (typeof value === 'string' && parseNumericText(value) !== null);
}

export const mathFunctions: FormulaFunction[] = [
  {
    name: 'SUM',
    category: 'math',
    minArgs: 1,
    maxArgs: null,
    syntax: 'SUM(number1, [number2], ...)',
    description: { 'zh-CN': '求和；可传入子表单列（如 lines.amount），空值不计', 'en-US': 'Adds numbers; takes sub-form columns (lines.amount); empty values are skipped' },
    call: (args, context) => numbersOf(args, context).reduce((sum, value) => sum.plus(value), ZERO),
  },
  {
    name: 'AVERAGE',
    category: 'math',
    minArgs: 1,
    maxArgs: null,
    syntax: 'AVERAGE(number1, [number2], ...)',
    description: { 'zh-CN': '平均值；空值不计，没有数字时为空', 'en-US': 'The mean; empty values are skipped, no numbers gives empty' },
    call: (args, context) => {
      const numbers = numbersOf(args, context);
      if (numbers.length === 0) return null;
      return divide(numbers.reduce((sum, value) => sum.plus(value), ZERO), new FormulaDecimal(numbers.length), context.name);
    },
  },
  {
    name: 'MIN',
    category: 'math',
    minArgs: 1,
    maxArgs: null,
    syntax: 'MIN(number1, [number2], ...)',
    description: { 'zh-CN': '最小值；没有数字时为空', 'en-US': 'The smallest number; no numbers gives empty' },
    call: (args, context) => extreme(numbersOf(args, context), (a, b) => a.lessThan(b)),
  },
  {
    name: 'MAX',
    category: 'math',
    minArgs: 1,
    maxArgs: null,
    syntax: 'MAX(number1, [number2], ...)',
    description: { 'zh-CN': '最大值；没有数字时为空', 'en-US': 'The largest number; no numbers gives empty' },
    call: (args, context) => extreme(numbersOf(args, context), (a, b) => a.greaterThan(b)),
  },
  {
    name: 'COUNT',
    category: 'math',
    minArgs: 1,
    maxArgs: null,
    syntax: 'COUNT(value1, [value2], ...)',
    description: { 'zh-CN': '数字的个数（含数字文本、是/否）', 'en-US': 'How many values are numbers (numeric text and true/false included)' },
    call: (args, context) => new FormulaDecimal(flattenValues(args, context.charge).filter(isNumeric).length),
  },
  {
    name: 'COUNTA',
    category: 'math',
    minArgs: 1,
    maxArgs: null,
    syntax: 'COUNTA(value1, [value2], ...)',
    description: { 'zh-CN': '非空值的个数', 'en-US': 'How many values are not empty' },
    call: (args, context) => new FormulaDecimal(flattenValues(args, context.charge).filter((value) => !isBlank(value)).length),
  },
  rounding('ROUND', ROUND_HALF_UP, '四舍五入到指定小数位（负数位数舍到十位、百位…）', 'Rounds half away from zero to digits (negative digits: tens, hundreds...)'),
  rounding('ROUNDUP', ROUND_UP, '远离零方向进位到指定小数位', 'Rounds away from zero to digits'),
  rounding('ROUNDDOWN', ROUND_DOWN, '向零方向舍去到指定小数位', 'Rounds toward zero to digits'),
  {
    name: 'CEILING',
    category: 'math',
    minArgs: 1,
    maxArgs: 2,
    syntax: 'CEILING(number, [significance])',
    description: { 'zh-CN': '向上舍入到基数（默认 1）的倍数', 'en-US': 'Rounds up to a multiple of significance (default 1)' },
    call: ([value, significance], context) => {
      const step = significance === undefined ? new FormulaDecimal(1) : numberArg(significance, context).abs();
      if (step.isZero()) return ZERO;
      return numberArg(value, context).div(step).ceil().times(step);
    },
  },
  {
    name: 'FLOOR',
    category: 'math',
    minArgs: 1,
    maxArgs: 2,
    syntax: 'FLOOR(number, [significance])',
    description: { 'zh-CN': '向下舍入到基数（默认 1）的倍数', 'en-US': 'Rounds down to a multiple of significance (default 1)' },
    call: ([value, significance], context) => {
      const step = significance === undefined ? new FormulaDecimal(1) : numberArg(significance, context).abs();
      if (step.isZero()) return ZERO;
      return numberArg(value, context).div(step).floor().times(step);
    },
  },
  {
    name: 'ABS',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'ABS(number)',
    description: { 'zh-CN': '绝对值', 'en-US': 'The absolute value' },
    call: ([value], context) => numberArg(value, context).abs(),
  },
  {
    name: 'MOD',
    category: 'math',
    minArgs: 2,
    maxArgs: 2,
    syntax: 'MOD(number, divisor)',
    description: { 'zh-CN': '余数，符号与除数相同', 'en-US': 'The remainder, with the sign of the divisor' },
    call: ([value, divisor], context) => modulo(numberArg(value, context), numberArg(divisor, context), context.name),
  },
  {
    name: 'POWER',
    category: 'math',
    minArgs: 2,
    maxArgs: 2,
    syntax: 'POWER(number, exponent)',
    description: { 'zh-CN': '乘方', 'en-US': 'A number raised to a power' },
    call: ([value, exponent], context) => power(numberArg(value, context), numberArg(exponent, context), context.name),
  },
  {
    name: 'SQRT',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'SQRT(number)',
    description: { 'zh-CN': '平方根', 'en-US': 'The square root' },
    call: ([value], context) => {
      const number = numberArg(value, context);
      if (number.isNegative() && !number.isZero()) formulaError(`${context.name}: a negative number has no square root`);
      return number.sqrt();
    },
  },
  {
    name: 'INT',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'INT(number)',
    description: { 'zh-CN': '向下取整（INT(-1.5) = -2）', 'en-US': 'Rounds down to an integer (INT(-1.5) = -2)' },
    call: ([value], context) => numberArg(value, context).floor(),
  },
  rounding('TRUNC', ROUND_DOWN, '截去小数（可指定保留位数）', 'Cuts off the fraction (or the digits after some places)'),
  {
    name: 'SIGN',
    category: 'math',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'SIGN(number)',
    description: { 'zh-CN': '符号：1、0 或 -1', 'en-US': 'The sign: 1, 0 or -1' },
    call: ([value], context) => {
      const number = numberArg(value, context);
      return new FormulaDecimal(number.isZero() ? 0 : number.isNegative() ? -1 : 1);
    },
  },
  {
    name: 'PRODUCT',
    category: 'math',
    minArgs: 1,
    maxArgs: null,
    syntax: 'PRODUCT(number1, [number2], ...)',
    description: { 'zh-CN': '乘积；空值不计，没有数字时为空', 'en-US': 'Multiplies numbers; empty values are skipped, no numbers gives empty' },
    call: (args, context) => {
      const numbers = numbersOf(args, context);
      if (numbers.length === 0) return null;
      return numbers.reduce((product, value) => checkNumber(product.times(value), context.name));
    },
  },
  kth('LARGE', '第 k 大的数', 'The k-th largest number'),
  kth('SMALL', '第 k 小的数', 'The k-th smallest number'),
  {
    name: 'MEDIAN',
    category: 'math',
    minArgs: 1,
    maxArgs: null,
    syntax: 'MEDIAN(number1, [number2], ...)',
    description: { 'zh-CN': '中位数；没有数字时为空', 'en-US': 'The median; no numbers gives empty' },
    call: (args, context) => {
      const numbers = sortedNumbers(args, context);
      if (numbers.length === 0) return null;
      const middle = Math.floor(numbers.length / 2);
      return numbers.length % 2 === 1 ? numbers[middle] : numbers[middle - 1].plus(numbers[middle]).div(2);
    },
  },
  {
    name: 'FIXED',
    category: 'math',
    minArgs: 1,
    maxArgs: 3,
    syntax: 'FIXED(number, [decimals], [no_commas])',
    description: { 'zh-CN': '四舍五入后显示为带千分位的文本（默认 2 位小数）', 'en-US': 'Text of a number rounded to decimals (default 2), with thousands separators' },
    call: ([value, decimals, noCommas], context) => {
      const places = integerArg(decimals, context, 'decimals', 2);
      const rounded = roundAt(numberArg(value, context), places, ROUND_HALF_UP, context);
      const text = rounded.isZero() ? rounded.abs().toFixed(Math.max(places, 0)) : rounded.toFixed(Math.max(places, 0));
      return noCommas !== undefined && toBoolean(noCommas, context.name) ? text : groupThousands(text);
    },
  },
];
