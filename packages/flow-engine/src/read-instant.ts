const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The instant a record value stands for: a datetime string with an offset or a Date as is; a bare
 * date `YYYY-MM-DD` as the start of that day in `timeZone` (`endOfDay`: the start of the next day).
 * null for anything else. */
export function readInstant(value: unknown, timeZone: string, endOfDay: boolean): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value !== 'string' || value === '') return null;
  const date = DATE_ONLY.exec(value);
  if (date !== null) {
    const [year, month, day] = [Number(date[1]), Number(date[2]), Number(date[3]) + (endOfDay ? 1 : 0)];
    return startOfDayIn(year, month, day, timeZone);
  }
  const instant = Date.parse(value);
  return Number.isNaN(instant) ? null : new Date(instant);
}

/** Midnight of a calendar day in a time zone: the UTC midnight shifted by the zone's offset there. */
function startOfDayIn(year: number, month: number, day: number, timeZone: string): Date | null {
  const utc = Date.UTC(year, month - 1, day);
  if (Number.isNaN(utc)) return null;
  let guess = utc - offsetAt(utc, timeZone);
  guess = utc - offsetAt(guess, timeZone);
  return new Date(guess);
}

/** The zone's offset from UTC in milliseconds at an instant. */
function offsetAt(instant: number, timeZone: string): number {
  let parts: Intl.DateTimeFormatPart[];
  try {
    parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(instant));
  } catch {
    return 0;
  }
  const get = (type: string): number => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const wall = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return wall - Math.floor(instant / 1000) * 1000;
}
