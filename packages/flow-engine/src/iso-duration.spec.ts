import { addIsoDuration } from './add-iso-duration';
import { parseIsoDuration } from './parse-iso-duration';

describe('ISO 8601 durations', () => {
  it.each<[string, string | null]>([
    ['PT24H', '2024-01-31T09:00:00.000Z'],
    ['P3D', '2024-02-02T09:00:00.000Z'],
    ['P1W', '2024-02-06T09:00:00.000Z'],
    ['PT90M', '2024-01-30T10:30:00.000Z'],
    ['PT1.5S', '2024-01-30T09:00:01.500Z'],
    ['P1M', '2024-02-29T09:00:00.000Z'],
    ['P1Y1M1DT1H', '2025-03-01T10:00:00.000Z'],
    ['P', null],
    ['PT', null],
    ['P1DT', null],
    ['24h', null],
    ['', null],
  ])('%s after 2024-01-30T09:00Z is %s', (duration, expected) => {
    expect(addIsoDuration(new Date('2024-01-30T09:00:00.000Z'), duration)?.toISOString() ?? null).toBe(expected);
  });

  it('moves back with sign -1', () => {
    expect(addIsoDuration(new Date('2024-03-31T00:00:00.000Z'), 'P1M', -1)?.toISOString()).toBe('2024-02-29T00:00:00.000Z');
  });

  it('reads the parts', () => {
    expect(parseIsoDuration('P1Y2M3W4DT5H6M7S')).toEqual({ years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7 });
  });
});
