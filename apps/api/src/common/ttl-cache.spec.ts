import { TtlCache } from './ttl-cache';

describe('TtlCache', () => {
  it('expires entries, caps the size and deletes by predicate', () => {
    const c = new TtlCache<string, number>(1000, 2);
    c.set('a', 1, 0);
    expect(c.get('a', 999)).toBe(1);
    expect(c.get('a', 1000)).toBeUndefined();
    c.set('a', 1, 0);
    c.set('b', 2, 0);
    c.set('c', 3, 0);
    expect(c.get('a', 1)).toBeUndefined();
    expect(c.get('c', 1)).toBe(3);
    c.deleteWhere((v) => v === 3);
    expect(c.get('c', 1)).toBeUndefined();
    c.set('d', 4, 0, 10);
    expect(c.get('d', 11)).toBeUndefined();
  });
});
