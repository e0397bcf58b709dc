import { sameValue } from './same-value';

describe('sameValue', () => {
  it('compares as JSON does, null and undefined alike', () => {
    const cases: [unknown, unknown][] = [
      [null, undefined], ['a', 'a'], ['a', 'b'], [1, 1], [1, '1'], [0, -0], [true, true], [true, 'true'], [null, 0], [undefined, ''],
      [{ a: 1, b: [1, 2] }, { a: 1, b: [1, 2] }], [{ a: 1 }, { a: 2 }], [[1, 2], [1, 2]], [[1, 2], [2, 1]], [['x'], 'x'], [{}, null],
      [new Date('2026-11-28T00:00:00Z'), new Date('2026-11-28T00:00:00Z')], [NaN, NaN], [Infinity, -Infinity], [NaN, 1], [NaN, null], [Infinity, undefined], [{ a: undefined }, {}],
    ];
    for (const [a, b] of cases) expect([a, b, sameValue(a, b)]).toEqual([a, b, JSON.stringify(a ?? null) === JSON.stringify(b ?? null)]);
  });
});
