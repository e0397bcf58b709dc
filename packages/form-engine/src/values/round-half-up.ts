import { plainDecimal } from './plain-decimal';

/** A decimal rounded to a number of places, as exact text and as the nearest JavaScript number. */
export type RoundedDecimal = {
  /** Plain decimal text with exactly `decimals` fraction digits, e.g. '-1234.50'. */
  text: string;
  value: number;
};

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/**
 * Rounds half away from zero (1.005 -> 1.01, -2.5 -> -3, as PostgreSQL's numeric does) using decimal
 * text, never binary arithmetic. Takes a finite number or a plain decimal string ('12', '-0.5');
 * anything else gives null.
 */
export function roundHalfUp(input: number | string, decimals: number): RoundedDecimal | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    text = plainDecimal(input);
  } else {
    text = input;
  }
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return null;
  const [, sign, intPart, fracPart = ''] = match;
  const kept = fracPart.slice(0, decimals).padEnd(decimals, '0');
  const roundUp = fracPart.length > decimals && fracPart.charCodeAt(decimals) >= 53; // '5'
  let digits = intPart + kept;
  if (roundUp) digits = incrementDigits(digits);
  digits = digits.replace(/^0+(?=\d)/, '');
  const padded = digits.padStart(decimals + 1, '0');
  const integer = padded.slice(0, padded.length - decimals);
  const fraction = padded.slice(padded.length - decimals);
  const isZero = /^0*$/.test(padded);
  const negative = sign === '-' && !isZero;
  const result = `${negative ? '-' : ''}${integer}${decimals > 0 ? `.${fraction}` : ''}`;
  return { text: result, value: Number(result) };
}

function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let i = chars.length - 1; i >= 0; i--) {
    if (chars[i] === '9') {
      chars[i] = '0';
    } else {
      chars[i] = String.fromCharCode(chars[i].charCodeAt(0) + 1);
      return chars.join('');
    }
  }
  return `1${chars.join('')}`;
}
