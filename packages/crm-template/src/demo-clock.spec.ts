import { createDemoClockOrThrow } from './demo-clock';

describe('createDemoClockOrThrow', () => {
  const clock = createDemoClockOrThrow('2026-11-01');

  it.each([
    [0, '2026-11-01'],
    [-1, '2026-10-31'],
    [61, '2027-01-01'],
    [-245, '2026-03-01'],
    [-365 * 2 - 246, '2024-02-29'],
  ])('shifts the base date by %p days to %s', (days, expected) => {
    expect(clock.date(days)).toBe(expected);
    expect(clock.daysUntil(expected)).toBe(days);
  });

  it('writes instants in UTC for a Shanghai wall-clock time', () => {
    expect(clock.dateTime(0, 9, 30)).toBe('2026-11-01T01:30:00.000Z');
    expect(clock.dateTime(1, 7, 5)).toBe('2026-11-01T23:05:00.000Z');
  });

  it.each(['2026-02-30', '2026/11/01', '26-11-01', '', '2026-13-01'])('refuses the base date %p', (baseDate) => {
    expect(() => createDemoClockOrThrow(baseDate)).toThrow(RangeError);
  });
});
