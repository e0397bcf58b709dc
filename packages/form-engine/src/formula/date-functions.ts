import { isCalendarDay } from '../values/calendar-date';
import {
  addMonths,
  calendarDay,
  checkDay,
  DAY_MS,
  dayInZone,
  dayNumber,
  daysInMonth,
  formatDay,
  formatInstant,
  instantOfWallClock,
  momentDay,
  momentInstant,
  momentWallClock,
  parseMoment,
  wallClockOf,
  weekdayOf,
  type Moment,
} from './formula-dates';
import { FormulaDecimal } from './formula-decimal';
import { formulaError } from './formula-error';
import type { FormulaCallContext, FormulaFunction } from './formula-function';
import { describeValue, isBlank, toNumber, type FormulaValue } from './formula-value';
import { integerArg, listOf, textArg } from './function-arguments';

/** A date argument: 'YYYY-MM-DD' or a datetime; empty gives null (date functions give empty back). */
function momentArg(value: FormulaValue, context: FormulaCallContext): Moment | null {
  if (isBlank(value)) return null;
  const moment = typeof value === 'string' ? parseMoment(value, context.timeZone) : null;
  if (moment === null) formulaError(`${context.name}: ${describeValue(value)} is not a date (use 'YYYY-MM-DD')`);
  return moment;
}

function dayArg(value: FormulaValue, context: FormulaCallContext): number | null {
  const moment = momentArg(value, context);
  return moment === null ? null : momentDay(moment, context.timeZone);
}

function nowOf(context: FormulaCallContext): number {
  const instant = context.now instanceof Date ? context.now.getTime() : Number.NaN;
  if (Number.isNaN(instant)) formulaError(`${context.name}: the current time is unknown`);
  return instant;
}

const number = (value: number): FormulaDecimal => new FormulaDecimal(value);

function dayPart(name: 'YEAR' | 'MONTH' | 'DAY', zh: string, en: string): FormulaFunction {
  return {
    name,
    category: 'date',
    minArgs: 1,
    maxArgs: 1,
    syntax: `${name}(date)`,
    description: { 'zh-CN': zh, 'en-US': en },
    call: ([value], context) => {
      const day = dayArg(value, context);
      if (day === null) return null;
      const parts = calendarDay(day);
      return number(name === 'YEAR' ? parts.year : name === 'MONTH' ? parts.month : parts.day);
    },
  };
}

const TIME_TEXT = /^(\d{2}):(\d{2})(?::(\d{2}))?$/;

function timePart(name: 'HOUR' | 'MINUTE' | 'SECOND', zh: string, en: string): FormulaFunction {
  return {
    name,
    category: 'date',
    minArgs: 1,
    maxArgs: 1,
    syntax: `${name}(datetime_or_time)`,
    description: { 'zh-CN': zh, 'en-US': en },
    call: ([value], context) => {
      if (isBlank(value)) return null;
      const time = typeof value === 'string' ? TIME_TEXT.exec(value) : null;
      let parts: [number, number, number];
      if (time) {
        parts = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
      } else {
        const wall = momentWallClock(momentArg(value, context) as Moment, context.timeZone);
        const seconds = Math.floor((wall - Math.floor(wall / DAY_MS) * DAY_MS) / 1000);
        parts = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60];
      }
      return number(parts[name === 'HOUR' ? 0 : name === 'MINUTE' ? 1 : 2]);
    },
  };
}

/** Monday–Friday days from a to b, both included (a <= b). */
function countWorkdays(from: number, to: number): number {
  const total = to - from + 1;
  const weeks = Math.floor(total / 7);
  let count = weeks * 5;
  for (let day = from + weeks * 7; day <= to; day++) {
    const weekday = weekdayOf(day);
    if (weekday !== 0 && weekday !== 6) count++;
  }
  return count;
}

/** The holidays that fall Monday–Friday, as distinct day numbers. */
function holidayDays(value: FormulaValue | undefined, context: FormulaCallContext): number[] {
  if (value === undefined) return [];
  const days = new Set<number>();
  for (const item of listOf(value, context)) {
    const day = dayArg(item, context);
    if (day !== null && weekdayOf(day) !== 0 && weekdayOf(day) !== 6) days.add(day);
  }
  return [...days];
}

