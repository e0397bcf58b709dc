import { startSmtpListener } from '../../test/smtp-listener';
import { encodeHeader, isMailAddress, sendMail, SmtpError } from './smtp-client';

describe('the SMTP client', () => {
  let listener: Awaited<ReturnType<typeof startSmtpListener>>;
  beforeAll(async () => {
    listener = await startSmtpListener({ refuse: ['nobody@example.com'] });
  });
  afterAll(async () => listener.close());

  it('sends a UTF-8 message to a real SMTP server on loopback', async () => {
    const server = { host: '127.0.0.1', port: listener.port, secure: false, user: 'bot', password: 'secret' };
    await sendMail(server, { from: 'platform@example.com', to: 'legal@example.com', subject: '一条审批抄送给你 / An approval was copied to you', text: '报价单 Q-001\n第二行', date: new Date('2026-03-01T08:00:00Z') });
    const mail = listener.received.at(-1);
    expect(mail).toMatchObject({ from: 'platform@example.com', to: ['legal@example.com'], subject: '一条审批抄送给你 / An approval was copied to you', text: '报价单 Q-001\n第二行' });
    expect(mail?.data).toContain('Date: Sun, 01 Mar 2026 08:00:00 GMT');
  });

  it('fails with the server’s reply when a recipient is refused, and never writes unsafe addresses', async () => {
    const server = { host: '127.0.0.1', port: listener.port, secure: false };
    const message = { from: 'platform@example.com', to: 'nobody@example.com', subject: 'x', text: 'x', date: new Date() };
    await expect(sendMail(server, message)).rejects.toMatchObject({ name: 'SmtpError', code: 550 });
    await expect(sendMail(server, { ...message, to: 'a@example.com>\r\nRCPT TO:<b@example.com' })).rejects.toBeInstanceOf(SmtpError);
    expect(isMailAddress('a@b.cn')).toBe(true);
    expect(isMailAddress('a b@c.cn')).toBe(false);
  });

  it('fails when nothing listens', async () => {
    await expect(sendMail({ host: '127.0.0.1', port: 1, secure: false }, { from: 'a@b.cn', to: 'c@d.cn', subject: 's', text: 't', date: new Date() })).rejects.toBeInstanceOf(SmtpError);
  });

  it('encodes non-ASCII header values as RFC 2047 words of a safe length', () => {
    expect(encodeHeader('Approved')).toBe('Approved');
    const encoded = encodeHeader('审批'.repeat(30));
    expect(encoded.split('\r\n ').every((word) => word.length <= 75)).toBe(true);
    expect(encodeHeader('a\r\nBcc: x@y.z')).toBe('a Bcc: x@y.z');
  });
});
