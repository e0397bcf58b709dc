import { parseIsoDuration } from './parse-iso-duration';

/** `date` moved by an ISO 8601 duration (`sign` -1 moves back); null for an invalid duration.
 * Years and months are calendar months (UTC, clamped to the month's last day); weeks, days and
 * smaller units are fixed lengths (a day is 24 hours). */
export function addIsoDuration(date: Date, duration: string, sign: 1 | -1 = 1): Date | null {
  const parsed = parseIsoDuration(duration);
  if (parsed === null) return null;
  const result = new Date(date.getTime());
  const months = sign * (parsed.years * 12 + parsed.months);
  if (months !== 0) {
    const day = result.getUTCDate();
    result.setUTCDate(1);
    result.setUTCMonth(result.getUTCMonth() + months);
    const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
    result.setUTCDate(Math.min(day, lastDay));
  }
  const millis = (((parsed.weeks * 7 + parsed.days) * 24 + parsed.hours) * 60 + parsed.minutes) * 60_000 + parsed.seconds * 1000;
  return new Date(result.getTime() + sign * Math.round(millis));
}