/** `count` working days (Monday–Friday) after a day (before it when negative); a weekend start counts as the nearest Friday or Monday. */
function addWorkdays(day: number, count: number): number {
  if (count === 0) return day;
  const weekday = weekdayOf(day);
  if (count > 0) {
    const start = weekday === 6 ? day - 1 : weekday === 0 ? day - 2 : day;
    const offset = (weekdayOf(start) + 6) % 7; // Monday = 0 ... Friday = 4
    const rest = count % 5;
    return start + Math.floor(count / 5) * 7 + rest + (offset + rest > 4 ? 2 : 0);
  }
  const start = weekday === 6 ? day + 2 : weekday === 0 ? day + 1 : day;
  const offset = (weekdayOf(start) + 6) % 7;
  const rest = -count % 5;
  return start - Math.floor(-count / 5) * 7 - rest - (offset - rest < 0 ? 2 : 0);
}

const UNITS = new Map<string, 'd' | 'w' | 'm' | 'y' | 'h' | 'min' | 's'>([
  ['d', 'd'], ['day', 'd'], ['days', 'd'],
  ['w', 'w'], ['week', 'w'], ['weeks', 'w'],
  ['m', 'm'], ['month', 'm'], ['months', 'm'],
  ['y', 'y'], ['year', 'y'], ['years', 'y'],
  ['h', 'h'], ['hour', 'h'], ['hours', 'h'],
  ['min', 'min'], ['minute', 'min'], ['minutes', 'min'],
  ['s', 's'], ['second', 's'], ['seconds', 's'],
]);
const UNIT_MS = { h: 3_600_000, min: 60_000, s: 1000 } as const;

const DATE_LIKE_TEXT = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/;

