/**
 * The reports page in Debian's Chromium against the real server: a supervisor opens it from the
 * navigation in Persian and in English, and the charts render (Chart.js is a lazy chunk). Serves
 * agent-console/dist, so build the console first. Screenshots go to agent-console/test/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { recordInteraction } from '../../server/src/interactions/service.js';
import { makeUser, startTestApp, type TestApp } from '../../server/test/app.js';
import { makeContact, makeGroup, makeTicket } from '../../server/test/factories.js';
import { screenshot } from '../../server/test/screenshot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist', 'index.html');
const screenshots = path.join(here, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT_MS = 20_000;

let app: TestApp;
let browser: Browser;
let supervisor: { email: string; password: string };

beforeAll(async () => {
  if (!existsSync(dist))
    throw new Error('agent-console/dist is missing: run `npm run build -w agent-console` first');
  mkdirSync(screenshots, { recursive: true });
  app = await startTestApp();
  supervisor = await makeUser({ roles: ['supervisor'], displayName: 'Mina Supervisor' });
  const group = await makeGroup();
  const contact = await makeContact({ province: 'Tehran' });
  for (let i = 0; i < 3; i++) await makeTicket(group, { contact, channel: 'webchat' });
  await makeTicket(group, { contact, channel: 'sms' });
  const now = Date.now();
  for (const [channel, minutesAgo] of [
    ['webchat', 5],
    ['webchat', 90],
    ['sms', 30],
    ['voice', 60 * 26],
  ] as const)
    await recordInteraction({
      channel,
      direction: 'in',
      caller: { kind: 'phone', value: '+989120000001' },
      contact: contact._id,
      outcome: channel === 'voice' ? 'missed' : 'received',
      startedAt: new Date(now - minutesAgo * 60_000),
    });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openReports(locale: 'fa' | 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  onTestFailed(async () => {
    await screenshot(page, { path: path.join(screenshots, `reports-failure-${locale}.png`) });
  });
  await page.goto(`${app.url}/console/`);
  await page.evaluate((l) => localStorage.setItem('cc.console.locale', l), locale);
  await page.reload();
  await page.fill('#login-email', supervisor.email);
  await page.fill('#login-password', supervisor.password);
  await page.locator('form.login-card button[type=submit]').click();
  await page.locator('.workspace').waitFor();
  await page.locator('a[href="#/reports"]').click();
  await page.locator('.report-chart[data-chart="volume-by-day"][data-ready="true"]').waitFor();
  await page.locator('.report-chart[data-chart="volume-by-channel"][data-ready="true"]').waitFor();
  return page;
}

/** Did the canvas draw anything besides its white background? */
const canvasHasInk = (page: Page, chart: string) =>
  page.locator(`.report-chart[data-chart="${chart}"] canvas`).evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const ctx = canvas.getContext('2d')!;
    const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
    let ink = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i]! < 200 || data[i + 1]! < 200 || data[i + 2]! < 200) ink += 1;
    return ink;
  });

describe('reports page', () => {
  it('shows the reports in Persian with Persian digits and a drawn chart', async () => {
    const page = await openReports('fa');
    await expect.poll(() => page.locator('html').getAttribute('dir')).toBe('rtl');
    await expect.poll(() => page.locator('.reports h2').textContent()).toBe('گزارش‌ها');
    // 4 contacts in the last 7 days, shown with Persian digits.
    await expect.poll(() => page.locator('.report-kpis dd').first().textContent()).toBe('۴');
    expect(await canvasHasInk(page, 'volume-by-day')).toBeGreaterThan(100);
    const csv = await page.locator('a[href*="table=volume-by-day"]').getAttribute('href');
    expect(csv).toContain('/api/reports/export.csv?period=7d');
    for (const title of [
      'دستگاه‌های ارسالی به کارخانه',
      'پیگیری رضایت از شکایت',
      'امتیاز بازدید نمایندگی‌ها',
    ])
      await page.locator('.report-table h3', { hasText: title }).waitFor();
    await screenshot(page, { path: path.join(screenshots, 'reports-fa.png'), fullPage: true });
    await page.context().close();
  });

  it('shows the reports in English and downloads a chart as PNG', async () => {
    const page = await openReports('en');
    await expect.poll(() => page.locator('.reports h2').textContent()).toBe('Reports');
    await expect.poll(() => page.locator('.report-kpis dd').first().textContent()).toBe('4');
    expect(await canvasHasInk(page, 'volume-by-channel')).toBeGreaterThan(100);
    for (const title of [
      'Units sent to the factory',
      'Campaign results',
      'Guarantee claims by step',
    ])
      await page.locator('.report-table h3', { hasText: title }).waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('.report-chart[data-chart="volume-by-day"] figcaption button').click(),
    ]);
    expect(download.suggestedFilename()).toBe('volume-by-day.png');
    await screenshot(page, { path: path.join(screenshots, 'reports-en.png'), fullPage: true });
    await page.context().close();
  });
});
