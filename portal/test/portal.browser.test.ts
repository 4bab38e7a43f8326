/**
 * The customer portal in Debian's Chromium at phone width against the real server. Runs under the
 * server's vitest setup and serves portal/dist, so build it first: `npm run build -w portal`.
 * Screenshots go to portal/test/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { ContactDoc } from '../../server/src/contacts/model.js';
import type { UnitDoc } from '../../server/src/products/model.js';
import { Survey } from '../../server/src/surveys/model.js';
import { issueSurveyToken } from '../../server/src/surveys/tokens.js';
import { Message } from '../../server/src/tickets/message.model.js';
import { PNG, lastFour, makeOwnedUnit, makeProduct } from '../../server/test/aftersales.js';
import {
  makeUser,
  signIn,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '../../server/test/app.js';
import { makeTicket } from '../../server/test/factories.js';
import { screenshot } from '../../server/test/screenshot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist', 'index.html');
const screenshots = path.join(here, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let app: TestApp;
let browser: Browser;
let admin: SignedIn;
let unit: UnitDoc;
let owner: ContactDoc;

beforeAll(async () => {
  if (!existsSync(dist))
    throw new Error('portal/dist is missing: run `npm run build -w portal` first');
  mkdirSync(screenshots, { recursive: true });
  app = await startTestApp();
  admin = await signIn(app, await makeUser({ roles: ['admin'] }));
  ({ unit, owner } = await makeOwnedUnit(await makeProduct()));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

async function openPortal(pathname: string, locale: 'fa' | 'en'): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  onTestFailed(async () => {
    await screenshot(page, { path: path.join(screenshots, `failure-${locale}.png`) });
  });
  await page.goto(`${app.url}${pathname}?lang=${locale}`);
  return page;
}

describe('customer portal in the browser', () => {
  it('serial -> status -> owner digits -> guarantee claim with a photo -> in the queue', async () => {
    const page = await openPortal('/support/', 'fa');
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.fill('input[name=serial]', unit.serial);
    await page.click('button[type=submit]');
    const status = page.getByTestId('unit-status');
    await status.waitFor();
    expect(await status.textContent()).toContain('گارانتی طلایی');
    await screenshot(page, { path: path.join(screenshots, 'status-fa.png'), fullPage: true });

    await page.fill('input[name=phoneLast4]', lastFour(owner));
    await page.click('button[type=submit]');
    await page.getByTestId('history').waitFor();
    await page.getByRole('button', { name: 'ثبت درخواست گارانتی' }).click();
    await page.fill('textarea[name=description]', 'آبگرمکن از پایین نشت می‌کند');
    await page.setInputFiles('input[name=photos]', {
      name: 'leak.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await screenshot(page, { path: path.join(screenshots, 'claim-form-fa.png'), fullPage: true });
    await page.locator('form.request button[type=submit]').click();
    const done = page.getByTestId('request-done');
    await done.waitFor();
    const text = (await done.textContent()) ?? '';
    const label = /T-\d+/.exec(text)?.[0];
    expect(label).toBeDefined();
    expect(text).not.toContain('ذخیره نشد');
    await page.getByTestId('history').getByText(label!).waitFor();
    await screenshot(page, { path: path.join(screenshots, 'claim-filed-fa.png'), fullPage: true });

    await page.getByRole('button', { name: 'گفت‌وگو با کارشناس' }).click();
    await page.locator('iframe').waitFor(); // the chat widget, loaded with the portal's key
    expect(await page.locator('script[data-portal-widget]').getAttribute('data-key')).toBe('demo');

    const queue = await admin.agent.get('/api/tickets?type=guarantee-claim&channel=portal');
    expect(queue.status).toBe(200);
    const filed = queue.body.items.find((t: { label: string }) => t.label === label);
    expect(filed).toMatchObject({ type: 'guarantee-claim', channel: 'portal' });
    const message = await Message.findOne({ ticket: filed.id, channel: 'portal' }).lean();
    expect(message!.attachments.map((a) => a.name)).toEqual(['leak.png']);
    await page.context().close();
  });

  it('speaks English left to right and shows the coverage dates', async () => {
    const page = await openPortal('/support/', 'en');
    expect(await page.getAttribute('html', 'dir')).toBe('ltr');
    await page.fill('input[name=serial]', 'bad serial!');
    await page.click('button[type=submit]');
    await page.getByRole('alert').waitFor();
    await page.fill('input[name=serial]', unit.serial);
    await page.click('button[type=submit]');
    await page.getByTestId('unit-status').waitFor();
    expect(await page.getByTestId('unit-status').textContent()).toContain('Gold guarantee');
    await screenshot(page, { path: path.join(screenshots, 'status-en.png'), fullPage: true });
    await page.context().close();
  });

  it('answers a survey once; the link then says it was used', async () => {
    const ticket = await makeTicket(null, { channel: 'sms', contact: owner });
    const survey = await Survey.create({
      kind: 'csat',
      contact: owner._id,
      ticket: ticket._id,
      channel: 'sms',
      tokenHash: 'pending',
      expiresAt: new Date(Date.now() + 3600_000),
    });
    const issued = issueSurveyToken(String(survey._id));
    await Survey.updateOne(
      { _id: survey._id },
      { $set: { tokenHash: issued.tokenHash, expiresAt: issued.expiresAt } },
    );
    const page = await openPortal(`/support/survey/${encodeURIComponent(issued.token)}`, 'fa');
    await page.locator('.scale label').nth(3).click();
    await page.fill('textarea[name=comment]', 'خیلی خوب بود');
    await screenshot(page, { path: path.join(screenshots, 'survey-fa.png'), fullPage: true });
    await page.locator('form.survey button[type=submit]').click();
    await page.getByRole('status').waitFor();
    expect((await Survey.findById(survey._id).lean())!.score).toBe(4);
    await page.reload();
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('پیش‌تر پاسخ داده شده');
    await screenshot(page, { path: path.join(screenshots, 'survey-used-fa.png'), fullPage: true });
    await page.context().close();
  });
});
