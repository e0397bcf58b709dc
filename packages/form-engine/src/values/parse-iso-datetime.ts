import { isCalendarDay } from './calendar-date';

const ISO_DATETIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(?:([Zz])|([+-])(\d{2})(?::?(\d{2}))?)$/;

/**
 * An ISO 8601 date-time that names its offset ('Z', '+08:00', '+0800', '+08'), to the millisecond
 * (finer digits round half-up, as timestamptz(3) does). A time without an offset is refused: its
 * instant would depend on the server's zone. Gives null for anything else, or outside years 1-9999.
 */
export function parseIsoDatetime(text: string): Date | null {
  const match = ISO_DATETIME.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s = '0', fraction = '', zulu, sign, offsetHours = '0', offsetMinutes = '0'] = match;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  if (!isCalendarDay(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  if (!zulu && (Number(offsetHours) > 23 || Number(offsetMinutes) > 59)) return null;
  let millis = Number(fraction.slice(0, 3).padEnd(3, '0'));
  if (fraction.length > 3 && fraction.charCodeAt(3) >= 53) millis += 1;
  const instant = new Date(0);
  instant.setUTCFullYear(year, month - 1, day);
  instant.setUTCHours(hour, minute, second, millis);
  const offset = zulu ? 0 : (sign === '-' ? -1 : 1) * (Number(offsetHours) * 60 + Number(offsetMinutes));
  const utc = new Date(instant.getTime() - offset * 60_000);
  const utcYear = utc.getUTCFullYear();
  return utcYear >= 1 && utcYear <= 9999 ? utc : null;
}
