import { createRandom } from './create-random';

/** The published mulberry32, as a reference our implementation must match draw for draw. */
function referenceMulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    let t = (a += 0x6d2b79f5);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('createRandom', () => {
  it.each([0, 1, 42, 20261101, 2 ** 31 + 5])('matches the reference mulberry32 for seed %p', (seed) => {
    const ours = createRandom(seed);
    const reference = referenceMulberry32(seed);
    for (let i = 0; i < 1000; i += 1) expect(ours.next()).toBe(reference());
  });

  it('repeats a sequence for the same seed and differs for another', () => {
    const draw = (seed: number) => {
      const random = createRandom(seed);
      return Array.from({ length: 20 }, () => random.next());
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
  });

  it('draws floats in [0, 1) with a mean near one half', () => {
    const random = createRandom(3);
    let sum = 0;
    for (let i = 0; i < 20_000; i += 1) {
      const x = random.next();
      expect(x >= 0 && x < 1).toBe(true);
      sum += x;
    }
    expect(Math.abs(sum / 20_000 - 0.5)).toBeLessThan(0.02);
  });

  it('draws integers within inclusive bounds, reaching both ends', () => {
    const random = createRandom(11);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i += 1) {
      const n = random.int(-2, 3);
      expect(Number.isInteger(n) && n >= -2 && n <= 3).toBe(true);
      seen.add(n);
    }
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(random.int(5, 5)).toBe(5);
  });

  it('picks every item of a list and refuses an empty one', () => {
    const random = createRandom(5);
    const items = ['a', 'b', 'c', 'd'] as const;
    const seen = new Set(Array.from({ length: 200 }, () => random.pick(items)));
    expect([...seen].sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});
