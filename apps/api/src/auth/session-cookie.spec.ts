import { clearedSessionCookie, readCookie, sessionCookie } from './session-cookie';

describe('session cookie', () => {
  it('reads the named cookie among others', () => {
    expect(readCookie('a=1; sid=ses_abc; b=2', 'sid')).toBe('ses_abc');
    expect(readCookie('a=1', 'sid')).toBeUndefined();
    expect(readCookie(undefined, 'sid')).toBeUndefined();
    expect(readCookie('sid=%E0%A4%A', 'sid')).toBeUndefined();
  });

  it('writes an HttpOnly, same-site cookie and clears it', () => {
    expect(sessionCookie('ses_x', 60)).toBe('sid=ses_x; Path=/; HttpOnly; SameSite=Lax; Max-Age=60');
    expect(clearedSessionCookie()).toContain('Max-Age=0');
  });
});
