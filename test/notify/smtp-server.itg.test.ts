// The local SMTP server is what scripts/infra.sh says it is: STARTTLS required
// before AUTH or mail, AUTH required, implicit TLS on its own port, the
// self-signed certificate valid for 127.0.0.1. Spoken to by hand here, so a
// misconfigured server cannot hide behind the mail library's defaults.
import { readFileSync } from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import { describe, expect, it } from '@jest/globals';
import { smtpInfra } from '../support/smtp-mailbox';

/** A line-oriented SMTP conversation: send a command, read the (multi-line) reply. */
function conversation(socket: net.Socket) {
  let buffer = '';
  const waiting: ((reply: string) => void)[] = [];
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    // A reply ends with a line "NNN text" (space after the code).
    const m = /(?:^|\r\n)(\d{3}) [^\r\n]*\r\n$/.exec(buffer);
    if (m && waiting.length) {
      const reply = buffer;
      buffer = '';
      waiting.shift()!(reply);
    }
  });
  const read = () => new Promise<string>((resolve) => waiting.push(resolve));
  return { read, say: (line: string) => (socket.write(`${line}\r\n`), read()) };
}

describe('the local SMTP server (aiosmtpd)', () => {
  const s = smtpInfra();

  it('offers STARTTLS but no AUTH in clear, and refuses mail before STARTTLS', async () => {
    const socket = net.connect(s.starttlsPort, s.host);
    const c = conversation(socket);
    expect(await c.read()).toMatch(/^220 /);
    const ehlo = await c.say('EHLO test.local');
    expect(ehlo).toContain('250-STARTTLS');
    expect(ehlo).not.toContain('AUTH');
    expect(await c.say('AUTH PLAIN AHg=')).toMatch(/^530 /);
    expect(await c.say('MAIL FROM:<a@b.example>')).toMatch(/^530 /);
    socket.destroy();
  });

  it('after STARTTLS (certificate verified against the CA file) it offers AUTH and refuses mail without it', async () => {
    const plain = net.connect(s.starttlsPort, s.host);
    const c = conversation(plain);
    await c.read();
    await c.say('EHLO test.local');
    expect(await c.say('STARTTLS')).toMatch(/^220 /);
    plain.removeAllListeners('data');
    const secure = tls.connect({ socket: plain, ca: readFileSync(s.caFile, 'utf8') });
    await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    expect(secure.authorized).toBe(true);
    const t = conversation(secure);
    const ehlo = await t.say('EHLO test.local');
    expect(ehlo).toMatch(/250-AUTH LOGIN PLAIN|250 AUTH LOGIN PLAIN/);
    expect(await t.say('MAIL FROM:<a@b.example>')).toMatch(/^530 5\.7\.0 Authentication required/);
    const wrong = Buffer.from(`\0${s.user}\0not-the-password`).toString('base64');
    expect(await t.say(`AUTH PLAIN ${wrong}`)).toMatch(/^535 /);
    secure.destroy();
  });

  it('speaks implicit TLS on the other port with the same certificate', async () => {
    const secure = tls.connect({ host: s.host, port: s.tlsPort, ca: readFileSync(s.caFile, 'utf8') });
    await new Promise<void>((resolve, reject) => secure.once('secureConnect', resolve).once('error', reject));
    expect(secure.authorized).toBe(true);
    const c = conversation(secure);
    expect(await c.read()).toMatch(/^220 /);
    expect(await c.say('EHLO test.local')).toContain('AUTH');
    secure.destroy();
  });
});
