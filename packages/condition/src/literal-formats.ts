import { utcMs } from './zoned-time';

// Wire formats of literal values, shared by the parser, the evaluator and the SQL compiler so the
// two back ends read every value the same way.

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,6}))?)?$/;
const DATETIME_PATTERN =
  /^(\d{4})-(\d{2})-(\d{2})(?:[Tt ]([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d)(?:\.(\d{1,9}))?)?(Z|z|[+-](?:[01]\d|2[0-3])(?::?[0-5]\d)?)?)?$/;
// Text PostgreSQL cannot store: NUL and unpaired surrogates.
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const MIN_INSTANT = utcMs(1, 1, 1);
export const MAX_INSTANT = utcMs(9999, 12, 31, 23, 59, 59, 999);

export function isStorableText(value: string): boolean {
  return !UNSTORABLE_TEXT.test(value);
}

function isCalendarDay(year: number, month: number, day: number): boolean {
  if (year < 1 || month < 1 || month > 12 || day < 1) return false;
  const probe = new Date(utcMs(year, month, day));
  return probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** 'YYYY-MM-DD' of a real calendar day (years 0001–9999), or undefined. */
export function parseDateLiteral(value: string): string | undefined {
  const match = DATE_PATTERN.exec(value);
  if (!match || !isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]))) return undefined;
  return value;
}

/** 'HH:mm[:ss[.ffffff]]' normalised to 'HH:mm:ss[.f]' without trailing zeros (PostgreSQL's output
 * form, so equal times compare equal as strings), or undefined. */
export function normaliseTime(value: string): string | undefined {
  const match = TIME_PATTERN.exec(value);
  if (!match) return undefined;
  const fraction = (match[4] ?? '').replace(/0+$/, '');
  return `${match[1]}:${match[2]}:${match[3] ?? '00'}${fraction === '' ? '' : `.${fraction}`}`;
}

export type DateTimeLiteral = { instant: number } | { wallClock: string };

/** An ISO 8601 date-time. With an offset it is an instant (epoch ms, sub-milliseconds dropped);
 * without one (or a bare date, meaning its midnight) a wall clock 'YYYY-MM-DDTHH:mm:ss.sss' to be
 * placed in the context's time zone. Undefined when malformed or outside years 0001–9999. */
export function parseDateTimeLiteral(value: string): DateTimeLiteral | undefined {
  const match = DATETIME_PATTERN.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (!isCalendarDay(year, month, day)) return undefined;
  const hour = Number(match[4] ?? 0);
  const minute = Number(match[5] ?? 0);
  const second = Number(match[6] ?? 0);
  const ms = Number((match[7] ?? '').padEnd(3, '0').slice(0, 3));
  const wall = utcMs(year, month, day, hour, minute, second, ms);
  const offset = match[8];
  if (offset === undefined) {
    return { wallClock: new Date(wall).toISOString().slice(0, 23) };
  }
  let offsetMs = 0;
  if (offset !== 'Z' && offset !== 'z') {
    const digits = offset.slice(1).replace(':', '');
    offsetMs = (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0)) * 60_000 * (offset[0] === '-' ? -1 : 1);
  }
  const instant = wall - offsetMs;
  return instant < MIN_INSTANT || instant > MAX_INSTANT ? undefined : { instant };
}

/** Wall clock 'YYYY-MM-DDTHH:mm:ss.sss' as UTC milliseconds. */
export function wallClockMs(wallClock: string): number {
  return Date.parse(`${wallClock}Z`);
}
