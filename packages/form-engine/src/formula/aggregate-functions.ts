import { orderValues, valuesEqual } from './compare-formula-values';
import { divide } from './formula-arithmetic';
import { FormulaDecimal } from './formula-decimal';
import { formulaError } from './formula-error';
import type { FormulaCallContext, FormulaFunction } from './formula-function';
import { isBlank, isNumber, parseNumericText, toNumber, ZERO, type FormulaValue } from './formula-value';
import { listOf } from './function-arguments';

type Criterion = (value: FormulaValue) => boolean;

const CRITERION_OPERATOR = /^(<=|>=|<>|!=|=|<|>)([\s\S]*)$/;

/**
 * A spreadsheet criterion: a value matches when equal to it; text may start with an operator
 * ('>10', '<>done', '>=2024-01-01', '=' for empty). Values that cannot be ordered do not match.
 */
function criterionOf(spec: FormulaValue, context: FormulaCallContext): Criterion {
  const timeZone = context.timeZone;
  const match = typeof spec === 'string' ? CRITERION_OPERATOR.exec(spec) : null;
  if (!match) return (value) => valuesEqual(value, spec, timeZone);
  const [, operator, rest] = match;
  const operand: FormulaValue = rest === '' ? null : (parseNumericText(rest) ?? rest);
  if (operator === '=') return (value) => valuesEqual(value, operand, timeZone);
  if (operator === '<>' || operator === '!=') return (value) => !valuesEqual(value, operand, timeZone);
  return (value) => {
    if (isBlank(value) || isBlank(operand)) return false;
    const order = orderValues(value, operand, timeZone);
    if (order === null) return false;
    return operator === '<' ? order < 0 : operator === '<=' ? order <= 0 : operator === '>' ? order > 0 : order >= 0;
  };
}

/** The range and the values to add up or average, of the same length. */
function pairedLists(range: FormulaValue, values: FormulaValue | undefined, context: FormulaCallContext): [FormulaValue[], FormulaValue[]] {
  const tested = listOf(range, context);
  const taken = values === undefined ? tested : listOf(values, context);
  if (taken.length !== tested.length) {
    formulaError(`${context.name}: the lists have different lengths (${tested.length} and ${taken.length})`);
  }
  return [tested, taken];
}

function matchingNumbers(args: FormulaValue[], context: FormulaCallContext): FormulaDecimal[] {
  const [range, criterion, values] = args;
  const [tested, taken] = pairedLists(range, values, context);
  const matches = criterionOf(criterion, context);
  const numbers: FormulaDecimal[] = [];
  tested.forEach((value, index) => {
    if (matches(value) && !isBlank(taken[index])) numbers.push(toNumber(taken[index], context.name));
  });
  return numbers;
}

/** A key under which equal values meet (numbers by value, so 1 and 1.0 are one). */
function uniqueKey(value: FormulaValue): unknown {
  if (isNumber(value)) return `n${value.toString()}`;
  if (typeof value === 'string') return `s${value}`;
  if (typeof value === 'boolean') return `b${value}`;
  return value;
}

export const aggregateFunctions: FormulaFunction[] = [
  {
    name: 'SUMPRODUCT',
    category: 'aggregate',
    minArgs: 1,
    maxArgs: null,
    syntax: 'SUMPRODUCT(list1, [list2], ...)',
    description: { 'zh-CN': '对应项相乘再求和，如 SUMPRODUCT(lines.qty, lines.price)', 'en-US': 'Multiplies matching items and adds the products, e.g. SUMPRODUCT(lines.qty, lines.price)' },
    call: (args, context) => {
      const lists = args.map((arg) => listOf(arg, context));
      const length = lists[0].length;
      if (lists.some((list) => list.length !== length)) {
        formulaError(`${context.name}: the lists have different lengths (${lists.map((list) => list.length).join(', ')})`);
      }
      context.charge(length * lists.length);
      let sum = ZERO;
      for (let index = 0; index < length; index++) {
        sum = sum.plus(lists.reduce((product, list) => product.times(toNumber(list[index], context.name)), new FormulaDecimal(1)));
      }
      return sum;
    },
  },
  {
    name: 'COUNTIF',
    category: 'aggregate',
    minArgs: 2,
    maxArgs: 2,
    syntax: 'COUNTIF(list, criterion)',
    description: { 'zh-CN': '满足条件的项数，条件如 "已完成"、">10"、"<>0"', 'en-US': 'How many items meet a criterion such as "done", ">10", "<>0"' },
    call: ([range, criterion], context) => {
      const matches = criterionOf(criterion, context);
      return new FormulaDecimal(listOf(range, context).filter(matches).length);
    },
  },
  {
    name: 'SUMIF',
    category: 'aggregate',
    minArgs: 2,
    maxArgs: 3,
    syntax: 'SUMIF(list, criterion, [sum_list])',
    description: { 'zh-CN': '满足条件的项（或另一列对应项）之和', 'en-US': 'Adds the items (or the matching items of another list) that meet a criterion' },
    call: (args, context) => matchingNumbers(args, context).reduce((sum, value) => sum.plus(value), ZERO),
  },
  {
    name: 'AVERAGEIF',
    category: 'aggregate',
    minArgs: 2,
    maxArgs: 3,
    syntax: 'AVERAGEIF(list, criterion, [average_list])',
    description: { 'zh-CN': '满足条件的项的平均值；没有时为空', 'en-US': 'The mean of the items that meet a criterion; empty when none do' },
    call: (args, context) => {
      const numbers = matchingNumbers(args, context);
      if (numbers.length === 0) return null;
      return divide(numbers.reduce((sum, value) => sum.plus(value), ZERO), new FormulaDecimal(numbers.length), context.name);
    },
  },
  {
    name: 'UNIQUE',
    category: 'aggregate',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'UNIQUE(list)',
    description: { 'zh-CN': '去重后的非空值列表（保持首次出现顺序）', 'en-US': 'The distinct non-empty items, in order of first appearance' },
    call: ([list], context) => {
      const seen = new Set<unknown>();
      const unique: FormulaValue[] = [];
      for (const item of listOf(list, context)) {
        const key = uniqueKey(item);
        if (isBlank(item) || seen.has(key)) continue;
        seen.add(key);
        unique.push(item);
      }
      return unique;
    },
  },
];
