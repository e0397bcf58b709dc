import { groupThousands } from '../values/group-thousands';
import { calendarDay, DAY_MS, momentWallClock, parseMoment, weekdayOf, type Moment } from './formula-dates';
import { FormulaDecimal, ROUND_HALF_UP } from './formula-decimal';
import { formulaError } from './formula-error';
import { describeValue, isBlank, isNumber, parseNumericText, toText, type FormulaValue } from './formula-value';

const NUMBER_RUN = /[#0][#0,]*(?:\.[#0]*)?|\.[#0]+/;
const DATE_TOKEN = /\[[^\]]*\]|YYYY|yyyy|YY|yy|MM|M|mm|m|DD|dd(?!d)|D|d(?!d)|dddd|ddd|aaaa|aaa|HH|hh|H|h|ss|s/g;
const EN_WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const ZH_WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** Literal text around a number pattern: quotes are dropped, a backslash keeps the next character. */
function literal(text: string): string {
  return text.replace(/\\(.)|"/g, (_whole, kept: string | undefined) => kept ?? '');
}

/**
 * A number by a spreadsheet pattern: '0.00', '#,##0.00', '0%', '¥#,##0.00', '0.0元'. `0` is a required
 * digit, `#` an optional one, `,` groups thousands, `%` multiplies by 100; rounding is half away from zero.
 */
function formatNumberPattern(number: FormulaDecimal, pattern: string, where: string): string {
  const match = NUMBER_RUN.exec(pattern);
  if (!match) return formulaError(`${where}: the pattern ${JSON.stringify(pattern)} has no digit placeholder (0 or #)`);
  const prefix = literal(pattern.slice(0, match.index));
  const suffix = literal(pattern.slice(match.index + match[0].length));
  const [integerSpec, fractionSpec = ''] = match[0].split('.');
  const scaled = (prefix + suffix).includes('%') ? number.times(100) : number;
  const rounded = scaled.abs().toDecimalPlaces(fractionSpec.length, ROUND_HALF_UP);
  const [integerDigits, fractionDigits = ''] = rounded.toFixed(fractionSpec.length).split('.');
  const requiredFraction = fractionSpec.replace(/#/g, '').length;
  let fraction = fractionDigits;
  while (fraction.length > requiredFraction && fraction.endsWith('0')) fraction = fraction.slice(0, -1);
  const requiredInteger = integerSpec.replace(/[#,]/g, '').length;
  let integer = integerDigits === '0' && requiredInteger === 0 ? '' : integerDigits.padStart(requiredInteger, '0');
  if (integerSpec.includes(',')) integer = groupThousands(integer);
  const sign = scaled.isNegative() && !rounded.isZero() ? '-' : '';
  return `${sign}${prefix}${integer}${fraction === '' ? '' : `.${fraction}`}${suffix}`;
}

type DateToken = { text: string; literal: boolean };

/**
 * A date or datetime by a pattern: YYYY YY, MM M (month), DD D (day), HH H (hour, 24-hour), mm m
 * (minute), ss s, dddd ddd (Monday/Mon), aaaa aaa (星期一/一), [literal]. Lower-case `mm`/`m` is the
 * month unless it follows an hour or precedes seconds, as in spreadsheets ('yyyy-mm-dd hh:mm').
 */
function formatMomentPattern(moment: Moment, pattern: string, timeZone: string): string {
  const wall = momentWallClock(moment, timeZone);
  const dayCount = Math.floor(wall / DAY_MS);
  const { year, month, day } = calendarDay(dayCount);
  const msOfDay = wall - dayCount * DAY_MS;
  const hour = Math.floor(msOfDay / 3_600_000);
  const minute = Math.floor(msOfDay / 60_000) % 60;
  const second = Math.floor(msOfDay / 1000) % 60;
  const weekday = weekdayOf(dayCount);

  const tokens: DateToken[] = [];
  let last = 0;
  for (const match of pattern.matchAll(DATE_TOKEN)) {
    const index = match.index ?? 0;
    if (index > last) tokens.push({ text: pattern.slice(last, index), literal: true });
    const text = match[0];
    tokens.push(text.startsWith('[') ? { text: text.slice(1, -1), literal: true } : { text, literal: false });
    last = index + text.length;
  }
  if (last < pattern.length) tokens.push({ text: pattern.slice(last), literal: true });

  const fields = tokens.filter((token) => !token.literal);
  const isMinute = (token: DateToken): boolean => {
    const position = fields.indexOf(token);
    const before = fields[position - 1]?.text.toLowerCase();
    const after = fields[position + 1]?.text.toLowerCase();
    return before === 'h' || before === 'hh' || after === 's' || after === 'ss';
  };
  const pad = (value: number, width: number): string => String(value).padStart(width, '0');
  return tokens
    .map((token) => {
      if (token.literal) return token.text;
      switch (token.text) {
        case 'YYYY': case 'yyyy': return pad(year, 4);
        case 'YY': case 'yy': return pad(year % 100, 2);
        case 'MM': return pad(month, 2);
        case 'M': return String(month);
        case 'mm': return isMinute(token) ? pad(minute, 2) : pad(month, 2);
        case 'm': return isMinute(token) ? String(minute) : String(month);
        case 'DD': case 'dd': return pad(day, 2);
        case 'D': case 'd': return String(day);
        case 'dddd': return EN_WEEKDAYS[weekday];
        case 'ddd': return EN_WEEKDAYS[weekday].slice(0, 3);
        case 'aaaa': return `星期${ZH_WEEKDAYS[weekday]}`;
        case 'aaa': return ZH_WEEKDAYS[weekday];
        case 'HH': case 'hh': return pad(hour, 2);
        case 'H': case 'h': return String(hour);
        case 'ss': return pad(second, 2);
        default: return String(second);
      }
    })
    .join('');
}

/** TEXT(value, pattern): dates and datetimes by a date pattern, numbers by a number pattern, text as is. */
export function formatFormulaText(value: FormulaValue, pattern: string, timeZone: string, where: string): string {
  if (isBlank(value)) return '';
  if (typeof value === 'string') {
    const moment = parseMoment(value, timeZone);
    if (moment) return formatMomentPattern(moment, pattern, timeZone);
  }
  const number = isNumber(value) ? value : typeof value === 'string' ? parseNumericText(value) : null;
  if (number) {
    if (!/[#0]/.test(pattern) && /[YyDdHhMms]/.test(pattern)) {
      return formulaError(`${where}: ${describeValue(number)} is not a date (use 'YYYY-MM-DD')`);
    }
    return formatNumberPattern(number, pattern, where);
  }
  return toText(value, where);
}

