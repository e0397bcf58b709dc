import { moneyInWords } from '../values/money-in-words';
import { formulaError } from './formula-error';
import type { FormulaFunction } from './formula-function';
import { isBlank, numberText } from './formula-value';
import { numberArg } from './function-arguments';

export const moneyFunctions: FormulaFunction[] = [
  {
    name: 'RMB',
    category: 'money',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'RMB(amount)',
    description: { 'zh-CN': '人民币大写金额，如 12000 → 壹万贰仟元整', 'en-US': 'The amount in Chinese capital numerals, e.g. 12000 -> 壹万贰仟元整' },
    call: ([amount], context) => {
      if (isBlank(amount)) return null;
      const number = numberArg(amount, context);
      if (number.abs().greaterThanOrEqualTo('1e16')) formulaError(`${context.name}: the amount is too large`);
      return moneyInWords(numberText(number)) ?? formulaError(`${context.name}: ${numberText(number)} is not an amount`);
    },
  },
];
