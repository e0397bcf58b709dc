import { isCalendarDay } from '../values/calendar-date';

export type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number; millisecond: number };

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const DAY_MS = 86_400_000;
/** Day 0 of Excel's 1900 date system, as it counts after its fictitious 1900-02-29. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
/** Serial numbers of 0100-01-01 .. 9999-12-31 in that system. */
const EXCEL_SERIAL_MAX = 2_958_465;

/**
 * A day written '2024-05-01', '2024/5/1', '2024.5.1' or '2024年5月1日', optionally followed by a time
 * of day ('2024/5/1 9:30', '2024-05-01T09:30:00'), as wall-clock parts; null for anything else.
 */
export function parseDateText(text: string): { wall: WallClock; hasTime: boolean } | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:(?:\s+|T)(.+))?$/.exec(text.trim());
  if (!match) return null;
  const [year, month, day] = [match[1], match[2], match[3]].map(Number);
  if (!isCalendarDay(year, month, day)) return null;
  const time = match[4] === undefined ? { hour: 0, minute: 0, second: 0, millisecond: 0 } : parseTimeText(match[4]);
  if (!time) return null;
  return { wall: { year, month, day, ...time }, hasTime: match[4] !== undefined };
}

/** '9:05', '09:05:07', '09:05:07.250', '9:05 PM', '下午 3:00' as parts of a day; null for anything else. */
export function parseTimeText(text: string): { hour: number; minute: number; second: number; millisecond: number } | null {
  const match = /^(上午|下午)?\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d{1,3})\d*)?)?\s*(AM|PM|上午|下午)?$/i.exec(text.trim());
  if (!match) return null;
  let hour = Number(match[2]);
  const [minute, second] = [Number(match[3]), Number(match[4] ?? 0)];
  const millisecond = Number((match[5] ?? '').padEnd(3, '0'));
  const meridiem = (match[6] ?? match[1] ?? '').toUpperCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    const afternoon = meridiem === 'PM' || meridiem === '下午';
    hour = (hour % 12) + (afternoon ? 12 : 0);
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return { hour, minute, second, millisecond };
}

/**
 * A spreadsheet Date cell as wall-clock parts. Spreadsheets have no time zones: readers (exceljs) give
 * the cell's clock reading as if it were UTC, so the UTC fields are the reading.
 */
export function wallClockOfCellDate(date: Date): WallClock | null {
  if (Number.isNaN(date.getTime())) return null;
  return {
    year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(),
    hour: date.getUTCHours(), minute: date.getUTCMinutes(), second: date.getUTCSeconds(), millisecond: date.getUTCMilliseconds(),
  };
}

/** An Excel serial date number (45413 = 2024-05-01, fractions are the time of day) as wall-clock parts. */
export function wallClockOfExcelSerial(serial: number): WallClock | null {
  if (!Number.isFinite(serial) || serial < 1 || serial > EXCEL_SERIAL_MAX) return null;
  return wallClockOfCellDate(new Date(EXCEL_EPOCH + Math.round(serial * DAY_MS)));
}

export const dayText = (wall: WallClock) => `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}`;
export const timeText = (wall: Pick<WallClock, 'hour' | 'minute' | 'second'>) => `${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}`;

/** The wall-clock reading taken as UTC (Date.UTC would move years 0-99 to 1900-1999). */
function utcOfWallClock(wall: WallClock): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month - 1, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** Minutes the zone's clocks are ahead of UTC at an instant (480 in Asia/Shanghai). */
function zoneOffsetMinutes(instant: number, timeZone: string | undefined): number {
  const cacheKey = timeZone ?? '';
  let formatter = offsetFormatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    offsetFormatters.set(cacheKey, formatter);
  }
  const parts: Record<string, number> = {};
  for (const part of formatter.formatToParts(new Date(instant))) if (part.type !== 'literal') parts[part.type] = Number(part.value);
  const asUtc = utcOfWallClock({ year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second, millisecond: 0 });
  return Math.round((asUtc - Math.floor(instant / 1000) * 1000) / 60_000);
}

/**
 * The instant a wall-clock reading names in an IANA zone (default: the runtime's). A reading skipped
 * by a daylight-saving jump resolves forward; an ambiguous one takes the earlier instant.
 */
export function instantOfWallClock(wall: WallClock, timeZone: string | undefined): Date | null {
  let zone = timeZone;
  try {
    zoneOffsetMinutes(0, zone);
  } catch {
    zone = 'UTC';
  }
  const asUtc = utcOfWallClock(wall);
  let guess = asUtc - zoneOffsetMinutes(asUtc, zone) * 60_000;
  guess = asUtc - zoneOffsetMinutes(guess, zone) * 60_000;
  const instant = new Date(guess);
  return Number.isNaN(instant.getTime()) ? null : instant;
}
