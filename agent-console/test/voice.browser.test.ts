/**
 * Phone pieces of the console in Debian's Chromium against the real server and the loopback
 * Twilio: the channel settings page, and "Call back" on a callback ticket (the expert's phone is
 * rung first through the real twilio SDK). Build the console first: `npm run build -w agent-console`.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { unregisterChannel } from '../../server/src/channels/registry.js';
import { setPresence } from '../../server/src/routing/presence.js';
import { RoutingRule } from '../../server/src/routing/rules.model.js';
import { makeUser, signIn, startTestApp, type TestApp } from '../../server/test/app.js';
import { makeGroup } from '../../server/test/factories.js';
import { startTwilioLoopback, type TwilioLoopback } from '../../server/test/twilio-loopback.js';
import { screenshot } from '../../server/test/screenshot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist', 'index.html');
const screenshots = path.join(here, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const VOICE_NUMBER = '+982112345670';

type Locale = 'fa' | 'en';
type Person = { email: string; password: string };

let app: TestApp;
let browser: Browser;
let twilioApi: TwilioLoopback;
let expert: Person & { _id: unknown };
let adminPerson: Person;
const expertPhone = '+989121234567';

async function openSignedIn(person: Person, locale: Locale, hash: string): Promise<Page> {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  onTestFailed(async () => {
    await screenshot(page, { path: path.join(screenshots, `voice-failure-${locale}.png`) });
  });
  await page.goto(`${app.url}/console/`);
  await page.evaluate((l) => localStorage.setItem('cc.console.locale', l), locale);
  await page.reload();
  await page.fill('#login-email', person.email);
  await page.fill('#login-password', person.password);
  await page.locator('form.login-card button[type=submit]').click();
  await page.locator('.workspace').waitFor();
  await page.evaluate((h) => (location.hash = h), hash);
  return page;
}

beforeAll(async () => {
  if (!existsSync(dist))
    throw new Error('agent-console/dist is missing: run `npm run build -w agent-console` first');
  mkdirSync(screenshots, { recursive: true });
  twilioApi = await startTwilioLoopback();
  // http PUBLIC_URL: the browser talks to the same origin over http, so the cookie is not Secure.
  app = await startTestApp({
    TWILIO_ACCOUNT_SID: twilioApi.accountSid,
    TWILIO_AUTH_TOKEN: twilioApi.authToken,
    TWILIO_VOICE_NUMBERS: VOICE_NUMBER,
    TWILIO_API_BASE_URL: twilioApi.url,
  });
  const group = await makeGroup({
    isDefault: true,
    name: { fa: 'پشتیبانی تلفنی', en: 'Phone support' },
  });
  await RoutingRule.create({
    kind: 'entry-point',
    entryKind: 'voice-number',
    value: VOICE_NUMBER,
    group: group._id,
  });
  expert = await makeUser({
    roles: ['expert'],
    groups: [group._id],
    phone: expertPhone,
    maxConcurrent: 50,
  });
  await setPresence(String(expert._id), 'online');
  adminPerson = await makeUser({ roles: ['admin'] });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  unregisterChannel('sms');
  await browser?.close();
  await app?.close();
  await twilioApi?.close();
});

describe('console: phone channels', () => {
  it.each<[Locale, RegExp, RegExp]>([
    ['fa', /تلفن: روشن/, /پیامک: روشن/],
    ['en', /Phone: on/, /SMS: on/],
  ])(
    'channel settings (%s): voice on with its number and group, SMS state and why',
    async (locale, voice, sms) => {
      const page = await openSignedIn(adminPerson, locale, '#/admin/channels');
      await page.locator('.channel-settings').first().waitFor();
      const text = await page.locator('.board.admin').innerText();
      expect(text).toMatch(voice);
      expect(text).toMatch(sms);
      expect(text).toContain(VOICE_NUMBER);
      expect(text).toContain(locale === 'fa' ? 'پشتیبانی تلفنی' : 'Phone support');
      await screenshot(page, { path: path.join(screenshots, `channels-${locale}.png`) });
      await page.close();
    },
  );

  it.each<[Locale, string, string]>([
    ['fa', 'تماس بگیر', 'در حال تماس'],
    ['en', 'Call back', 'calling'],
  ])(
    '"Call back" (%s) rings the expert first and shows the attempt',
    async (locale, button, calling) => {
      const session = await signIn(app, expert);
      const customer = `+98912${String(1_000_000 + Math.floor(Math.random() * 8_999_999))}`;
      const created = await session.agent
        .post('/api/callbacks')
        .set('X-CSRF-Token', session.csrf)
        .send({ phone: customer });
      expect(created.status).toBe(201);
      const ticketId = created.body.ticket.id as string;
      const page = await openSignedIn(expert, locale, `#/inbox/mine/${ticketId}`);
      const card = page.locator('.callback-card');
      await card.waitFor();
      expect(await card.innerText()).toContain(customer);
      const before = twilioApi.callRequests().length;
      await card.getByRole('button', { name: button }).click();
      await card.locator('.call-attempts li').waitFor();
      expect(await card.innerText()).toContain(calling);
      const placed = twilioApi.callRequests().slice(before);
      expect(placed).toHaveLength(1);
      expect(placed[0]!.form).toMatchObject({ To: expertPhone, From: VOICE_NUMBER });
      await screenshot(page, { path: path.join(screenshots, `callback-${locale}.png`) });
      await page.close();
    },
  );
});