export const dateFunctions: FormulaFunction[] = [
  {
    name: 'TODAY',
    category: 'date',
    minArgs: 0,
    maxArgs: 0,
    syntax: 'TODAY()',
    description: { 'zh-CN': '今天的日期（按系统时区）', 'en-US': "Today's date in the system time zone" },
    call: (_args, context) => formatDay(dayInZone(nowOf(context), context.timeZone)),
  },
  {
    name: 'NOW',
    category: 'date',
    minArgs: 0,
    maxArgs: 0,
    syntax: 'NOW()',
    description: { 'zh-CN': '当前日期时间', 'en-US': 'The current date and time' },
    call: (_args, context) => formatInstant(nowOf(context), context.name),
  },
  {
    name: 'DATE',
    category: 'date',
    minArgs: 3,
    maxArgs: 3,
    syntax: 'DATE(year, month, day)',
    description: { 'zh-CN': '由年、月、日组成日期；超出的月和日顺延（DATE(2024, 13, 1) = 2025-01-01）', 'en-US': 'A date from year, month and day; overflow carries (DATE(2024, 13, 1) = 2025-01-01)' },
    call: ([year, month, day], context) => {
      const months = integerArg(year, context, 'year') * 12 + integerArg(month, context, 'month') - 1;
      const targetYear = Math.floor(months / 12);
      if (targetYear < 1 || targetYear > 9999) formulaError(`${context.name}: the year must be between 1 and 9999`);
      const first = dayNumber(targetYear, months - targetYear * 12 + 1, 1);
      return formatDay(checkDay(first + integerArg(day, context, 'day') - 1, context.name));
    },
  },
  dayPart('YEAR', '年份', 'The year'),
  dayPart('MONTH', '月份（1–12）', 'The month (1–12)'),
  dayPart('DAY', '日（1–31）', 'The day of the month (1–31)'),
  timePart('HOUR', '小时（0–23）；日期时间按系统时区', 'The hour (0–23), in the system time zone'),
  timePart('MINUTE', '分钟（0–59）', 'The minute (0–59)'),
  timePart('SECOND', '秒（0–59）', 'The second (0–59)'),
  {
    name: 'WEEKDAY',
    category: 'date',
    minArgs: 1,
    maxArgs: 2,
    syntax: 'WEEKDAY(date, [type])',
    description: { 'zh-CN': '星期几：类型 1 周日=1…周六=7（默认），2 周一=1…周日=7，3 周一=0…周日=6', 'en-US': 'Day of the week: type 1 Sunday=1..Saturday=7 (default), 2 Monday=1..Sunday=7, 3 Monday=0..Sunday=6' },
    call: ([value, type], context) => {
      const kind = integerArg(type, context, 'type', 1);
      if (kind !== 1 && kind !== 2 && kind !== 3) formulaError(`${context.name}: type must be 1, 2 or 3`);
      const day = dayArg(value, context);
      if (day === null) return null;
      const sunday0 = weekdayOf(day);
      return number(kind === 1 ? sunday0 + 1 : kind === 2 ? ((sunday0 + 6) % 7) + 1 : (sunday0 + 6) % 7);
    },
  },
  {
    name: 'WEEKNUM',
    category: 'date',
    minArgs: 1,
    maxArgs: 2,
    syntax: 'WEEKNUM(date, [type])',
    description: { 'zh-CN': '一年中的第几周：类型 1 周日开始（默认），2 周一开始，21 ISO 周', 'en-US': 'Week of the year: type 1 weeks start Sunday (default), 2 Monday, 21 ISO weeks' },
    call: ([value, type], context) => {
      const kind = integerArg(type, context, 'type', 1);
      if (kind !== 1 && kind !== 2 && kind !== 21) formulaError(`${context.name}: type must be 1, 2 or 21`);
      const day = dayArg(value, context);
      if (day === null) return null;
      if (kind === 21) {
        const thursday = day - ((weekdayOf(day) + 6) % 7) + 3;
        return number(Math.floor((thursday - dayNumber(calendarDay(thursday).year, 1, 1)) / 7) + 1);
      }
      const firstOfYear = dayNumber(calendarDay(day).year, 1, 1);
      const lead = (weekdayOf(firstOfYear) - (kind === 1 ? 0 : 1) + 7) % 7;
      return number(Math.floor((day - firstOfYear + lead) / 7) + 1);
    },
  },
  {
    name: 'DAYS',
    category: 'date',
    minArgs: 2,
    maxArgs: 2,
    syntax: 'DAYS(end_date, start_date)',
    description: { 'zh-CN': '两个日期相差的天数（结束减开始）', 'en-US': 'Days from the start date to the end date' },
    call: ([end, start], context) => {
      const to = dayArg(end, context);
      const from = dayArg(start, context);
      return to === null || from === null ? null : number(to - from);
    },
  },
  {
    name: 'DATEDIF',
    category: 'date',
    minArgs: 3,
    maxArgs: 3,
    syntax: 'DATEDIF(start_date, end_date, unit)',
    description: { 'zh-CN': '两个日期之间的整天数 "D"、整月数 "M" 或整年数 "Y"', 'en-US': 'Whole days "D", months "M" or years "Y" between two dates' },
    call: ([start, end, unit], context) => {
      const kind = textArg(unit, context).trim().toUpperCase();
      if (kind !== 'D' && kind !== 'M' && kind !== 'Y') formulaError(`${context.name}: unit must be "D", "M" or "Y"`);
      const from = dayArg(start, context);
      const to = dayArg(end, context);
      if (from === null || to === null) return null;
      if (from > to) formulaError(`${context.name}: the start date is after the end date`);
      if (kind === 'D') return number(to - from);
      const a = calendarDay(from);
      const b = calendarDay(to);
      const months = (b.year - a.year) * 12 + (b.month - a.month) - (b.day < a.day ? 1 : 0);
      return number(kind === 'M' ? months : Math.floor(months / 12));
    },
  },
  {
    name: 'DATEADD',
    category: 'date',
    minArgs: 3,
    maxArgs: 3,
    syntax: 'DATEADD(date, amount, unit)',
    description: {
      'zh-CN': '日期加上若干天 "d"、周 "w"、月 "m"、年 "y"、小时 "h"、分钟 "min"（负数为减；月末自动对齐）',
      'en-US': 'A date plus days "d", weeks "w", months "m", years "y", hours "h" or minutes "min" (negative subtracts; month ends clamp)',
    },
    call: ([value, amount, unitValue], context) => {
      const unit = UNITS.get(textArg(unitValue, context).trim().toLowerCase());
      if (unit === undefined) return formulaError(`${context.name}: unit must be "d", "w", "m", "y", "h", "min" or "s"`);
      const moment = momentArg(value, context);
      if (moment === null) return null;
      if (unit === 'h' || unit === 'min' || unit === 's') {
        const shift = toNumber(amount, context.name).times(UNIT_MS[unit]).round().toNumber();
        return formatInstant(momentInstant(moment, context.timeZone) + shift, context.name);
      }
      const count = integerArg(amount, context, 'amount');
      const shiftDay = (day: number): number =>
        checkDay(unit === 'd' ? day + count : unit === 'w' ? day + count * 7 : addMonths(day, unit === 'm' ? count : count * 12), context.name);
      if (moment.kind === 'date') return formatDay(shiftDay(moment.day));
      const wall = wallClockOf(moment.instant, context.timeZone);
      const day = Math.floor(wall / DAY_MS);
      return formatInstant(instantOfWallClock(shiftDay(day) * DAY_MS + (wall - day * DAY_MS), context.timeZone), context.name);
    },
  },
  {
    name: 'EDATE',
    category: 'date',
    minArgs: 2,
    maxArgs: 2,
    syntax: 'EDATE(date, months)',
    description: { 'zh-CN': '若干个月之后的同一天（月末自动对齐）', 'en-US': 'The same day some months later (month ends clamp)' },
    call: ([value, months], context) => {
      const day = dayArg(value, context);
      return day === null ? null : formatDay(checkDay(addMonths(day, integerArg(months, context, 'months')), context.name));
    },
  },
  {
    name: 'EOMONTH',
    category: 'date',
    minArgs: 2,
    maxArgs: 2,
    syntax: 'EOMONTH(date, months)',
    description: { 'zh-CN': '若干个月之后那个月的最后一天', 'en-US': 'The last day of the month some months later' },
    call: ([value, months], context) => {
      const day = dayArg(value, context);
      if (day === null) return null;
      const { year, month } = calendarDay(day);
      const total = year * 12 + month - 1 + integerArg(months, context, 'months');
      const targetYear = Math.floor(total / 12);
      if (targetYear < 1 || targetYear > 9999) formulaError(`${context.name}: the date is outside the years 1 to 9999`);
      const targetMonth = total - targetYear * 12 + 1;
      return formatDay(dayNumber(targetYear, targetMonth, daysInMonth(targetYear, targetMonth)));
    },
  },
  {
    name: 'NETWORKDAYS',
    category: 'date',
    minArgs: 2,
    maxArgs: 3,
    syntax: 'NETWORKDAYS(start_date, end_date, [holidays])',
    description: { 'zh-CN': '两个日期之间（含首尾）的工作日数（周一至周五，可排除节假日）', 'en-US': 'Working days (Monday–Friday) between two dates, both included, less holidays' },
    call: ([start, end, holidays], context) => {
      const from = dayArg(start, context);
      const to = dayArg(end, context);
      if (from === null || to === null) return null;
      const [low, high] = from <= to ? [from, to] : [to, from];
      const off = holidayDays(holidays, context).filter((day) => day >= low && day <= high).length;
      const count = countWorkdays(low, high) - off;
      return number(from <= to ? count : -count);
    },
  },
  {
    name: 'WORKDAY',
    category: 'date',
    minArgs: 2,
    maxArgs: 3,
    syntax: 'WORKDAY(start_date, days, [holidays])',
    description: { 'zh-CN': '若干个工作日（周一至周五，可排除节假日）之后的日期', 'en-US': 'The date some working days (Monday–Friday, less holidays) later' },
    call: ([start, days, holidays], context) => {
      const from = dayArg(start, context);
      const count = integerArg(days, context, 'days');
      if (Math.abs(count) > 3_000_000) formulaError(`${context.name}: the date is outside the years 1 to 9999`);
      if (from === null) return null;
      const off = holidayDays(holidays, context);
      let skipped = 0;
      // Each pass moves past the holidays met so far; a holiday is met once, so this ends.
      for (let pass = 0; pass <= off.length; pass++) {
        const sign = count < 0 ? -1 : 1;
        const target = addWorkdays(from, count + sign * skipped);
        const met = off.filter((day) => (sign > 0 ? day > from && day <= target : day < from && day >= target)).length;
        if (met === skipped || count === 0) return formatDay(checkDay(target, context.name));
        skipped = met;
        context.charge(off.length);
      }
      return formatDay(checkDay(addWorkdays(from, count + (count < 0 ? -skipped : skipped)), context.name));
    },
  },
  {
    name: 'DATEVALUE',
    category: 'date',
    minArgs: 1,
    maxArgs: 1,
    syntax: 'DATEVALUE(text)',
    description: { 'zh-CN': '把文本（如 "2024/5/1"、"2024年5月1日"）转为日期', 'en-US': 'The date in text such as "2024/5/1" or "2024-05-01 10:30"' },
    call: ([value], context) => {
      if (isBlank(value)) return null;
      const text = textArg(value, context).trim();
      const loose = DATE_LIKE_TEXT.exec(text);
      if (loose) {
        const [year, month, day] = [Number(loose[1]), Number(loose[2]), Number(loose[3])];
        if (isCalendarDay(year, month, day)) return formatDay(dayNumber(year, month, day));
      }
      const moment = parseMoment(text, context.timeZone);
      if (moment === null) return formulaError(`${context.name}: ${JSON.stringify(text.slice(0, 40))} is not a date`);
      return formatDay(momentDay(moment, context.timeZone));
    },
  },
];
