import { addDays, calendarDayInZone, instantOfWallClock, startOfDayInZone } from './zoned-time';

describe('zoned time', () => {
  it.each([
    ['2024-03-01', 'Asia/Shanghai', '2024-02-29T16:00:00.000Z'],
    ['2024-03-10', 'America/New_York', '2024-03-10T05:00:00.000Z'], // spring forward later that day
    ['2024-11-03', 'America/New_York', '2024-11-03T04:00:00.000Z'], // fall back later that day
    ['2024-09-08', 'America/Santiago', '2024-09-08T04:00:00.000Z'], // midnight skipped: the day starts at 01:00
    ['2024-10-06', 'Australia/Lord_Howe', '2024-10-05T13:30:00.000Z'], // half-hour shift
    ['2024-06-01', 'Pacific/Chatham', '2024-05-31T11:15:00.000Z'], // UTC+12:45
    ['2024-06-01', 'Asia/Kolkata', '2024-05-31T18:30:00.000Z'],
    ['0001-01-01', 'UTC', '0001-01-01T00:00:00.000Z'],
  ])('%s starts in %s at %s', (day, zone, instant) => {
    expect(new Date(startOfDayInZone(day, zone)).toISOString()).toBe(instant);
  });

  it.each([
    ['2024-03-10T02:30:00', 'America/New_York', '2024-03-10T07:30:00.000Z'], // skipped: moved forward
    ['2024-11-03T01:30:00', 'America/New_York', '2024-11-03T05:30:00.000Z'], // shown twice: the earlier
    ['2024-07-01T12:00:00', 'Europe/London', '2024-07-01T11:00:00.000Z'],
  ])('wall clock %s in %s is %s', (wall, zone, instant) => {
    expect(new Date(instantOfWallClock(Date.parse(`${wall}Z`), zone)).toISOString()).toBe(instant);
  });

  it.each([
    ['2024-03-01T15:59:59.999Z', 'Asia/Shanghai', '2024-03-01'],
    ['2024-03-01T16:00:00.000Z', 'Asia/Shanghai', '2024-03-02'],
    ['2024-03-01T04:59:59.999Z', 'America/New_York', '2024-02-29'],
  ])('%s is on %s %s', (instant, zone, day) => {
    expect(calendarDayInZone(Date.parse(instant), zone)).toBe(day);
  });

  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-31', -31, '2024-02-29'],
  ])('%s %p days is %s', (day, days, expected) => {
    expect(addDays(day, days)).toBe(expected);
  });
});
