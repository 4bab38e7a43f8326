/**
 * Management's list of complaints, suggestions and criticisms, in Debian's Chromium against the
 * real server. Build the console first (`npm run build -w agent-console`).
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { makeUser, startTestApp, type TestApp } from '../../server/test/app.js';
import { makeTicket } from '../../server/test/factories.js';
import { ticketNumberLabel } from '../../server/src/tickets/model.js';
import { screenshot } from '../../server/test/screenshot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const screenshots = path.join(here, 'screenshots');

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!existsSync(path.join(here, '..', 'dist', 'index.html')))
    throw new Error('agent-console/dist is missing: run `npm run build -w agent-console` first');
  mkdirSync(screenshots, { recursive: true });
  app = await startTestApp();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('complaints and suggestions list', () => {
  it('shows a supervisor every complaint and suggestion, filtered by kind, in Persian', async () => {
    const supervisor = await makeUser({ roles: ['supervisor'] });
    const complaint = await makeTicket(null, { type: 'complaint', subject: 'دیر رسیدن تکنسین' });
    const suggestion = await makeTicket(null, { type: 'suggestion', subject: 'اپ موبایل' });
    await makeTicket(null, { type: 'question', subject: 'not feedback' });

    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => {
      await screenshot(page, { path: path.join(screenshots, 'feedback-failure.png') });
    });
    await page.goto(`${app.url}/console/`);
    await page.evaluate(() => localStorage.setItem('cc.console.locale', 'fa'));
    await page.reload();
    await page.fill('#login-email', supervisor.email);
    await page.fill('#login-password', supervisor.password);
    await page.locator('form.login-card button[type=submit]').click();
    await page.locator('.workspace').waitFor();
    await page.evaluate(() => (location.hash = '#/admin/feedback'));

    const rows = page.locator('section[aria-label="شکایت‌ها و پیشنهادها"] tbody tr');
    await rows.nth(1).waitFor();
    expect(await rows.count()).toBe(2);
    const text = await rows.allTextContents();
    expect(text.join(' ')).toContain(ticketNumberLabel(complaint.number));
    expect(text.join(' ')).toContain('پیشنهاد');
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    await screenshot(page, { path: path.join(screenshots, 'feedback-fa.png') });

    await page.selectOption('#feedback-type', 'suggestion');
    await page.waitForFunction(
      () => document.querySelectorAll('.admin-table tbody tr').length === 1,
    );
    expect(await rows.first().textContent()).toContain(ticketNumberLabel(suggestion.number));
    await page.close();
  });
});
