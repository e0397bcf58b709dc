/** A small seeded pseudo-random source: the same seed always gives the same sequence. */
export type Random = {
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max], both inclusive. */
  int(min: number, max: number): number;
  /** One item of a non-empty list. */
  pick<T>(items: readonly T[]): T;
};

/**
 * mulberry32 (Tommy Ettinger's 32-bit generator): one 32-bit state word, a few integer operations per
 * draw, good enough statistics for demo and benchmark data, and no allocation per draw.
 * The seed is taken modulo 2^32 (non-integers are truncated).
 */
export function createRandom(seed: number): Random {
  let state = Math.trunc(Number.isFinite(seed) ? seed : 0) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int(min: number, max: number): number {
      const low = Math.ceil(Math.min(min, max));
      const high = Math.floor(Math.max(min, max));
      return low + Math.floor(next() * (high - low + 1));
    },
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick needs at least one item');
      return items[Math.floor(next() * items.length)] as T;
    },
  };
}
