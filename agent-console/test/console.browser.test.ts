/**
 * The agent console in Debian's Chromium against the real server (HTTP + socket.io, MongoDB,
 * Redis). Runs under the server's vitest setup (it needs its services and test helpers) and
 * serves agent-console/dist, so build the console first: `npm run build -w agent-console`.
 * Screenshots of each main screen in both languages go to agent-console/test/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { registerChannel, unregisterChannel } from '../../server/src/channels/registry.js';
import type { ExpertGroupDoc } from '../../server/src/expert-groups/model.js';
import { Dealer, Technician } from '../../server/src/dealers/model.js';
import { Campaign } from '../../server/src/surveys/campaign.model.js';
import { Survey } from '../../server/src/surveys/model.js';
import { Ticket, type TicketDoc } from '../../server/src/tickets/model.js';
import {
  makeUser,
  signIn,
  startTestApp,
  type SignedIn,
  type TestApp,
} from '../../server/test/app.js';
import { makeContact, makeGroup, makeTicket } from '../../server/test/factories.js';
import { startSmtpSink, type SmtpSink } from '../../server/test/smtp-sink.js';
import { screenshot } from '../../server/test/screenshot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist', 'index.html');
const screenshots = path.join(here, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT_MS = 15_000;

type Locale = 'fa' | 'en';
type Person = { email: string; password: string; displayName: string; _id: unknown };

let app: TestApp;
let smtp: SmtpSink;
let browser: Browser;
let admin: SignedIn;
let adminPerson: Person;
let sales: ExpertGroupDoc;
let billing: ExpertGroupDoc;
let sara: Person;
let reza: Person;
let supervisor: Person;
let pumpTicket: TicketDoc;
let displayTicket: TicketDoc;
const sent: string[] = [];

async function shot(page: Page, name: string, locale: Locale) {
  await screenshot(page, { path: path.join(screenshots, `${name}-${locale}.png`) });
}

async function openConsole(context: BrowserContext, locale: Locale): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  onTestFailed(() => shot(page, 'failure', locale).catch(() => undefined));
  await page.goto(`${app.url}/console/`);
  await page.evaluate((l) => localStorage.setItem('cc.console.locale', l), locale);
  await page.reload();
  return page;
}

async function signInThroughUi(page: Page, person: Person) {
  await page.fill('#login-email', person.email);
  await page.fill('#login-password', person.password);
  await page.locator('form.login-card button[type=submit]').click();
  await page.locator('.workspace').waitFor();
}

function staffSocket(cookie: string): Promise<Socket> {
  const socket = io(`${app.url}/staff`, { extraHeaders: { cookie }, transports: ['websocket'] });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

const ticketItem = (page: Page, ticket: TicketDoc) =>
  page.locator(`.ticket-item[data-ticket="T-${ticket.number}"]`);

const dateIn = (locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB', {
    dateStyle: 'full',
    timeZone: 'Asia/Tehran',
  }).format(new Date());

beforeAll(async () => {
  if (!existsSync(dist))
    throw new Error('agent-console/dist is missing: run `npm run build -w agent-console` first');
  mkdirSync(screenshots, { recursive: true });
  // System mail (survey campaigns by email) goes to a loopback SMTP sink.
  smtp = await startSmtpSink();
  app = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
  sales = await makeGroup({ name: { fa: 'فروش و خدمات', en: 'Sales and service' } });
  billing = await makeGroup({ name: { fa: 'مالی', en: 'Billing' } });
  sara = await makeUser({
    roles: ['expert'],
    groups: [sales._id, billing._id],
    displayName: 'Sara Ahmadi',
  });
  reza = await makeUser({ roles: ['expert'], groups: [sales._id], displayName: 'Reza Karimi' });
  supervisor = await makeUser({
    roles: ['supervisor'],
    groups: [sales._id, billing._id],
    displayName: 'Mina Supervisor',
  });
  adminPerson = await makeUser({ roles: ['admin'], displayName: 'Ada Admin' });
  admin = await signIn(app, adminPerson);
  await admin.agent
    .post('/api/products')
    .set('X-CSRF-Token', admin.csrf)
    .send({ code: 'DRP50', name: { fa: 'پمپ DRP50', en: 'DRP50 pump' } })
    .expect(201);
  await admin.agent
    .post('/api/canned-responses')
    .set('X-CSRF-Token', admin.csrf)
    .send({
      title: 'Greeting',
      body: 'Hello {{contact.name}}, this is {{expert.name}} about ticket {{ticket.number}}.',
      locale: 'en',
      shortcut: 'greet',
      scope: 'shared',
    })
    .expect(201);
  registerChannel({
    channel: 'sms',
    reach: async () => null,
    send: async (message) => {
      sent.push(message.text);
      return { status: 'sent' };
    },
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  unregisterChannel('sms');
  await browser?.close();
  await app?.close();
  await smtp?.close();
});

describe('agent console in Chromium', () => {
  it('works a ticket from the queue to resolved, live, in English and Persian', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openConsole(context, 'en');
    await shot(page, 'login', 'en');
    await signInThroughUi(page, sara);
    await page.locator('a[data-view="queue"][aria-current="page"]').waitFor();

    // A ticket opened through the API shows up in "my groups' queue" with no reload.
    const contact = await makeContact({
      name: 'Ali Rezaei',
      emails: ['ali@example.com'],
      province: 'Gilan',
      city: 'Rasht',
    });
    const [, rasht] = await Dealer.create([
      {
        code: 'TEH-1',
        name: 'Tehran Pump Works',
        kinds: ['service'],
        province: 'Tehran',
        city: 'Tehran',
      },
      {
        code: 'RSH-1',
        name: 'Rasht Pump Service',
        kinds: ['sales', 'service'],
        province: 'Gilan',
        city: 'Rasht',
        phone: '+981333334444',
      },
      {
        code: 'RSH-2',
        name: 'Rasht Sales Only',
        kinds: ['sales'],
        province: 'Gilan',
        city: 'Rasht',
      },
    ]);
    const unit = await admin.agent
      .post('/api/units')
      .set('X-CSRF-Token', admin.csrf)
      .send({
        serial: 'DRP50-000123',
        productCode: 'DRP50',
        productionDate: '2025-01-10',
        deliveryDate: '2025-02-01',
        owner: String(contact._id),
      });
    expect(unit.status).toBe(201);
    const karim = await Technician.create({ dealer: rasht!._id, name: 'Karim Technician' });
    await admin.agent
      .post('/api/units/DRP50-000123/visit-plan')
      .set('X-CSRF-Token', admin.csrf)
      .send({ everyMonths: 6, count: 2, technician: String(karim._id) })
      .expect(201);
    pumpTicket = await makeTicket(sales, { contact, subject: 'The pump is noisy' });
    await admin.agent
      .patch(`/api/tickets/${pumpTicket._id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ serial: 'DRP50-000123' })
      .expect(200);
    await ticketItem(page, pumpTicket).waitFor();
    displayTicket = await makeTicket(sales, { subject: 'Display shows E4' });
    await ticketItem(page, displayTicket).waitFor();
    await page.locator('a[data-view="queue"] .count', { hasText: '2' }).waitFor();

    // A colleague left a note earlier; they can be @mentioned and hear about it.
    const rezaSession = await signIn(app, reza);
    await rezaSession.agent
      .post(`/api/tickets/${pumpTicket._id}/notes`)
      .set('X-CSRF-Token', rezaSession.csrf)
      .send({ text: 'Customer called twice yesterday.' })
      .expect(201);
    const rezaSocket = await staffSocket(rezaSession.cookie);
    const mentioned = new Promise<string>((resolve) =>
      rezaSocket.on('mention:created', (payload) => resolve(payload.message.text)),
    );

    // j opens the first ticket in the list (the longest wait).
    await page.keyboard.press('j');
    await page.locator('#conversation-title', { hasText: `T-${pumpTicket.number}` }).waitFor();
    await page.locator('.message-note', { hasText: 'Customer called twice yesterday.' }).waitFor();
    await page.locator('.unit', { hasText: 'DRP50-000123' }).waitFor();
    await page.locator('.unit', { hasText: 'DRP50 pump' }).waitFor();
    await shot(page, 'conversation', 'en');

    // An internal note with a mention picked from the list.
    await page.getByRole('tab', { name: 'Note' }).click();
    await page.locator('#composer-text').click();
    await page.keyboard.type('@Re');
    await page.getByRole('option', { name: '@Reza Karimi' }).waitFor();
    await shot(page, 'mention', 'en');
    await page.keyboard.press('Enter');
    await page.keyboard.type('please call the customer back');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page
      .locator('.message-note', { hasText: '@Reza Karimi please call the customer back' })
      .waitFor();
    expect(await mentioned).toBe('@Reza Karimi please call the customer back');
    rezaSocket.disconnect();

    // Going online takes the waiting tickets: they move to "mine"; the one not on screen is
    // announced (aria-live) as new work.
    await page.locator('.presence-switch select').selectOption('online');
    await page
      .locator('.notice[role="status"]', {
        hasText: `New ticket for you: T-${displayTicket.number}`,
      })
      .waitFor();
    await page.locator('.facts', { hasText: 'Sara Ahmadi' }).waitFor();
    await page.locator('a[data-view="mine"] .count', { hasText: '2' }).waitFor();
    await page.locator('a[data-view="queue"] .count', { hasText: '0' }).waitFor();

    // A canned response typed as "/greet", placeholders filled from the ticket, contact and expert.
    await page.keyboard.press('r');
    await page.locator('#composer-text').fill('');
    await page.keyboard.type('/gre');
    await page.locator('#canned-list [data-shortcut="greet"]').waitFor();
    await shot(page, 'canned', 'en');
    await page.keyboard.press('Enter');
    expect(await page.locator('#composer-text').inputValue()).toBe(
      `Hello Ali Rezaei, this is Sara Ahmadi about ticket T-${pumpTicket.number}.`,
    );

    // A reply by SMS, with the Persian segment counter; a channel without an adapter says so.
    await page.locator('.composer-channel select').selectOption('sms');
    const persian = 'س'.repeat(71);
    await page.locator('#composer-text').fill(persian);
    await page.locator('.sms-counter[data-segments="2"]').waitFor();
    await page.locator('#composer-text').fill('سلام، کارشناس ما امروز تماس می‌گیرد.');
    await page.locator('.sms-counter[data-segments="1"]').waitFor();
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.locator('.message-out', { hasText: 'کارشناس ما امروز' }).waitFor();
    expect(sent).toEqual(['سلام، کارشناس ما امروز تماس می‌گیرد.']);
    await page.locator('.composer-channel select').selectOption('email');
    await page.locator('#composer-text').fill('Hello by email');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page
      .locator('#composer-error', { hasText: 'Replies on this channel are not available yet' })
      .waitFor();

    // Transfer to the other group with a note.
    await page.getByRole('button', { name: 'Transfer' }).click();
    await page.locator('#transfer-group').selectOption(String(billing._id));
    await page.locator('#transfer-note').fill('Invoice question, billing please');
    await shot(page, 'transfer', 'en');
    await page.locator('dialog[open] button[type="submit"]').click();
    await page.locator('.timeline-event', { hasText: 'Transferred to Billing' }).waitFor();
    await page.locator('.facts', { hasText: 'Billing' }).waitFor();

    // Resolve.
    await page.getByRole('button', { name: 'Resolve' }).click();
    await page.locator('.conversation-meta .badge', { hasText: 'Resolved' }).waitFor();
    await page.locator('a[data-view="resolved"] .count', { hasText: '1' }).waitFor();
    await page.getByRole('tab', { name: 'Customer' }).click();
    await page.locator('.panel-section h3', { hasText: 'Ali Rezaei' }).waitFor();
    // The workshops to name to this customer: their city's service dealer first (not a sales-only one).
    const nearest = page.locator('.nearest-dealers li');
    await nearest.first().locator('bdi', { hasText: 'Rasht Pump Service' }).waitFor();
    expect(await nearest.first().textContent()).toContain('same city');
    expect(await nearest.first().locator('a[href="tel:+981333334444"]').count()).toBe(1);
    expect(await page.locator('.nearest-dealers [data-dealer="RSH-2"]').count()).toBe(0);
    // The unit's next visit, with its technician; the expert records the report from the call.
    const visits = page.locator('[data-unit-visits="DRP50-000123"] li');
    await expect.poll(() => visits.count()).toBe(2);
    const next = visits.first();
    expect(await next.textContent()).toContain('Karim Technician');
    await next.getByRole('button', { name: 'Record the visit report' }).click();
    await next.getByRole('button', { name: 'Save' }).click();
    await next.locator('.form-error', { hasText: 'Write the work done' }).waitFor();
    await next.getByLabel('Work done').fill('Replaced the seal, tested the pressure');
    await next.getByLabel('Fault codes (comma-separated)').fill('e4');
    await next.getByLabel("Customer's name (as signature)").fill('Ali Rezaei');
    await next.getByRole('button', { name: 'Save' }).click();
    await page
      .locator('[data-unit-visits="DRP50-000123"] li[data-status="done"]', { hasText: 'Fixed' })
      .waitFor();
    // The report is in the contact log at once.
    await page.locator('#contact-log-title + ul li', { hasText: 'Visit' }).waitFor();
    await shot(page, 'customer', 'en');
    await page.getByRole('tab', { name: 'Ticket' }).click();

    // Search: a customer by email leads to their tickets; a serial finds the ticket on that unit.
    await page.locator('#console-search').fill('ali@example.com');
    await page.locator('#console-search').press('Enter');
    await page.locator('.search-results [data-contact]', { hasText: 'Ali Rezaei' }).click();
    await ticketItem(page, pumpTicket).waitFor();
    await page.locator('#console-search').fill('drp50-000123');
    await page.locator('#console-search').press('Enter');
    await page.locator('.search-results h2', { hasText: 'drp50-000123' }).waitFor();
    await ticketItem(page, pumpTicket).waitFor();
    await shot(page, 'search', 'en');
    await page.locator('a[data-view="mine"]').click();
    await page.locator('.search-results').waitFor({ state: 'detached' });

    await page.keyboard.press('?');
    await page.locator('dialog[open]', { hasText: 'Keyboard shortcuts' }).waitFor();
    await shot(page, 'shortcuts', 'en');
    await page.keyboard.press('Escape');

    await page.locator('a[data-view="mine"]').click();
    await ticketItem(page, displayTicket).waitFor();

    // Persian: right-to-left, Persian digits, Jalali dates in Tehran time.
    await page.evaluate((id) => (location.hash = `#/inbox/resolved/${id}`), String(pumpTicket._id));
    await page.locator('#conversation-title', { hasText: `T-${pumpTicket.number}` }).waitFor();
    await page.locator('.language-switch select').selectOption('fa');
    await page.locator('html[dir="rtl"][lang="fa"]').waitFor();
    expect(await page.locator('.today').textContent()).toBe(dateIn('fa'));
    const jalaliMonth = /فروردین|اردیبهشت|خرداد|تیر|مرداد|شهریور|مهر|آبان|آذر|دی|بهمن|اسفند/;
    expect(dateIn('fa')).toMatch(jalaliMonth);
    const stamp = await page.locator('.message-note time').first().textContent();
    expect(stamp).toMatch(/[۰-۹]{4}/);
    expect(stamp).toMatch(jalaliMonth);
    await page.locator('.conversation-meta .badge', { hasText: 'حل‌شده' }).waitFor();
    // The email reply that could not go out says why in Persian, not in the server's English.
    const failedEmail = page.locator('.message-out', { hasText: 'Hello by email' });
    expect(await failedEmail.locator('.delivery').textContent()).toContain(
      'پاسخ در این کانال فعلاً ممکن نیست',
    );
    await shot(page, 'conversation', 'fa');
    await page.getByRole('tab', { name: 'مشتری' }).click();
    await page.locator('.panel-section h3', { hasText: 'Ali Rezaei' }).waitFor();
    await shot(page, 'customer', 'fa');
    await page.getByRole('tab', { name: 'تیکت' }).click();
    await page.evaluate((id) => (location.hash = `#/inbox/mine/${id}`), String(displayTicket._id));
    await page.getByRole('tab', { name: 'پاسخ' }).click();
    await page.locator('#composer-text').click();
    await page.keyboard.type('/');
    await page.locator('#canned-list [data-shortcut="greet"]').waitFor();
    await shot(page, 'canned', 'fa');
    await page.keyboard.press('Escape');
    await page.locator('#canned-list').waitFor({ state: 'hidden' });
    await page.locator('#composer-text').fill('');
    await page.getByRole('tab', { name: 'یادداشت' }).click();
    await page.getByRole('button', { name: 'انتقال' }).click();
    await shot(page, 'transfer', 'fa');
    await page.keyboard.press('Escape');
    await page.keyboard.press('?');
    await page.locator('dialog[open]', { hasText: 'میان‌برهای صفحه‌کلید' }).waitFor();
    await shot(page, 'shortcuts', 'fa');
    await page.keyboard.press('Escape');
    await context.close();

    const loginPage = await openConsole(
      await browser.newContext({ viewport: { width: 1280, height: 800 } }),
      'fa',
    );
    await loginPage.locator('html[dir="rtl"]').waitFor();
    await shot(loginPage, 'login', 'fa');
    await loginPage.context().close();
  }, 180_000);

  it('shows a reconnecting banner when the socket drops and catches up once it is back', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    let offline = false;
    // WebSockets the client has upgraded to ("5" is engine.io's upgrade packet); closing a mere
    // probe would leave it on long-polling and nothing would drop.
    const liveSockets: Array<{ close: () => Promise<void> }> = [];
    await context.route('**/socket.io/**', (route) => (offline ? route.abort() : route.continue()));
    await context.routeWebSocket('**/socket.io/**', (ws) => {
      if (offline) return void ws.close();
      const server = ws.connectToServer();
      ws.onMessage((message) => {
        if (message === '5') liveSockets.push(ws);
        server.send(message);
      });
    });
    const page = await openConsole(context, 'en');
    const returns = await makeGroup({ name: { fa: 'مرجوعی', en: 'Returns' } });
    const expert = await makeUser({ roles: ['expert'], groups: [returns._id] });
    await signInThroughUi(page, { ...expert, displayName: expert.displayName });
    await page.locator('a[data-view="queue"] .count').waitFor();

    await expect.poll(() => liveSockets.length).toBeGreaterThan(0);
    offline = true;
    await Promise.all(liveSockets.map((ws) => ws.close()));
    await page.locator('.connection-banner', { hasText: 'reconnecting' }).waitFor();
    await shot(page, 'reconnecting', 'en');
    const missed = await makeTicket(returns, { subject: 'Sent while the console was offline' });
    offline = false;
    await page.locator('.connection-banner').waitFor({ state: 'hidden' });
    await ticketItem(page, missed).waitFor();
    await context.close();
  }, 60_000);

  it('shows a supervisor the board change when an expert goes offline', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openConsole(context, 'en');
    await signInThroughUi(page, supervisor);
    await page.locator('a[href="#/board"]').click();
    const rezaRow = page.locator(`tr[data-expert="${reza.email}"]`);
    const salesRow = page.locator(`tr[data-group="${sales.slug}"]`);
    await rezaRow.waitFor();
    const onlineInSales = async () => Number(await salesRow.locator('.board-online').textContent());
    const before = await onlineInSales();

    const rezaSession = await signIn(app, reza);
    const setPresence = (status: string) =>
      rezaSession.agent
        .put('/api/users/me/presence')
        .set('X-CSRF-Token', rezaSession.csrf)
        .send({ status })
        .expect(200);
    await setPresence('online');
    await rezaRow.locator('.expert-presence', { hasText: 'Online' }).waitFor();
    await salesRow.locator('.board-online', { hasText: String(before + 1) }).waitFor();
    await shot(page, 'board', 'en');

    await setPresence('offline');
    await rezaRow.locator('.expert-presence', { hasText: 'Offline' }).waitFor();
    await salesRow.locator('.board-online', { hasText: String(before) }).waitFor();

    await page.locator('.language-switch select').selectOption('fa');
    await page.locator('html[dir="rtl"]').waitFor();
    await rezaRow.locator('.expert-presence', { hasText: 'آفلاین' }).waitFor();
    await shot(page, 'board', 'fa');
    await context.close();
  }, 120_000);

  it('lists callbacks and tickets whose SLA is at risk', async () => {
    const returns = await makeGroup({ name: { fa: 'بازگشت', en: 'Callbacks desk' } });
    const expert = await makeUser({ roles: ['expert'], groups: [returns._id] });
    const callback = await makeTicket(returns, { subject: 'Call me back', type: 'callback' });
    const late = await makeTicket(returns, { subject: 'Waiting too long' });
    await Ticket.updateOne(
      { _id: late._id },
      { $set: { 'sla.firstResponseDueAt': new Date(Date.now() - 60_000) } },
    );
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await openConsole(context, 'en');
    await signInThroughUi(page, { ...expert, displayName: expert.displayName });
    await page.locator('a[data-view="callbacks"]').click();
    await ticketItem(page, callback).waitFor();
    await page.locator('a[data-view="sla"]').click();
    await ticketItem(page, late).waitFor();
    await shot(page, 'sla', 'en');
    await context.close();
  }, 60_000);

  it('lets an admin create an expert, with readable validation errors, in both languages', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openConsole(context, 'en');
    await signInThroughUi(page, adminPerson);
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.locator('.admin-table').first().waitFor();
    await page.getByRole('button', { name: 'New expert' }).click();
    await page.locator('#expert-email').fill('neda@example.com');
    await page.locator('#expert-name').fill('Neda Expert');
    await page.locator('#expert-password').fill('short');
    await page.locator('.admin-form button[type="submit"]').click();
    await page.locator('.admin-form .form-error', { hasText: 'at least 10 characters' }).waitFor();
    await page.locator('#expert-password').fill('a long enough password');
    await page.locator('#expert-phone').fill('12');
    await page
      .locator('.admin-form input[name="group"][value="' + String(sales._id) + '"]')
      .check();
    await page.locator('#expert-capacity').fill('4');
    await page.locator('.admin-form button[type="submit"]').click();
    await page.locator('.admin-form .form-error', { hasText: 'phone' }).waitFor();
    await shot(page, 'admin-error', 'en');
    await page.locator('#expert-phone').fill('0912 000 1111');
    await page.locator('.admin-form button[type="submit"]').click();
    const row = page.locator('tr[data-user="neda@example.com"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Sales and service');
    expect(await row.textContent()).toContain('+989120001111');
    await shot(page, 'admin-experts', 'en');

    // Deactivate, then look at the Persian page and the groups and rules pages.
    await row.getByRole('button', { name: 'Deactivate' }).click();
    await row.locator('td', { hasText: 'Inactive' }).waitFor();
    await page.locator('.language-switch select').selectOption('fa');
    await page.locator('html[dir="rtl"]').waitFor();
    await row.locator('td', { hasText: 'غیرفعال' }).waitFor();
    await shot(page, 'admin-experts', 'fa');
    await page.locator('.admin-tabs a[href="#/admin/groups"]').click();
    await page.locator(`tr[data-group="${sales.slug}"]`).getByRole('button').click();
    await page.locator('#group-weekly').fill('6 08:00-17:00\nnot hours');
    await page.locator('.admin-form button[type="submit"]').click();
    await page.locator('.admin-form .form-error', { hasText: '6 08:00-17:00' }).waitFor();
    await shot(page, 'admin-groups', 'fa');
    await page.locator('.language-switch select').selectOption('en');
    await shot(page, 'admin-groups', 'en');
    await page.locator('.admin-tabs a[href="#/admin/rules"]').click();
    await page.locator('#rule-value').fill('complaint');
    await page.locator('#rule-group').selectOption(String(billing._id));
    await page.getByRole('button', { name: 'Add rule' }).click();
    await page.locator('.admin-table td', { hasText: 'complaint' }).waitFor();
    // Ready for the next rule: the value emptied, the other choices kept.
    expect(await page.locator('#rule-value').inputValue()).toBe('');
    expect(await page.locator('#rule-group').inputValue()).toBe(String(billing._id));
    await shot(page, 'admin-rules', 'en');
    await context.close();
  }, 120_000);

  it('lets a supervisor keep the knowledge archive: write, find by Persian words, publish', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openConsole(context, 'fa');
    await signInThroughUi(page, supervisor);
    await page.evaluate(() => (location.hash = '#/admin/knowledge'));
    await page.locator('#knowledge-title').waitFor();

    // The form's own checks, in Persian.
    await page.locator('#knowledge-title').fill('پمپ روشن نمی‌شود');
    await page.locator('#knowledge-slug').fill('Pump Start');
    await page.locator('.admin-form button[type="submit"]').click();
    await page.locator('.admin-form .form-error', { hasText: 'حروف لاتین کوچک' }).waitFor();
    await page.locator('#knowledge-slug').fill('pump-start');
    await page.locator('#knowledge-category').selectOption('fault-identification');
    await page.locator('#knowledge-models').fill('drp50');
    await page.locator('#knowledge-body').fill('اگر پمپ روشن نمی‌شود، فیوز و کليد را بررسی کنید.');
    await page.locator('.admin-form button[type="submit"]').click();
    const row = page.locator('tr[data-article="pump-start"][data-locale="fa"]');
    await row.locator('td', { hasText: 'پیش‌نویس' }).waitFor();
    await shot(page, 'admin-knowledge', 'fa');

    // The same address again in the same language is refused, in the user's language.
    await page.locator('#knowledge-title').fill('تکراری');
    await page.locator('#knowledge-slug').fill('pump-start');
    await page.locator('#knowledge-body').fill('متن');
    await page.locator('.admin-form button[type="submit"]').click();
    await page.locator('.admin-form .form-error', { hasText: 'نشانی دیگری' }).waitFor();

    // Found by a word written with the Arabic kaf and yeh (normalised), then published.
    await page.locator('#knowledge-search').fill('كليد');
    await expect.poll(() => page.locator('tbody tr').count()).toBe(1);
    await row.getByRole('button', { name: 'انتشار' }).click();
    await row.locator('td', { hasText: 'منتشرشده' }).waitFor();
    const published = await fetch(
      `${app.url}/api/public/knowledge/search?q=${encodeURIComponent('فیوز')}`,
    );
    expect((await published.json()).items).toMatchObject([{ slug: 'pump-start', locale: 'fa' }]);

    // Edited: the form is filled from the stored article.
    await row.getByRole('button', { name: 'ویرایش' }).click();
    await expect.poll(() => page.locator('#knowledge-models').inputValue()).toBe('DRP50');
    await page.locator('#knowledge-title').fill('پمپ DRP50 روشن نمی‌شود');
    await page.locator('.admin-form button[type="submit"]').click();
    await row.locator('td', { hasText: 'پمپ DRP50 روشن نمی‌شود' }).waitFor();
    await page.locator('.language-switch select').selectOption('en');
    await row.locator('td', { hasText: 'Published' }).waitFor();
    await shot(page, 'admin-knowledge', 'en');

    // Deleting asks first: "Keep" keeps it, "Yes, delete" removes it.
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Keep' }).click();
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.getByRole('button', { name: 'Yes, delete' }).click();
    await row.waitFor({ state: 'detached' });
    await context.close();
  }, 90_000);

  it('lets a supervisor keep the dealer network: a dealer, its technician, an inspection and its score', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openConsole(context, 'en');
    await signInThroughUi(page, supervisor);
    await page.evaluate(() => (location.hash = '#/admin/dealers'));
    await page.locator('#dealer-code').waitFor();

    await page.locator('#dealer-name').fill('Lahijan Pump Service');
    await page.locator('.admin-form button[type="submit"]').click();
    await page
      .locator('.admin-form .form-error', { hasText: 'letters, digits and dashes' })
      .waitFor();
    await page.locator('#dealer-code').fill('lhj-1');
    await page.locator('#dealer-province').fill('Gilan');
    await page.locator('#dealer-city').fill('Lahijan');
    await page.locator('#dealer-phone').fill('12');
    await page.locator('.admin-form button[type="submit"]').click();
    // The server's refusal of the phone number is shown in the form.
    await page.locator('.admin-form .form-error', { hasText: 'phone' }).waitFor();
    await page.locator('#dealer-phone').fill('013 4232 1234');
    await page.locator('.admin-form button[type="submit"]').click();
    const row = page.locator('tr[data-dealer="LHJ-1"]');
    await row.locator('td', { hasText: 'Active' }).waitFor();

    await row.getByRole('button', { name: 'Record' }).click();
    const record = page.locator('.dealer-record[data-record="LHJ-1"]');
    await record.locator('.dealer-trend', { hasText: 'No scored inspection yet' }).waitFor();
    await record.locator('#technician-name').fill('Hamid Technician');
    await record.getByRole('button', { name: 'Add technician' }).click();
    await record.locator('[data-technician="Hamid Technician"]').waitFor();
    await record.locator('#inspection-planned').fill('2026-11-20');
    await record.getByRole('button', { name: 'Plan an inspection' }).click();
    const inspection = record.locator('[data-inspection="2026-11-20"]');
    await inspection.getByRole('button', { name: 'Record the result' }).click();
    await inspection.getByLabel('Score (0 to 100)').fill('85');
    await inspection.getByLabel('Findings').fill('Clean workshop, two trained technicians');
    await inspection.getByRole('button', { name: 'Save' }).click();
    await record.locator('[data-inspection="2026-11-20"][data-status="done"]').waitFor();
    await record.locator('.dealer-trend', { hasText: 'Last inspection score 85' }).waitFor();
    await shot(page, 'admin-dealers', 'en');
    await page.locator('.language-switch select').selectOption('fa');
    await record.locator('.dealer-trend', { hasText: 'امتیاز آخرین بازرسی ۸۵' }).waitFor();
    await shot(page, 'admin-dealers', 'fa');
    await context.close();
  }, 90_000);

  it('lets a supervisor import units from a CSV file, with each bad line reported', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openConsole(context, 'en');
    await signInThroughUi(page, supervisor);
    await page.evaluate(() => (location.hash = '#/admin/import'));
    await page.locator('#import-file').waitFor();
    const csv = [
      'serial,productCode,productionDate,deliveryDate',
      'DRP50-900001,DRP50,2025-03-01,2025-04-01',
      'DRP50-900002,DRP50,2025-03-01,2025-02-01',
      'XYZ-1,NOPE,2025-03-01,',
    ].join('\n');
    await page.locator('#import-file').setInputFiles({
      name: 'units.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.getByRole('button', { name: 'Start the import' }).click();
    const report = page.locator('.import-report[data-status="done"]');
    await report.locator('.import-counts', { hasText: '1 new' }).waitFor();
    await report
      .locator('tr[data-line="3"]', { hasText: 'Delivered before it was produced' })
      .waitFor();
    await report.locator('tr[data-line="4"]', { hasText: 'Unknown product model' }).waitFor();
    await shot(page, 'admin-import', 'en');

    // The same file again: nothing new, the good row unchanged.
    await page.getByRole('button', { name: 'Start the import' }).click();
    await report.locator('.import-counts', { hasText: '0 new, 1 unchanged' }).waitFor();
    await page.locator('.language-switch select').selectOption('fa');
    await report.locator('tr[data-line="3"]', { hasText: 'تحویل پیش از تولید' }).waitFor();
    await shot(page, 'admin-import', 'fa');
    await context.close();
  }, 90_000);

  it('lets a supervisor schedule a satisfaction survey and read its results per question', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openConsole(context, 'en');
    await signInThroughUi(page, supervisor);
    await page.evaluate(() => (location.hash = '#/admin/surveys'));
    await page.locator('#survey-name').waitFor();
    await page.locator('#survey-name').fill('Gilan pumps, autumn');
    await page.locator('#survey-province').fill('Gilan');
    await page.getByRole('button', { name: 'Add a question' }).click();
    await page.locator('#survey-q2-kind').selectOption('choice');
    await page.locator('#survey-q2-fa').fill('از کجا با ما آشنا شدید؟');
    await page.locator('#survey-q2-en').fill('How did you hear of us?');
    await page.locator('#survey-q2-options').fill('نمایندگی | Dealer');
    await page.getByRole('button', { name: 'Schedule the survey' }).click();
    await page.locator('.admin-form .form-error', { hasText: 'two options at least' }).waitFor();
    await page.locator('#survey-q2-options').fill('نمایندگی | Dealer\nاینترنت | Internet');
    await page.getByRole('button', { name: 'Schedule the survey' }).click();
    // This server has no Twilio account: said in the user's words, then sent by email instead.
    await page
      .locator('.admin-form .form-error', { hasText: 'not set up on this server' })
      .waitFor();
    await page.locator('#survey-channel').selectOption('email');
    await page.getByRole('button', { name: 'Schedule the survey' }).click();
    const row = page.locator('tr[data-campaign="Gilan pumps, autumn"]');
    await row.locator('td', { hasText: 'Scheduled' }).waitFor();

    // Two customers answered (as the public survey page stores it).
    const campaign = await Campaign.findOne({ name: 'Gilan pumps, autumn' }).lean();
    for (const [score, nps, heard] of [
      [5, 10, 'o1'],
      [3, 4, 'o1'],
    ] as const) {
      await Survey.create({
        kind: 'campaign',
        contact: (await makeContact())._id,
        campaign: campaign!._id,
        channel: 'sms',
        tokenHash: `test-${score}-${nps}`,
        expiresAt: new Date(Date.now() + 86_400_000),
        sentAt: new Date(),
        answeredAt: new Date(),
        answers: [
          { question: 'q1', value: score },
          { question: 'q2', value: nps },
          { question: 'q3', value: heard },
        ],
      });
    }
    await row.getByRole('button', { name: 'Results' }).click();
    const results = page.locator('.campaign-results');
    await results.locator('[data-question="q1"]', { hasText: 'average 4' }).waitFor();
    await results.locator('[data-question="q2"]', { hasText: 'NPS 0' }).waitFor();
    await results.locator('[data-question="q3"] .distribution', { hasText: 'Dealer' }).waitFor();
    await shot(page, 'admin-surveys', 'en');
    await page.locator('.language-switch select').selectOption('fa');
    await results.locator('[data-question="q3"] .distribution', { hasText: 'نمایندگی' }).waitFor();
    await shot(page, 'admin-surveys', 'fa');
    await context.close();
  }, 90_000);

  it('lets a supervisor record a competitor and its market share by province', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openConsole(context, 'en');
    await signInThroughUi(page, supervisor);
    await page.evaluate(() => (location.hash = '#/admin/competitors'));
    await page.locator('#competitor-name').fill('Pars Pumps');
    await page.locator('#competitor-products').fill('PX-10, PX-20');
    await page.getByRole('button', { name: 'Add a share estimate' }).click();
    await page.locator('#share-0-province').fill('Gilan');
    await page.locator('#share-0-percent').fill('140');
    await page.getByRole('button', { name: 'Add competitor' }).click();
    await page.locator('.admin-form .form-error', { hasText: 'from 0 to 100' }).waitFor();
    await page.locator('#share-0-percent').fill('12.5');
    await page.locator('#share-0-as-of').fill('2026-06-01');
    await page.getByRole('button', { name: 'Add competitor' }).click();
    const row = page.locator('tr[data-competitor="Pars Pumps"]');
    await row.locator('li', { hasText: 'Gilan: 12.5%' }).waitFor();

    // A newer estimate for the same province replaces the current one; the old one is kept.
    await row.getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('button', { name: 'Add a share estimate' }).click();
    await page.locator('#share-1-province').fill('Gilan');
    await page.locator('#share-1-percent').fill('15');
    await page.locator('#share-1-as-of').fill('2026-11-01');
    await page.getByRole('button', { name: 'Save' }).click();
    await row.locator('li', { hasText: 'Gilan: 15%' }).waitFor();
    expect(await row.locator('li').count()).toBe(1);
    await page.locator('.language-switch select').selectOption('fa');
    await row.locator('li', { hasText: '۱۵٪' }).waitFor();
    await shot(page, 'admin-competitors', 'fa');
    await context.close();
  }, 90_000);

  it('lets a supervisor log a gift to a customer, then its delivery', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await openConsole(context, 'en');
    await signInThroughUi(page, supervisor);
    await page.evaluate(() => (location.hash = '#/admin/shipments'));
    await page.locator('#shipment-kind').selectOption('gift');
    await page.getByRole('button', { name: 'Log the shipment' }).click();
    await page
      .locator('.admin-form .form-error', { hasText: 'Find and choose the customer' })
      .waitFor();
    await page.locator('#shipment-customer-search').fill('ali@example.com');
    await page.getByRole('button', { name: 'Find', exact: true }).click();
    await page.getByRole('button', { name: /Ali Rezaei/ }).click();
    await page.locator('#shipment-items').fill('Calendar 1405 x 2\nCap');
    await page.locator('#shipment-tracking').fill('IR-777');
    await page.locator('#shipment-sent').fill('2026-11-20');
    await page.getByRole('button', { name: 'Log the shipment' }).click();
    const gift = page.locator('tr[data-shipment="IR-777"]');
    await gift.locator('td', { hasText: 'Ali Rezaei' }).waitFor();
    expect(await gift.textContent()).toContain('Calendar 1405 × 2');
    expect(await gift.textContent()).toContain('Sent');

    // Delivered later: the same row, now delivered.
    await gift.getByRole('button', { name: 'Edit' }).click();
    await page.locator('#shipment-delivered').fill('2026-11-25');
    await page.getByRole('button', { name: 'Save' }).click();
    await gift.locator('td', { hasText: 'Delivered' }).waitFor();
    await page.locator('.language-switch select').selectOption('fa');
    await gift.locator('td', { hasText: 'تحویل‌شده' }).waitFor();
    await shot(page, 'admin-shipments', 'fa');
    await context.close();
  }, 90_000);
});
