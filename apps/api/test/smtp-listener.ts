import net from 'node:net';

/** A message the listener accepted: the envelope, the raw DATA, and its decoded subject and text body. */
export type ReceivedMail = { from: string; to: string[]; data: string; subject: string; text: string };

/** RFC 2047 encoded words (B encoding) back to text. */
function decodeHeader(value: string): string {
  return value.replace(/\r\n /g, '').replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));
}

function decode(data: string): { subject: string; text: string } {
  const [head, ...rest] = data.split('\r\n\r\n');
  const subject = /^Subject: ((?:.*)(?:\r\n .*)*)/m.exec(head)?.[1] ?? '';
  const body = rest.join('\r\n\r\n');
  const text = /Content-Transfer-Encoding: base64/i.test(head) ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8') : body;
  return { subject: decodeHeader(subject), text };
}

/**
 * A tiny SMTP server on loopback for tests: EHLO, AUTH, MAIL, RCPT, DATA, QUIT. `refuse` makes RCPT TO
 * for an address answer 550.
 */
export async function startSmtpListener(options: { refuse?: string[] } = {}) {
  const received: ReceivedMail[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.setEncoding('utf8');
    let buffer = '';
    let inData = false;
    let mail: { from: string; to: string[] } = { from: '', to: [] };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    socket.on('data', (chunk: string) => {
      buffer += chunk;
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const data = buffer.slice(0, end);
          buffer = buffer.slice(end + 5);
          inData = false;
          received.push({ ...mail, data, ...decode(data) });
          mail = { from: '', to: [] };
          reply('250 2.0.0 queued');
          continue;
        }
        const at = buffer.indexOf('\r\n');
        if (at < 0) return;
        const line = buffer.slice(0, at);
        buffer = buffer.slice(at + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-test.local\r\n250-8BITMIME\r\n250 AUTH PLAIN\r\n');
        else if (verb === 'AUTH') reply('235 2.7.0 ok');
        else if (verb === 'MAIL') { mail.from = /<(.*)>/.exec(line)?.[1] ?? ''; reply('250 2.1.0 ok'); }
        else if (verb === 'RCPT') {
          const to = /<(.*)>/.exec(line)?.[1] ?? '';
          if (options.refuse?.includes(to)) reply('550 5.1.1 no such user');
          else { mail.to.push(to); reply('250 2.1.5 ok'); }
        } else if (verb === 'DATA') { inData = true; reply('354 go ahead'); }
        else if (verb === 'QUIT') { reply('221 bye'); socket.end(); return; }
        else reply('502 5.5.2 not implemented');
      }
    });
    socket.write('220 test.local ESMTP\r\n');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
