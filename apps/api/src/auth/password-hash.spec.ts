import { DUMMY_HASH, hashPassword, verifyPassword } from './password-hash';

describe('password hashing', () => {
  it('verifies the right password only, and never stores it in clear', async () => {
    const stored = await hashPassword('Demo@2026');
    expect(stored).not.toContain('Demo@2026');
    expect(await verifyPassword('Demo@2026', stored)).toBe(true);
    expect(await verifyPassword('demo@2026', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash and rejects the dummy hash', async () => {
    expect(await hashPassword('x')).not.toEqual(await hashPassword('x'));
    expect(await verifyPassword('anything', DUMMY_HASH)).toBe(false);
  });
});
