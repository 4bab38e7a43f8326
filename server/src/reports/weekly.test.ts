import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { makeContact, makeGroup, makeTicket } from '../../test/factories.js';
import { recordInteraction } from '../interactions/service.js';
import { sendWeeklySummary } from './weekly.js';

/** A minimal SMTP server on loopback that keeps every message it accepts (envelope + data). */
function smtpLoopback(): Promise<{
  server: Server;
  port: number;
  mails: string[];
  rcpts: string[];
}> {
  const mails: string[] = [];
  const rcpts: string[] = [];
  const server = createServer((socket) => {
    let buffer = '';
    let inData = false;
    socket.write('220 loopback ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end === -1) return;
          mails.push(buffer.slice(0, end));
          buffer = buffer.slice(end + 5);
          inData = false;
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol === -1) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 loopback\r\n');
        else if (verb === 'RCPT') {
          rcpts.push(line);
          socket.write('250 ok\r\n');
        } else if (verb === 'DATA') {
          inData = true;
          socket.write('354 go on\r\n');
        } else if (verb === 'QUIT') socket.end('221 bye\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as AddressInfo).port, mails, rcpts }),
    ),
  );
}

/** Decodes a quoted-printable body (soft line breaks, =XX bytes) as UTF-8. */
function quotedPrintable(body: string): string {
  const joined = body.replace(/=\r\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < joined.length; i++) {
    if (joined[i] === '=' && /^[0-9A-F]{2}$/.test(joined.slice(i + 1, i + 3))) {
      bytes.push(parseInt(joined.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(joined[i]!, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

let app: TestApp;
let smtp: Awaited<ReturnType<typeof smtpLoopback>>;

beforeAll(async () => {
  smtp = await smtpLoopback();
  app = await startTestApp({
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    MAIL_FROM: 'Reports <reports@test.local>',
    REPORTS_WEEKLY_RECIPIENTS: 'boss@test.local, quality@test.local',
  });
  const group = await makeGroup();
  const contact = await makeContact();
  await makeTicket(group, { contact, channel: 'webchat' });
  await makeTicket(group, { contact, channel: 'sms' });
  await recordInteraction({
    channel: 'voice',
    direction: 'in',
    caller: { kind: 'phone', value: '+989120000002' },
    outcome: 'missed',
    startedAt: new Date(Date.now() - 86_400_000),
  });
});

afterAll(async () => {
  await app?.close();
  smtp?.server.close();
});

describe('weekly summary email', () => {
  it('sends the last seven days to every configured recipient, in Persian and English', async () => {
    expect(await sendWeeklySummary(new Date(Date.now() + 86_400_000))).toBe(true);
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.rcpts.join(' ')).toContain('boss@test.local');
    expect(smtp.rcpts.join(' ')).toContain('quality@test.local');
    const mail = smtp.mails[0]!;
    expect(mail).toContain('/_Weekly_report?=');
    const text = quotedPrintable(mail.slice(mail.indexOf('\r\n\r\n') + 4));
    expect(text).toContain('گزارش هفتگی مرکز تماس');
    expect(text).toContain('Contacts: 1 (in 1, out 0); tickets: 2');
    expect(text).toContain('missed calls: 1');
    expect(text).toContain('تماس‌ها: ۱ (ورودی ۱، خروجی ۰) — تیکت‌ها: ۲');
    expect(text).toContain('/console/#/reports');
  });
});
