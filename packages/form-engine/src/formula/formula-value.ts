import { isPlainObject } from '../values/is-plain-object';
import { quoteValue } from '../values/quote-value';
import { FormulaDecimal } from './formula-decimal';
import { formulaError } from './formula-error';
import { FORMULA_LIMITS } from './formula-limits';
import type { FormulaOutput } from './formula-types';

/**
 * A structured value of the record (an address, a sub-form row): opaque except through `a.b`.
 * Only own properties are read, so `__proto__` or `constructor` are plain missing values.
 */
export class FormulaRecord {
  constructor(readonly source: Readonly<Record<string, unknown>>) {}
}

/** A value while a formula runs: numbers are exact decimals, dates and datetimes are ISO text. */
export type FormulaValue = FormulaDecimal | string | boolean | null | FormulaList | FormulaRecord;
export type FormulaList = FormulaValue[];

/** Charges operations to the evaluation's step budget (throws when it runs out). */
export type Charge = (steps: number) => void;

export const ZERO = new FormulaDecimal(0);
export const ONE = new FormulaDecimal(1);

export function isNumber(value: FormulaValue): value is FormulaDecimal {
  return value instanceof FormulaDecimal;
}

export function isList(value: FormulaValue): value is FormulaList {
  return Array.isArray(value);
}

/** Empty as VALUES.md defines it: null, '' or an empty list. */
export function isBlank(value: FormulaValue): boolean {
  return value === null || value === '' || (isList(value) && value.length === 0);
}

/** An own property of a plain object; anything else (inherited names included) is undefined. */
export function readOwn(container: unknown, key: string): unknown {
  if (!isPlainObject(container)) return undefined;
  return Object.prototype.hasOwnProperty.call(container, key) ? container[key] : undefined;
}

/** A value of the record as a formula value; what has no formula meaning (functions, NaN...) is null. */
export function fromInput(raw: unknown, charge: Charge, depth = 0): FormulaValue {
  switch (typeof raw) {
    case 'number':
      return Number.isFinite(raw) ? new FormulaDecimal(raw) : null;
    case 'bigint':
      return new FormulaDecimal(raw.toString());
    case 'string':
    case 'boolean':
      return raw;
    case 'object':
      break;
    default:
      return null;
  }
  if (raw === null) return null;
  if (raw instanceof Date) return Number.isNaN(raw.getTime()) ? null : raw.toISOString();
  if (depth >= FORMULA_LIMITS.maxInputDepth) return null;
  if (Array.isArray(raw)) {
    charge(raw.length);
    const list: FormulaList = [];
    for (let index = 0; index < raw.length; index++) list.push(fromInput(raw[index], charge, depth + 1));
    return list;
  }
  return isPlainObject(raw) ? new FormulaRecord(raw) : null;
}

/** A formula value as `evaluateFormula` returns it. */
export function toOutput(value: FormulaValue): FormulaOutput {
  if (isNumber(value)) {
    const number = value.toNumber();
    if (!Number.isFinite(number)) formulaError('the result is too large a number');
    return number === 0 ? 0 : number;
  }
  if (isList(value)) return value.map(toOutput);
  if (value instanceof FormulaRecord) return value.source;
  return value;
}

const NUMERIC_TEXT = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** Text holding a number ('12.5', ' -3 ', '1e3') as a decimal; anything else gives null. */
export function parseNumericText(text: string): FormulaDecimal | null {
  const trimmed = text.trim();
  if (!NUMERIC_TEXT.test(trimmed)) return null;
  const number = new FormulaDecimal(trimmed);
  return number.isFinite() ? number : null;
}

/** How a value is named in a message. */
export function describeValue(value: FormulaValue): string {
  if (value === null) return 'empty';
  if (isNumber(value)) return value.toString();
  if (typeof value === 'string') return quoteValue(value);
  if (typeof value === 'boolean') return String(value);
  return isList(value) ? 'a list' : 'a structured value';
}

/** A value as a number: empty is 0, true/false are 1/0, text must hold a number. */
export function toNumber(value: FormulaValue, where: string): FormulaDecimal {
  if (value === null || value === '') return ZERO;
  if (isNumber(value)) return value;
  if (typeof value === 'boolean') return value ? ONE : ZERO;
  if (typeof value === 'string') {
    const parsed = parseNumericText(value);
    if (parsed) return parsed;
    return formulaError(`${where}: ${describeValue(value)} is not a number`);
  }
  if (isList(value)) return formulaError(`${where}: a list is not a number (add it up with SUM)`);
  return formulaError(`${where}: a structured value is not a number (use its parts, e.g. address.city)`);
}

/** A whole number within ±1e15 (fractions are cut toward zero), for counts, positions and digits. */
export function toInteger(value: FormulaValue, where: string, what: string): number {
  const number = toNumber(value, where).trunc();
  if (number.abs().greaterThan(1e15)) formulaError(`${where}: ${what} ${number.toString()} is out of range`);
  return number.toNumber();
}

/** The plain decimal text of a number: never an exponent, never '-0'. */
export function numberText(value: FormulaDecimal): string {
  return value.isZero() ? '0' : value.toFixed();
}

/** A value as text: empty is '', numbers in plain decimals, lists joined with ', '. */
export function toText(value: FormulaValue, where: string): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (isNumber(value)) return numberText(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (isList(value)) {
    const parts: string[] = [];
    let length = 0;
    for (const item of value) {
      if (isBlank(item)) continue;
      const text = toText(item, where);
      length += text.length + 2;
      checkTextLength(length, where);
      parts.push(text);
    }
    return parts.join(', ');
  }
  return formulaError(`${where}: a structured value is not text (use its parts, e.g. address.city)`);
}

/** A value as true or false: empty is false, numbers are true unless 0, text must say true or false. */
export function toBoolean(value: FormulaValue, where: string): boolean {
  if (value === null || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (isNumber(value)) return !value.isZero();
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
    return formulaError(`${where}: ${describeValue(value)} is not true or false`);
  }
  if (isList(value)) {
    if (value.length === 0) return false;
    return formulaError(`${where}: a list is not true or false (test it with ISBLANK or COUNTA)`);
  }
  return formulaError(`${where}: a structured value is not true or false`);
}

/** The values of arguments with lists spread out (sub-form columns, multi-selects), in order. */
export function flattenValues(values: readonly FormulaValue[], charge: Charge): FormulaValue[] {
  const flat: FormulaValue[] = [];
  const visit = (value: FormulaValue): void => {
    if (isList(value)) {
      charge(value.length);
      for (const item of value) visit(item);
    } else {
      flat.push(value);
    }
  };
  for (const value of values) visit(value);
  return flat;
}

export function checkTextLength(length: number, where: string): void {
  if (length > FORMULA_LIMITS.maxTextLength) {
    formulaError(`${where}: the text would be longer than ${FORMULA_LIMITS.maxTextLength} characters`);
  }
}

/** Orders text by Unicode code point (as PostgreSQL's COLLATE "C"), not by UTF-16 unit. */
export function compareText(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index++) {
    const x = a.charCodeAt(index);
    const y = b.charCodeAt(index);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}

// Surrogates (D800–DFFF) start astral characters, which come after U+E000–U+FFFF in code point order.
function codePointRank(unit: number): number {
  if (unit < 0xd800) return unit;
  return unit >= 0xe000 ? unit - 0x800 : unit + 0x2000;
}
