import { DAY_MS, formatUtcDay, instantOfWallClock as instantInZone, isTimeZone, utcMs, wallClockInZone } from '@platform/condition';
import { isCalendarDay } from '../values/calendar-date';
import { parseIsoDatetime } from '../values/parse-iso-datetime';
import { formulaError } from './formula-error';

// Calendar arithmetic without a date library. A day is counted in days since 1970-01-01; a "wall clock"
// (what a time zone's clocks show) is kept as the epoch milliseconds those fields would have in UTC.
// The time-zone arithmetic itself is @platform/condition's, so formulas and conditions agree on days.

export { DAY_MS };

/** Days since 1970-01-01 of a calendar day; years 1–99 are taken literally (unlike Date.UTC). */
export function dayNumber(year: number, month: number, day: number): number {
  return utcMs(year, month, day) / DAY_MS;
}

export type CalendarDay = { year: number; month: number; day: number };

export function calendarDay(dayCount: number): CalendarDay {
  const date = new Date(dayCount * DAY_MS);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

const FIRST_DAY = dayNumber(1, 1, 1);
const LAST_DAY = dayNumber(9999, 12, 31);

/** A day number, refused outside years 1–9999. */
export function checkDay(dayCount: number, where: string): number {
  if (!Number.isFinite(dayCount) || dayCount < FIRST_DAY || dayCount > LAST_DAY) {
    formulaError(`${where}: the date is outside the years 1 to 9999`);
  }
  return dayCount;
}

export function formatDay(dayCount: number): string {
  return formatUtcDay(dayCount * DAY_MS);
}

export function daysInMonth(year: number, month: number): number {
  return dayNumber(year, month + 1, 1) - dayNumber(year, month, 1);
}

/** 0 = Sunday ... 6 = Saturday. */
export function weekdayOf(dayCount: number): number {
  return (((dayCount + 4) % 7) + 7) % 7;
}

/** The same day of the month `months` later, clamped to the month's end (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(dayCount: number, months: number): number {
  const { year, month, day } = calendarDay(dayCount);
  const total = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(total / 12);
  const targetMonth = total - targetYear * 12 + 1;
  if (targetYear < 1 || targetYear > 9999) return Number.NaN;
  return dayNumber(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
}

function knownTimeZone(timeZone: string): string {
  if (!isTimeZone(timeZone)) formulaError(`unknown time zone ${JSON.stringify(timeZone)}`);
  return timeZone;
}

/** What the clocks of a time zone show at an instant, as wall-clock milliseconds. */
export function wallClockOf(instant: number, timeZone: string): number {
  return wallClockInZone(instant, knownTimeZone(timeZone));
}

/**
 * The instant at which a time zone's clocks show a wall clock: a time skipped by a clock change moves
 * forward, a time shown twice takes the earlier instant.
 */
export function instantOfWallClock(wall: number, timeZone: string): number {
  return instantInZone(wall, knownTimeZone(timeZone));
}

export function dayInZone(instant: number, timeZone: string): number {
  return Math.floor(wallClockOf(instant, timeZone) / DAY_MS);
}

/** A date ('YYYY-MM-DD', a day number) or a datetime (an instant in epoch milliseconds). */
export type Moment = { kind: 'date'; day: number } | { kind: 'datetime'; instant: number };

const DATE_TEXT = /^(\d{4})-(\d{2})-(\d{2})$/;
const LOCAL_DATETIME_TEXT = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3}))?)?$/;

function parseDateText(text: string): Moment | null {
  const match = DATE_TEXT.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  return isCalendarDay(year, month, day) ? { kind: 'date', day: dayNumber(year, month, day) } : null;
}

/** 'YYYY-MM-DD' or an ISO datetime naming its offset; what the record holds and comparisons understand. */
export function parseStrictMoment(text: string): Moment | null {
  if (text.length < 10 || text.length > 40) return null;
  const date = parseDateText(text);
  if (date) return date;
  const instant = parseIsoDatetime(text);
  return instant ? { kind: 'datetime', instant: instant.getTime() } : null;
}

/** As `parseStrictMoment`, and also a datetime without offset ('2024-05-01 09:30'), read in the time zone. */
export function parseMoment(text: string, timeZone: string): Moment | null {
  const strict = parseStrictMoment(text);
  if (strict || text.length > 40) return strict;
  const match = LOCAL_DATETIME_TEXT.exec(text);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => Number(part ?? 0));
  if (!isCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  const millis = Number((match[7] ?? '').padEnd(3, '0'));
  const wall = dayNumber(year, month, day) * DAY_MS + ((hour * 60 + minute) * 60 + second) * 1000 + millis;
  return { kind: 'datetime', instant: instantOfWallClock(wall, timeZone) };
}

/** The calendar day of a moment; a datetime's in the time zone. */
export function momentDay(moment: Moment, timeZone: string): number {
  return moment.kind === 'date' ? moment.day : dayInZone(moment.instant, timeZone);
}

/** The wall clock of a moment in the time zone; a date's is its midnight. */
export function momentWallClock(moment: Moment, timeZone: string): number {
  return moment.kind === 'date' ? moment.day * DAY_MS : wallClockOf(moment.instant, timeZone);
}

/** The instant of a moment; a date's is the start of that day in the time zone. */
export function momentInstant(moment: Moment, timeZone: string): number {
  return moment.kind === 'date' ? instantOfWallClock(moment.day * DAY_MS, timeZone) : moment.instant;
}

/** ISO text of an instant in UTC, to the millisecond; refused outside years 1–9999. */
export function formatInstant(instant: number, where: string): string {
  const date = new Date(instant);
  const year = date.getUTCFullYear();
  if (!Number.isFinite(instant) || year < 1 || year > 9999) formulaError(`${where}: the date is outside the years 1 to 9999`);
  return date.toISOString();
}
