import { describe, expect, it } from 'vitest';
import { mailFixture } from '../../../test/mail-fixtures.js';
import { composeBodies, replySubject } from './compose.js';
import { normaliseIds, parseEmail, ticketNumberInSubject } from './parse.js';
import { foldText } from './quotes.js';
import { sanitiseEmailHtml } from './sanitise.js';

const base = { FROM: 'c@example.com', TO: 'support@desk.test', ID: 'm1@example.com' };
const parse = (name: string, extra: Record<string, string> = {}) =>
  parseEmail(Buffer.from(mailFixture(name, { ...base, ...extra })));

describe('email parsing', () => {
  it('decodes Persian subjects in base64 and quoted-printable', async () => {
    expect((await parse('multipart-alternative')).subject).toBe('یخچال من خنک نمی‌کند');
    const qp = await parse('persian-qp');
    expect(qp.subject).toBe('درخواست گارانتی');
    expect(qp.text).toContain('لطفاً گارانتی');
  });

  it('normalises references given as one string or several', () => {
    expect(normaliseIds('<a@x>')).toEqual(['a@x']);
    expect(normaliseIds('<a@x> <b@x>')).toEqual(['a@x', 'b@x']);
    expect(normaliseIds(['<a@x>', '<b@x>'])).toEqual(['a@x', 'b@x']);
    expect(normaliseIds(undefined)).toEqual([]);
  });

  it('gives a mail without Message-ID a stable hash', async () => {
    const a = await parse('no-message-id');
    const b = await parse('no-message-id');
    expect(a.messageId).toMatch(/^hash:[0-9a-f]{40}$/);
    expect(a.messageId).toBe(b.messageId);
  });

  it('recognises auto-replies and delivery status notifications', async () => {
    expect((await parse('out-of-office')).kind).toBe('auto-reply');
    const dsn = await parse('dsn-bounce', { RCPT: 'gone@example.com', ORIGINAL: 'orig@desk.test' });
    expect(dsn.kind).toBe('bounce');
    expect(dsn.bouncedIds).toEqual(['orig@desk.test']);
    expect((await parse('persian-qp')).kind).toBe('message');
  });

  it('finds [T-n] in subjects, with Persian digits too', () => {
    expect(ticketNumberInSubject('RE: noise [T-1042]')).toBe(1042);
    expect(ticketNumberInSubject('پاسخ [T-۱۰۴۲]')).toBe(1042);
    expect(ticketNumberInSubject('no number')).toBeNull();
  });
});

describe('quoted replies and signatures', () => {
  it('folds a Gmail reply: reply, signature, quote', async () => {
    const mail = await parse('gmail-reply', { PARENT: 'p@x' });
    expect(mail.folded.visible).toBe('Thanks, the technician can come on Sunday.');
    expect(mail.folded.signature).toContain('Maryam Ahmadi');
    expect(mail.folded.quoted).toMatch(/^On Fri, Dec 4, 2026/);
    expect(mail.folded.quoted).toContain('> Please tell us');
  });

  it('folds an Outlook reply at its header block', async () => {
    const mail = await parse('outlook-reply', { NUMBER: '7' });
    expect(mail.folded.visible).toBe('The noise started again this morning.');
    expect(mail.folded.quoted).toContain('Did the noise stop');
  });

  it('keeps a mail without quotes whole', () => {
    expect(foldText('just this\nand that')).toEqual({
      visible: 'just this\nand that',
      quoted: '',
      signature: '',
    });
  });
});

describe('HTML sanitising', () => {
  it('removes scripts, handlers, styles, frames and forms; parks remote images', async () => {
    const mail = await parse('html-script');
    const { html, remoteImages } = sanitiseEmailHtml(mail.html!);
    expect(html).not.toMatch(
      /<script|onerror|onclick|onload|<style|<iframe|<form|<input|<svg|javascript:/i,
    );
    expect(html).not.toMatch(/\ssrc="https:\/\/tracker/);
    expect(html).toContain('data-remote-src="https://tracker.example.com/pixel.gif"');
    expect(html).toContain('href="https://example.com/x"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(remoteImages).toBe(1);
  });

  it('marks quoted blocks for folding', async () => {
    const mail = await parse('gmail-reply', { PARENT: 'p@x' });
    expect(sanitiseEmailHtml(mail.html!).html).toContain('data-cc-quoted="1"');
  });

  it('points cid: images at stored attachments and drops unknown ones', () => {
    const { html } = sanitiseEmailHtml('<img src="cid:logo@x"><img src="cid:other">', (cid) =>
      cid === 'logo@x' ? '/api/attachments/abc' : null,
    );
    expect(html).toBe('<img src="/api/attachments/abc" /><img />');
  });
});

describe('outgoing bodies', () => {
  it('writes Persian HTML right to left with the signature, escaped', () => {
    const { text, html } = composeBodies('سلام <b>', 'Sara\nSupport');
    expect(text).toBe('سلام <b>\n\n-- \nSara\nSupport');
    expect(html).toContain('dir="rtl"');
    expect(html).toContain('سلام &lt;b&gt;');
    expect(composeBodies('Hello', '').html).toContain('dir="ltr"');
  });

  it('keeps one Re: and the ticket number', () => {
    expect(replySubject('RE: Re: Pump', 'T-5')).toBe('Re: Pump [T-5]');
    expect(replySubject('Pump [T-5]', 'T-5')).toBe('Re: Pump [T-5]');
  });
});
