import { isPlainObject } from '../values/is-plain-object';
import { checkNumber, divide, modulo, power } from './formula-arithmetic';
import { orderValues, valuesEqual } from './compare-formula-values';
import { FormulaDecimal } from './formula-decimal';
import { FormulaError, FormulaLimitError, formulaError } from './formula-error';
import { arityProblem, type FormulaCallContext, type LazyArgument } from './formula-function';
import { FORMULA_FUNCTIONS } from './formula-functions';
import { FORMULA_LIMITS } from './formula-limits';
import type { CompiledFormula, FormulaContext, FormulaEvaluation, FormulaNode } from './formula-types';
import {
  checkTextLength,
  describeValue,
  fromInput,
  isBlank,
  isNumber,
  parseNumericText,
  readOwn,
  toBoolean,
  toNumber,
  toOutput,
  toText,
  type FormulaValue,
} from './formula-value';

const TEXT_CHARS_PER_STEP = 100;

class Evaluator {
  private steps = 0;
  private readonly maxSteps: number;

  constructor(
    private readonly values: unknown,
    private readonly context: FormulaContext,
  ) {
    const requested = context.maxSteps;
    this.maxSteps = typeof requested === 'number' && requested > 0 ? requested : FORMULA_LIMITS.maxSteps;
  }

  readonly charge = (steps: number): void => {
    this.steps += steps;
    if (this.steps > this.maxSteps) throw new FormulaLimitError(`the formula needs more than ${this.maxSteps} steps`);
  };

  evaluate(node: FormulaNode): FormulaValue {
    this.charge(1);
    switch (node.kind) {
      case 'number':
        return checkNumber(new FormulaDecimal(node.text), 'number');
      case 'string':
        return node.value;
      case 'boolean':
        return node.value;
      case 'null':
        return null;
      case 'field':
        return fromInput(readOwn(this.values, node.key), this.charge);
      case 'column':
        return this.column(node.key, node.column);
      case 'unary':
        return this.unary(node.operator, this.evaluate(node.operand));
      case 'binary':
        return this.binary(node.operator, node.left, node.right);
      case 'call':
        return this.call(node.name, node.args);
      default:
        return formulaError('the formula is malformed');
    }
  }

  /** `lines.amount`: the column over a sub-form's rows; `address.city`: a part of a structured value. */
  private column(key: string, column: string): FormulaValue {
    const container = readOwn(this.values, key);
    if (Array.isArray(container)) {
      this.charge(container.length);
      return container.map((row) => fromInput(readOwn(row, column), this.charge, 1));
    }
    return isPlainObject(container) ? fromInput(readOwn(container, column), this.charge, 1) : null;
  }

  private unary(operator: string, operand: FormulaValue): FormulaValue {
    if (operator === 'not') return !toBoolean(operand, 'NOT');
    const number = toNumber(operand, `operator ${operator}`);
    return operator === '-' ? number.neg() : number;
  }

  private binary(operator: string, leftNode: FormulaNode, rightNode: FormulaNode): FormulaValue {
    if (operator === 'and') return toBoolean(this.evaluate(leftNode), 'AND') && toBoolean(this.evaluate(rightNode), 'AND');
    if (operator === 'or') return toBoolean(this.evaluate(leftNode), 'OR') || toBoolean(this.evaluate(rightNode), 'OR');
    const left = this.evaluate(leftNode);
    const right = this.evaluate(rightNode);
    const timeZone = this.context.timeZone;
    switch (operator) {
      case '&': {
        const leftText = toText(left, 'operator &');
        const rightText = toText(right, 'operator &');
        checkTextLength(leftText.length + rightText.length, 'operator &');
        this.charge((leftText.length + rightText.length) / TEXT_CHARS_PER_STEP);
        return leftText + rightText;
      }
      case '=':
        return valuesEqual(left, right, timeZone);
      case '!=':
        return !valuesEqual(left, right, timeZone);
      case '<':
      case '<=':
      case '>':
      case '>=': {
        if (isBlank(left) || isBlank(right)) return false;
        const order = orderValues(left, right, timeZone);
        if (order === null) formulaError(`operator ${operator}: cannot compare ${describeValue(left)} with ${describeValue(right)}`);
        return operator === '<' ? order < 0 : operator === '<=' ? order <= 0 : operator === '>' ? order > 0 : order >= 0;
      }
      default:
        return this.arithmetic(operator, left, right);
    }
  }

  private arithmetic(operator: string, left: FormulaValue, right: FormulaValue): FormulaValue {
    const where = `operator ${operator}`;
    if (operator === '+' && [left, right].some((side) => typeof side === 'string' && side !== '' && !parseNumericText(side))) {
      formulaError(`${where}: adds numbers only; join text with & ("a" & "b")`);
    }
    const a = toNumber(left, where);
    const b = toNumber(right, where);
    switch (operator) {
      case '+':
        return checkNumber(a.plus(b), where);
      case '-':
        return checkNumber(a.minus(b), where);
      case '*':
        return checkNumber(a.times(b), where);
      case '/':
        return divide(a, b, where);
      case '%':
        return modulo(a, b, where);
      case '^':
        return power(a, b, where);
      default:
        return formulaError(`unknown operator ${operator}`);
    }
  }

  private call(name: string, argNodes: FormulaNode[]): FormulaValue {
    const fn = FORMULA_FUNCTIONS.get(name);
    if (fn === undefined) return formulaError(`unknown function ${name}`);
    const problem = arityProblem(fn, argNodes.length);
    if (problem !== null) formulaError(problem);
    const context: FormulaCallContext = { name, now: this.context.now, timeZone: this.context.timeZone, charge: this.charge };
    let result: FormulaValue;
    if (fn.lazy) {
      const lazyArgs = argNodes.map((node): LazyArgument => {
        let evaluated: { value: FormulaValue } | undefined;
        return () => {
          evaluated ??= { value: this.evaluate(node) };
          return evaluated.value;
        };
      });
      result = fn.call(lazyArgs, context);
    } else {
      const args = argNodes.map((node) => this.evaluate(node));
      // Text work is charged by length, so that no formula can churn through megabytes many times over.
      this.charge(args.reduce((sum: number, arg) => sum + (typeof arg === 'string' ? arg.length : 0), 0) / TEXT_CHARS_PER_STEP);
      result = fn.call(args, context);
    }
    if (isNumber(result)) checkNumber(result, name);
    if (typeof result === 'string') {
      checkTextLength(result.length, name);
      this.charge(result.length / TEXT_CHARS_PER_STEP);
    }
    return result;
  }
}

/**
 * Evaluates a compiled formula against a record's values, within a step budget. Never throws: a value
 * that cannot be computed (division by zero, text that is not a number, too many steps) gives
 * `formula_error` with a message naming the cause.
 */
export function evaluateFormula(
  formula: CompiledFormula,
  values: Readonly<Record<string, unknown>>,
  context: FormulaContext,
): FormulaEvaluation {
  try {
    const evaluator = new Evaluator(values, context);
    return { ok: true, value: toOutput(evaluator.evaluate(formula.ast)) };
  } catch (error) {
    if (error instanceof FormulaError || error instanceof FormulaLimitError) {
      return { ok: false, code: 'formula_error', message: error.message };
    }
    const overflow = error instanceof RangeError && /call stack/i.test(error.message);
    const message = overflow ? 'the formula is too deeply nested to evaluate' : 'the formula could not be evaluated';
    return { ok: false, code: 'formula_error', message };
  }
}
