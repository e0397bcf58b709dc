import type { Condition } from '@platform/schema';
import type { RecordItem } from '../../api/types';

/** A month as its year and 0-based month (0 = January). */
export type CalendarMonth = { year: number; month: number };
export type CalendarDay = { date: string; day: number; inMonth: boolean };

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (year: number, month: number, day: number) => {
  const d = new Date(Date.UTC(year, month, day));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
};

export function monthOf(date: string): CalendarMonth {
  const [year, month] = date.split('-').map(Number);
  return { year, month: month - 1 };
}

export function shiftMonth({ year, month }: CalendarMonth, delta: number): CalendarMonth {
  const index = year * 12 + month + delta;
  return { year: Math.floor(index / 12), month: ((index % 12) + 12) % 12 };
}

/**
 * The weeks shown for a month: whole weeks from the one holding the 1st to the one holding the last
 * day, starting on Monday (weekStart 1) or Sunday (0). Days outside the month fill the edges.
 */
export function monthGrid({ year, month }: CalendarMonth, weekStart: 0 | 1 = 1): CalendarDay[][] {
  const first = new Date(Date.UTC(year, month, 1));
  const lead = (first.getUTCDay() - weekStart + 7) % 7;
  const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const cells = Math.ceil((lead + days) / 7) * 7;
  const weeks: CalendarDay[][] = [];
  for (let i = 0; i < cells; i++) {
    const d = new Date(Date.UTC(year, month, 1 - lead + i));
    const day: CalendarDay = { date: isoDay(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()), day: d.getUTCDate(), inMonth: d.getUTCMonth() === month };
    if (i % 7 === 0) weeks.push([]);
    weeks[weeks.length - 1].push(day);
  }
  return weeks;
}

/** The calendar day of a datetime in a time zone (the browser's when none is given). */
export function dayInZone(instant: string, timeZone?: string): string | null {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone }).formatToParts(date);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The day a record falls on: a date value as it is, a datetime in the zone. */
export function recordDay(value: unknown, isDateTime: boolean, timeZone?: string): string | null {
  if (typeof value !== 'string' || value === '') return null;
  if (!isDateTime) return /^\d{4}-\d{2}-\d{2}$/.test(value) ? value : null;
  return dayInZone(value, timeZone);
}

/** Records by day, each day's in the list's order. */
export function recordsByDay(rows: readonly RecordItem[], read: (record: RecordItem) => unknown, isDateTime: boolean, timeZone?: string): Map<string, RecordItem[]> {
  const byDay = new Map<string, RecordItem[]>();
  for (const record of rows) {
    const day = recordDay(read(record), isDateTime, timeZone);
    if (!day) continue;
    const list = byDay.get(day) ?? [];
    list.push(record);
    byDay.set(day, list);
  }
  return byDay;
}

/** The days that have records, in order (the phone's list by day). */
export function daysWithRecords(byDay: ReadonlyMap<string, RecordItem[]>, from: string, to: string): string[] {
  return [...byDay.keys()].filter((day) => day >= from && day <= to).sort();
}

/** The UTC instant a wall-clock midnight of `day` is in the zone (the browser's when none is given). */
export function startOfDayInZone(day: string, timeZone?: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const guess = Date.UTC(year, month - 1, date);
  if (!timeZone) return new Date(year, month - 1, date).toISOString();
  // The zone's offset at that moment, found by formatting the guess there.
  const parts = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' }).formatToParts(new Date(guess));
  const get = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const shown = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return new Date(guess - (shown - guess)).toISOString();
}

/** The query condition for records whose date field falls on the days from `from` to `to`. */
export function rangeCondition(fieldKey: string, isDateTime: boolean, from: string, to: string, timeZone?: string): Condition {
  const variable = { var: fieldKey };
  if (!isDateTime) return { between: [variable, from, to] };
  const [year, month, day] = to.split('-').map(Number);
  const after = isoDay(year, month - 1, day + 1);
  return { and: [{ '>=': [variable, startOfDayInZone(from, timeZone)] }, { '<': [variable, startOfDayInZone(after, timeZone)] }] };
}

export function todayIn(timeZone?: string, now: Date = new Date()): string {
  return dayInZone(now.toISOString(), timeZone) ?? now.toISOString().slice(0, 10);
}

/** The first and last day the month's grid shows. */
export function visibleRange(month: CalendarMonth, weekStart: 0 | 1 = 1): { from: string; to: string } {
  const days = monthGrid(month, weekStart).flat();
  return { from: days[0].date, to: days[days.length - 1].date };
}
