/**
 * The console's email pieces in Debian's Chromium against the real server: the mailboxes admin
 * page (no secrets shown) and an email in the timeline (sandboxed HTML, folded quote, remote
 * images only on click). Build the console first: `npm run build -w agent-console`.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestEmail } from '../../server/src/channels/email/inbound.js';
import { Mailbox, type MailboxDoc } from '../../server/src/channels/email/model.js';
import { createMailbox } from '../../server/src/channels/email/service.js';
import { makeUser, startTestApp, type TestApp } from '../../server/test/app.js';
import { mailFixture } from '../../server/test/mail-fixtures.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let app: TestApp;
let browser: Browser;
let admin: { email: string; password: string; _id: unknown };
let mailbox: MailboxDoc;

beforeAll(async () => {
  if (!existsSync(path.join(here, '..', 'dist', 'index.html')))
    throw new Error('build the console first: npm run build -w agent-console');
  app = await startTestApp();
  admin = await makeUser({ roles: ['admin'], displayName: 'Ada Admin' });
  const created = await createMailbox(
    {
      name: 'Warranty',
      address: 'warranty@desk.test',
      imap: {
        host: '127.0.0.1',
        port: 9,
        security: 'none',
        user: 'warranty',
        password: 'imap-secret-1',
        folder: 'INBOX',
      },
      smtp: { host: '127.0.0.1', port: 9, security: 'none', user: '', fromName: '' },
      group: null,
      acknowledge: false,
      signature: '',
      active: true,
    },
    String(admin._id),
  );
  await Mailbox.updateOne(
    { _id: created._id },
    { $set: { 'state.lastError': 'connect ECONNREFUSED' } },
  );
  mailbox = (await Mailbox.findById(created._id).lean<MailboxDoc>())!;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function signedIn(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${app.url}/console/`);
  await page.evaluate(() => localStorage.setItem('cc.console.locale', 'en'));
  await page.reload();
  await page.fill('#login-email', admin.email);
  await page.fill('#login-password', admin.password);
  await page.locator('form.login-card button[type=submit]').click();
  await page.locator('.workspace').waitFor();
  return page;
}

describe('email in the console', () => {
  it('lists mailboxes with their state and never shows a password; edits keep it', async () => {
    const page = await signedIn();
    await page.evaluate(() => (location.hash = '#/admin/mailboxes'));
    const row = page.locator('tr[data-mailbox="warranty@desk.test"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Disconnected');
    expect(await row.textContent()).toContain('ECONNREFUSED');
    expect(await page.content()).not.toContain('imap-secret-1');
    await row.getByRole('button', { name: 'Edit' }).click();
    expect(await page.locator('#imap-password').inputValue()).toBe('');
    expect(await page.locator('#imap-password').getAttribute('placeholder')).toContain('Stored');
    await page.locator('#mailbox-name').fill('Warranty desk');
    await page.locator('.admin-form button[type="submit"]').click();
    await page
      .locator('tr[data-mailbox="warranty@desk.test"]', { hasText: 'Warranty desk' })
      .waitFor();
    const stored = (await Mailbox.findById(mailbox._id).lean<MailboxDoc>())!;
    expect(stored.imap.passwordEnc).toBe(mailbox.imap.passwordEnc);
    await page.context().close();
  }, 60_000);

  it('shows an email sandboxed, with its quote folded and remote images only on click', async () => {
    const from = `c-${randomBytes(3).toString('hex')}@customer.example`;
    const first = `${randomBytes(4).toString('hex')}@customer.example`;
    const html = mailFixture('html-script', { FROM: from, TO: mailbox.address, ID: first });
    const stored = await ingestEmail(mailbox, Buffer.from(html));
    expect(stored.status).toBe('stored');
    const reply = mailFixture('gmail-reply', {
      FROM: from,
      TO: mailbox.address,
      ID: `${randomBytes(4).toString('hex')}@customer.example`,
      PARENT: first,
    });
    await ingestEmail(mailbox, Buffer.from(reply));
    const ticketId = stored.status === 'stored' ? stored.ticketId : '';

    const page = await signedIn();
    await page.evaluate((id) => (location.hash = `#/inbox/all/${id}`), ticketId);
    const frames = page.locator('iframe.email-frame');
    await frames.nth(1).waitFor();
    expect(await frames.first().getAttribute('sandbox')).toBe('allow-same-origin allow-popups');

    const scripted = page.frameLocator('iframe.email-frame').first();
    await scripted.locator('img[alt="pixel"]').waitFor({ state: 'attached' });
    expect(await scripted.locator('img[alt="pixel"]').getAttribute('src')).toBeNull();
    expect(await scripted.locator('script, iframe, form').count()).toBe(0);
    await page.getByRole('button', { name: 'Load remote images' }).click();
    expect(await scripted.locator('img[alt="pixel"]').getAttribute('src')).toBe(
      'https://tracker.example.com/pixel.gif',
    );

    const quoted = page
      .frameLocator('iframe.email-frame')
      .nth(1)
      .locator('[data-cc-quoted]')
      .first();
    expect(await quoted.isVisible()).toBe(false);
    await page.getByRole('button', { name: 'Show quoted text' }).click();
    await expect.poll(() => quoted.isVisible()).toBe(true);
    await page.context().close();
  }, 60_000);
});
