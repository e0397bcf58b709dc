import { ConditionError } from './condition-error';

// Calendar arithmetic in an IANA time zone with Intl only. A "wall clock" is represented as the epoch
// milliseconds the same fields would have in UTC, which keeps the arithmetic in plain numbers.

export const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    try {
      formatter = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new ConditionError([{ code: 'VALIDATION_FAILED', message: `unknown time zone "${timeZone}"`, path: [] }]);
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** Whether Intl knows an IANA time zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Epoch milliseconds of a UTC date-time; years 1–99 are taken literally (unlike Date.UTC). */
export function utcMs(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  date.setUTCHours(hour, minute, second, ms);
  return date.getTime();
}

/** 'YYYY-MM-DD' of the UTC fields of epoch milliseconds. */
export function formatUtcDay(ms: number): string {
  const date = new Date(ms);
  const year = String(date.getUTCFullYear()).padStart(4, '0');
  const month = String(date.getUTCMonth() + 1).padStart(2, '0');
  const day = String(date.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** Wall clock (as UTC milliseconds) of an instant in a time zone: what its clocks show. */
export function wallClockInZone(instant: number, timeZone: string): number {
  const seconds = Math.floor(instant / 1000) * 1000;
  const fields = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const part of formatterFor(timeZone).formatToParts(new Date(seconds))) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  const wall = utcMs(fields.year, fields.month, fields.day, fields.hour, fields.minute, fields.second);
  return wall + (instant - seconds);
}

/** The calendar day ('YYYY-MM-DD') of an instant in a time zone. */
export function calendarDayInZone(instant: number, timeZone: string): string {
  return formatUtcDay(wallClockInZone(instant, timeZone));
}

/** 'YYYY-MM-DD' shifted by whole days. */
export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number);
  return formatUtcDay(utcMs(year, month, date) + days * DAY_MS);
}

/** The instant at which a time zone's clocks show the given wall clock. A time skipped by a clock
 * change resolves forward (so a day whose midnight is skipped starts at the change); a time shown
 * twice resolves to the earlier instant. */
export function instantOfWallClock(wall: number, timeZone: string): number {
  const withOffsetBefore = wall - (wallClockInZone(wall - DAY_MS, timeZone) - (wall - DAY_MS));
  const withOffsetAfter = wall - (wallClockInZone(wall + DAY_MS, timeZone) - (wall + DAY_MS));
  if (withOffsetBefore === withOffsetAfter) return withOffsetBefore;
  const beforeShowsWall = wallClockInZone(withOffsetBefore, timeZone) === wall;
  const afterShowsWall = wallClockInZone(withOffsetAfter, timeZone) === wall;
  if (beforeShowsWall && afterShowsWall) return Math.min(withOffsetBefore, withOffsetAfter);
  if (afterShowsWall) return withOffsetAfter;
  return withOffsetBefore;
}

/** The first instant of a calendar day ('YYYY-MM-DD') in a time zone. */
export function startOfDayInZone(day: string, timeZone: string): number {
  const [year, month, date] = day.split('-').map(Number);
  return instantOfWallClock(utcMs(year, month, date), timeZone);
}
