/**
 * The guarantee-claim steps in the console's ticket panel, in Debian's Chromium against the real
 * server. Build the console first (`npm run build -w agent-console`). Screenshots go to
 * agent-console/test/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { Claim } from '../../server/src/claims/model.js';
import { Shipment } from '../../server/src/shipments/model.js';
import type { TicketDoc } from '../../server/src/tickets/model.js';
import { makeOwnedUnit, makeProduct } from '../../server/test/aftersales.js';
import { makeUser, startTestApp, type TestApp } from '../../server/test/app.js';
import { makeTicket } from '../../server/test/factories.js';
import { screenshot } from '../../server/test/screenshot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const screenshots = path.join(here, 'screenshots');

let app: TestApp;
let browser: Browser;
let admin: { email: string; password: string };
let claim: TicketDoc;

beforeAll(async () => {
  if (!existsSync(path.join(here, '..', 'dist', 'index.html')))
    throw new Error('agent-console/dist is missing: run `npm run build -w agent-console` first');
  mkdirSync(screenshots, { recursive: true });
  app = await startTestApp();
  admin = await makeUser({ roles: ['admin'] });
  const { unit, owner } = await makeOwnedUnit(await makeProduct());
  claim = await makeTicket(null, {
    contact: owner,
    unit,
    type: 'guarantee-claim',
    subject: 'Heater leaks',
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
});

describe('claim steps in the ticket panel', () => {
  it('approves a claim and sends the unit to the factory with a tracking number', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(15_000);
    onTestFailed(async () => {
      await screenshot(page, { path: path.join(screenshots, 'claim-steps-failure.png') });
    });
    await page.goto(`${app.url}/console/`);
    await page.evaluate(() => localStorage.setItem('cc.console.locale', 'en'));
    await page.reload();
    await page.fill('#login-email', admin.email);
    await page.fill('#login-password', admin.password);
    await page.locator('form.login-card button[type=submit]').click();
    await page.locator('.workspace').waitFor();
    await page.evaluate((id) => (location.hash = `#/inbox/queue/${id}`), String(claim._id));

    const steps = page.locator('section.claim-steps');
    await steps.getByRole('button', { name: 'Approve' }).click();
    await steps.getByRole('button', { name: 'Send to the factory' }).waitFor();
    await steps.getByRole('button', { name: 'Send to the factory' }).click();
    await steps.getByLabel('Shipment tracking number').fill('PST-4455');
    await steps.locator('form button[type=submit]').click();
    await steps.locator('bdi', { hasText: 'PST-4455' }).waitFor();
    expect(await steps.locator('h4 .badge').textContent()).toBe('Sent to the factory');
    await screenshot(page, { path: path.join(screenshots, 'claim-steps-en.png') });

    expect((await Claim.findById(claim._id).lean())!.step).toBe('sent-to-factory');
    expect(await Shipment.countDocuments({ ticket: claim._id, trackingNumber: 'PST-4455' })).toBe(
      1,
    );
    await page.close();
  });
});
