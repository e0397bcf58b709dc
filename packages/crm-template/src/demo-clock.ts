const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Calendar arithmetic relative to a base date, in UTC so that results never depend on the host zone. */
export type DemoClock = {
  baseDate: string;
  /** The date `days` after the base date (negative: before), as "YYYY-MM-DD". */
  date(days: number): string;
  /** An instant on the day `days` after the base date at hh:mm in Asia/Shanghai (UTC+8), as ISO "...Z". */
  dateTime(days: number, hour: number, minute: number): string;
  /** Whole days from the base date to a "YYYY-MM-DD" date. */
  daysUntil(date: string): number;
};

/** Throws a RangeError when baseDate is not a real calendar date written "YYYY-MM-DD". */
export function createDemoClockOrThrow(baseDate: string): DemoClock {
  const baseMs = parseDateOrThrow(baseDate);
  return {
    baseDate,
    date: (days) => new Date(baseMs + Math.round(days) * DAY_MS).toISOString().slice(0, 10),
    // Shanghai has had no daylight saving since 1991: local = UTC + 8 hours.
    dateTime: (days, hour, minute) =>
      new Date(baseMs + Math.round(days) * DAY_MS + ((hour - 8) * 60 + minute) * 60_000).toISOString(),
    daysUntil: (date) => Math.round((parseDateOrThrow(date) - baseMs) / DAY_MS),
  };
}

function parseDateOrThrow(text: string): number {
  const match = DATE_PATTERN.exec(text);
  if (!match) throw new RangeError(`"${text}" is not a date written YYYY-MM-DD`);
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) {
    throw new RangeError(`"${text}" is not a calendar date`);
  }
  return ms;
}
