import { coerceFormulaResult } from './coerce-formula-result';
import { compileFormula } from './compile-formula';
import { evaluateFormula } from './evaluate-formula';
import { FormulaError } from './formula-error';
import { dayInZone, dayNumber, formatDay, instantOfWallClock } from './formula-dates';

// Formulas read days and wall clocks in a time zone the way conditions do (the arithmetic is
// @platform/condition's): around a clock change a skipped time moves forward, a repeated one takes
// the earlier instant, whichever side of UTC the zone lies.

function run(expression: string, timeZone: string): unknown {
  const compiled = compileFormula(expression);
  if (!compiled.ok) throw new Error(`${expression}: ${JSON.stringify(compiled.issues)}`);
  return evaluateFormula(compiled.formula, {}, { now: new Date('2024-06-01T00:00:00Z'), timeZone });
}

describe('formula dates in a time zone', () => {
  it.each([
    ['2024-03-10T02:30:00', 'America/New_York', '2024-03-10T07:30:00.000Z'], // skipped: 03:30 EDT
    ['2024-11-03T01:30:00', 'America/New_York', '2024-11-03T05:30:00.000Z'], // repeated: the EDT one
    ['2024-03-31T02:30:00', 'Europe/Berlin', '2024-03-31T01:30:00.000Z'], // skipped: 03:30 CEST
    ['2024-10-27T02:30:00', 'Europe/Berlin', '2024-10-27T00:30:00.000Z'], // repeated: the CEST one
    ['2024-09-08T00:00:00', 'America/Santiago', '2024-09-08T04:00:00.000Z'], // midnight skipped: 01:00
  ])('wall clock %s in %s is %s', (wall, zone, instant) => {
    expect(new Date(instantOfWallClock(Date.parse(`${wall}Z`), zone)).toISOString()).toBe(instant);
  });

  it('starts a day whose midnight is skipped on that day, not the one before', () => {
    expect(coerceFormulaResult('2024-09-08', 'datetime', undefined, 'America/Santiago')).toBe('2024-09-08T04:00:00.000Z');
  });

  it('moves a datetime shifted onto a skipped time forward', () => {
    expect(run('DATEADD("2024-03-09T02:30:00-05:00", 1, "d")', 'America/New_York')).toEqual({
      ok: true,
      value: '2024-03-10T07:30:00.000Z',
    });
  });

  it('counts calendar days in the zone and formats years below 1000', () => {
    expect(formatDay(dayInZone(Date.parse('2024-02-29T16:30:00Z'), 'Asia/Shanghai'))).toBe('2024-03-01');
    expect(formatDay(dayNumber(12, 3, 4))).toBe('0012-03-04');
  });

  it('refuses an unknown time zone with a formula error', () => {
    expect(() => instantOfWallClock(0, 'Mars/Olympus')).toThrow(new FormulaError('unknown time zone "Mars/Olympus"'));
    expect(run('TODAY()', 'Mars/Olympus')).toEqual({ ok: false, code: 'formula_error', message: 'unknown time zone "Mars/Olympus"' });
  });
});
