import { randomBytes } from 'node:crypto';
import net from 'node:net';
import os from 'node:os';
import tls from 'node:tls';

/** Where and how to send: a relay on `host:port`, plain or implicit TLS, AUTH PLAIN when `user` is set. */
export type SmtpServer = { host: string; port: number; secure: boolean; user?: string; password?: string; timeoutMs?: number };
export type MailMessage = { from: string; to: string; subject: string; text: string; date: Date };

/** An SMTP reply the client did not expect (the code and the server's words), or a broken connection. */
export class SmtpError extends Error {
  constructor(message: string, readonly code: number | null = null) {
    super(message);
    this.name = 'SmtpError';
  }
}

/** A mailbox we are willing to put in an envelope and a header: one address, no spaces, no line breaks. */
export function isMailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 254 && /^[^\s@<>()",;:\\]+@[^\s@<>()",;:\\]+\.[^\s@<>()",;:\\]+$/.test(value);
}

/** RFC 2047: a header value in UTF-8, base64 encoded words when it is not plain ASCII. */
export function encodeHeader(value: string): string {
  const clean = value.replace(/[\r\n]+/g, ' ');
  if (/^[\x20-\x7e]*$/.test(clean)) return clean;
  const words: string[] = [];
  let chunk = '';
  for (const char of clean) {
    // Encoded words stay under 75 characters: about 45 bytes of UTF-8 each.
    if (Buffer.byteLength(chunk + char) > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`).join('\r\n ');
}

/** The message as sent after DATA: headers, then the UTF-8 text body in base64 lines (no dot-stuffing needed). */
export function formatMessage(message: MailMessage, messageId: string): string {
  const body = Buffer.from(message.text, 'utf8').toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return [
    `From: ${message.from}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${message.date.toUTCString()}`,
    `Message-ID: <${messageId}>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: base64',
    '',
    body,
  ].join('\r\n');
}

/** Reads SMTP replies off a socket: a reply is complete at a line whose fourth character is a space. */
class ReplyReader {
  private buffer = '';
  private lines: string[] = [];
  private waiting: { resolve: (reply: { code: number; text: string }) => void; reject: (e: Error) => void } | null = null;
  private failure: Error | null = null;
  private readonly replies: { code: number; text: string }[] = [];

  constructor(socket: net.Socket) {
    socket.setEncoding('utf8');
    socket.on('data', (data: string) => this.take(data));
    socket.on('error', (e) => this.fail(new SmtpError(`SMTP connection failed: ${e.message}`)));
    socket.on('close', () => this.fail(new SmtpError('SMTP connection closed')));
  }

  private take(data: string) {
    this.buffer += data;
    let at = this.buffer.indexOf('\r\n');
    while (at >= 0) {
      const line = this.buffer.slice(0, at);
      this.buffer = this.buffer.slice(at + 2);
      this.lines.push(line);
      if (line.length < 4 || line[3] === ' ') {
        this.replies.push({ code: Number(line.slice(0, 3)), text: this.lines.join('\n') });
        this.lines = [];
      }
      at = this.buffer.indexOf('\r\n');
    }
    this.deliver();
  }

  private fail(e: Error) {
    this.failure ??= e;
    this.deliver();
  }

  private deliver() {
    if (!this.waiting) return;
    const reply = this.replies.shift();
    if (reply) this.waiting.resolve(reply);
    else if (this.failure) this.waiting.reject(this.failure);
    else return;
    this.waiting = null;
  }

  next(): Promise<{ code: number; text: string }> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.deliver();
    });
  }
}

function connect(server: SmtpServer): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = server.secure
      ? tls.connect({ host: server.host, port: server.port, servername: server.host }, () => resolve(socket))
      : net.connect({ host: server.host, port: server.port }, () => resolve(socket));
    socket.once('error', (e) => reject(new SmtpError(`SMTP connection failed: ${e.message}`)));
    socket.setTimeout(server.timeoutMs ?? 30_000, () => socket.destroy(new Error('timed out')));
  });
}

/**
 * Sends one message: EHLO, AUTH PLAIN (when configured), MAIL FROM, RCPT TO, DATA, QUIT. Throws
 * SmtpError on any reply other than the expected one, so the caller's job is retried.
 */
export async function sendMail(server: SmtpServer, message: MailMessage): Promise<void> {
  if (!isMailAddress(message.from) || !isMailAddress(message.to)) throw new SmtpError('sender and recipient must be plain email addresses');
  const socket = await connect(server);
  const replies = new ReplyReader(socket);
  const expect = async (codes: number[], what: string) => {
    const reply = await replies.next();
    if (!codes.includes(reply.code)) throw new SmtpError(`SMTP ${what}: ${reply.text}`, reply.code);
  };
  const command = async (line: string, codes: number[], what = line.split(' ')[0]) => {
    socket.write(`${line}\r\n`);
    await expect(codes, what);
  };
  try {
    await expect([220], 'greeting');
    await command(`EHLO ${os.hostname().replace(/[^A-Za-z0-9.-]/g, '') || 'localhost'}`, [250]);
    if (server.user) await command(`AUTH PLAIN ${Buffer.from(`\0${server.user}\0${server.password ?? ''}`, 'utf8').toString('base64')}`, [235], 'AUTH');
    await command(`MAIL FROM:<${message.from}>`, [250]);
    await command(`RCPT TO:<${message.to}>`, [250, 251]);
    await command('DATA', [354]);
    const domain = message.from.split('@')[1];
    await command(`${formatMessage(message, `${randomBytes(12).toString('hex')}@${domain}`)}.`, [250], 'message');
    await command('QUIT', [221]).catch(() => undefined);
  } finally {
    socket.destroy();
  }
}
