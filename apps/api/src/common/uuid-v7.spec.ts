import { isUuid, uuidV7 } from './uuid-v7';

describe('uuidV7', () => {
  it('makes valid version-7 UUIDs that sort by creation order', () => {
    const ids = Array.from({ length: 2000 }, () => uuidV7());
    for (const id of ids) {
      expect(isUuid(id)).toBe(true);
      expect(id[14]).toBe('7');
      expect('89ab').toContain(id[19]);
    }
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('refuses malformed ids', () => {
    expect(isUuid("1' or '1'='1")).toBe(false);
    expect(isUuid(42)).toBe(false);
  });
});
