/**
 * The console with a real web-chat visitor (socket.io-client on /visitor) in Debian's Chromium:
 * an admin creates the widget key, the visitor chats, the expert sees them type, answers with a
 * file, and the visitor receives the reply and the expert's typing; a supervisor reassigns and
 * requeues a ticket from the board; an expert keeps personal canned responses. Build the console
 * first (`npm run build -w agent-console`). Screenshots go to agent-console/test/screenshots/.
 */
import type { VisitorMessage, VisitorSession } from '@cc/shared';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { chromium, type Browser, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import type { ExpertGroupDoc } from '../../server/src/expert-groups/model.js';
import { Message } from '../../server/src/tickets/message.model.js';
import { Ticket } from '../../server/src/tickets/model.js';
import { setPresence } from '../../server/src/routing/presence.js';
import { makeUser, startTestApp, type TestApp } from '../../server/test/app.js';
import { makeExpert, makeGroup, makeTicket } from '../../server/test/factories.js';
import { screenshot } from '../../server/test/screenshot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist', 'index.html');
const screenshots = path.join(here, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT_MS = 15_000;
const SHOP = 'https://shop.example';
/** A small solid PNG, like a customer's photo of a fault as far as the server can tell. */
function solidPng(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x4a)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
const PNG = solidPng(160, 100);

type Locale = 'fa' | 'en';
type Person = { email: string; password: string; displayName: string; _id: unknown };

let app: TestApp;
let browser: Browser;
let desk: ExpertGroupDoc;
let nima: Person;
let leila: Person;
let admin: Person;
let supervisor: Person;
const visitors: Socket[] = [];

async function shot(page: Page, name: string, locale: Locale, width = 1280) {
  const suffix = width === 1280 ? '' : `-${width}`;
  await screenshot(page, { path: path.join(screenshots, `${name}-${locale}${suffix}.png`) });
}

async function signedIn(person: Person, locale: Locale, width = 1280): Promise<Page> {
  const context = await browser.newContext({ viewport: { width, height: 800 } });
  const page = await context.newPage();
  page.setDefaultTimeout(WAIT_MS);
  onTestFailed(() => shot(page, 'failure-webchat', locale).catch(() => undefined));
  await page.goto(`${app.url}/console/`);
  await page.evaluate((l) => localStorage.setItem('cc.console.locale', l), locale);
  await page.reload();
  await page.fill('#login-email', person.email);
  await page.fill('#login-password', person.password);
  await page.locator('form.login-card button[type=submit]').click();
  await page.locator('.workspace').waitFor();
  return page;
}

async function setLocale(page: Page, locale: Locale) {
  await page.locator('.language-switch select').selectOption(locale);
  await page.locator(`html[lang="${locale}"]`).waitFor();
}

function visitor(key: string): Socket {
  const socket = io(`${app.url}/visitor`, {
    transports: ['websocket'],
    extraHeaders: { origin: SHOP },
    auth: { key },
    forceNew: true,
    reconnection: false,
  });
  visitors.push(socket);
  return socket;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = (s: Socket, event: string, payload: unknown): Promise<any> =>
  s.timeout(10_000).emitWithAck(event, payload);

beforeAll(async () => {
  if (!existsSync(dist))
    throw new Error('agent-console/dist is missing: run `npm run build -w agent-console` first');
  mkdirSync(screenshots, { recursive: true });
  // A visitor who closed the tab is shown as gone after one second (30 by default).
  app = await startTestApp({ WEBCHAT_ABANDON_GRACE_SECONDS: '1' });
  desk = await makeGroup({
    name: { fa: 'گفتگوی وب', en: 'Web chat desk' },
    topics: ['technical'],
    isDefault: true,
  });
  nima = await makeExpert([desk], { online: true, maxConcurrent: 5 });
  leila = await makeUser({ roles: ['expert'], groups: [desk._id], displayName: 'Leila Moradi' });
  admin = await makeUser({ roles: ['admin'], displayName: 'Ada Admin' });
  supervisor = await makeUser({
    roles: ['supervisor'],
    groups: [desk._id],
    displayName: 'Mina Supervisor',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}, 120_000);

afterAll(async () => {
  for (const s of visitors) s.disconnect();
  await browser?.close();
  await app?.close();
});

describe('console and a web-chat visitor in Chromium', () => {
  it('answers a live visitor with a file, typing shown both ways', async () => {
    // The admin creates the widget key for the shop's site.
    const adminPage = await signedIn(admin, 'en');
    await adminPage.locator('a[href="#/admin/experts"]').click();
    await adminPage.locator('.admin-tabs a[href="#/admin/widget-keys"]').click();
    await adminPage.locator('#widget-key-name').fill('Shop');
    await adminPage.locator('#widget-key-origins').fill(`${SHOP}/\nnot an origin`);
    await adminPage.getByRole('button', { name: 'Create key' }).click();
    await adminPage.locator('.admin-form .form-error', { hasText: 'origin' }).waitFor();
    await adminPage.locator('#widget-key-origins').fill(SHOP);
    await adminPage.locator('#widget-key-group').selectOption(String(desk._id));
    await adminPage.getByRole('button', { name: 'Create key' }).click();
    const keyRow = adminPage.locator('tr[data-widget-key="Shop"]');
    await keyRow.waitFor();
    expect(await keyRow.textContent()).toContain(SHOP);
    const key = (await keyRow.locator('code.widget-key').textContent())!;
    // The embed code is the one tag the site owner pastes, naming this server and this key.
    await keyRow.locator('.embed-snippet summary').click();
    expect(await keyRow.locator('.embed-snippet pre').textContent()).toBe(
      `<script async src="${app.url}/widget.js" data-key="${key}"></script>`,
    );
    await shot(adminPage, 'admin-widget-keys', 'en');
    await setLocale(adminPage, 'fa');
    await shot(adminPage, 'admin-widget-keys', 'fa');
    await adminPage.context().close();

    // The visitor starts a chat: it is routed to Nima, who is online.
    const v = visitor(key);
    const session = await new Promise<VisitorSession>((resolve) => v.once('session', resolve));
    expect(session.token).toMatch(/^v1\./);
    const start = await call(v, 'chat:start', {
      name: 'Kaveh Visitor',
      email: 'kaveh@example.com',
      topic: 'technical',
    });
    expect(start).toMatchObject({ ok: true, data: { online: true } });
    const ticketId: string = start.data.chat.ticketId;
    await call(v, 'message:send', { clientId: 'c1', text: 'My DRP50 pump is leaking' });
    const ticket = (await Ticket.findById(ticketId).lean())!;
    expect(String(ticket.assignee)).toBe(String(nima._id));

    const page = await signedIn(nima, 'en');
    await page.locator('a[data-view="mine"]').click();
    await page.locator('a[data-view="mine"] .count', { hasText: '1' }).waitFor();
    await page.locator(`.ticket-item[data-ticket="T-${ticket.number}"]`).click();
    await page.locator('.message-in', { hasText: 'My DRP50 pump is leaking' }).waitFor();
    await page
      .locator('.visitor-presence[data-online="true"]', { hasText: 'The customer is here' })
      .waitFor();

    // The visitor types: the expert sees it; the expert types: the visitor hears it.
    await call(v, 'typing', { typing: true });
    await page.locator('.visitor-typing', { hasText: 'Kaveh Visitor is typing' }).waitFor();
    await shot(page, 'visitor-typing', 'en');
    const expertTyping = new Promise<{ typing: boolean; name: string }>((resolve) =>
      v.on('typing', (event: { typing: boolean; name: string }) => {
        if (event.typing) resolve(event);
      }),
    );
    await page.locator('#composer-text').click();
    await page.keyboard.type('Here is the seal we talked about');
    expect((await expertTyping).name).toBe(nima.displayName);
    await call(v, 'typing', { typing: false });
    await page.locator('.visitor-typing bdi').waitFor({ state: 'detached' });

    // A photo attached, uploaded at once, sent with the reply; the visitor gets the reply.
    await page.locator('.attachment-picker input[type="file"]').setInputFiles({
      name: 'seal.png',
      mimeType: 'image/png',
      buffer: PNG,
    });
    await page.locator('.pending-file[data-state="ready"]', { hasText: 'seal.png' }).waitFor();
    const received = new Promise<VisitorMessage>((resolve) => v.once('message:new', resolve));
    await page.getByRole('button', { name: 'Send reply' }).click();
    expect((await received).text).toBe('Here is the seal we talked about');
    const reply = page.locator('.message-out', { hasText: 'Here is the seal' });
    await reply.locator('.attachment-image img[alt="seal.png"]').waitFor();
    await expect
      .poll(() =>
        reply
          .locator('.attachment-image img')
          .evaluate((img: HTMLImageElement) => img.naturalWidth),
      )
      .toBe(160);
    await page.locator('.pending-file').waitFor({ state: 'detached' });

    // A file the channel could not keep is shown with the reason.
    await Message.create({
      ticket: ticket._id,
      contact: ticket.contact,
      direction: 'in',
      channel: 'webchat',
      authorKind: 'contact',
      authorName: 'Kaveh Visitor',
      text: 'and a video',
      attachments: [
        {
          fileId: null,
          name: 'leak.mov',
          contentType: 'video/quicktime',
          size: 90_000_000,
          dropped: true,
          reason: 'larger than 10485760 bytes',
        },
      ],
      externalId: `test:${Date.now()}`,
      deliveryStatus: 'received',
    });
    await page.reload();
    await page
      .locator('.attachment-dropped', { hasText: 'leak.mov — not received: larger than' })
      .waitFor();
    await shot(page, 'attachments', 'en');
    await setLocale(page, 'fa');
    await page.locator('html[dir="rtl"]').waitFor();
    await page.locator('.attachment-dropped', { hasText: 'دریافت نشد' }).waitFor();
    await shot(page, 'attachments', 'fa');
    await page.setViewportSize({ width: 1024, height: 800 });
    await shot(page, 'attachments', 'fa', 1024);
    await setLocale(page, 'en');
    await shot(page, 'attachments', 'en', 1024);

    // The visitor closes the tab: after the grace period the expert sees that they left.
    v.disconnect();
    await page
      .locator('.visitor-presence[data-online="false"]', {
        hasText: 'The customer has left the chat',
      })
      .waitFor();
    await page.context().close();
  }, 180_000);

  it('lets a supervisor reassign one ticket to a colleague and requeue another', async () => {
    // Only Nima is online while the tickets arrive, so both go to him.
    await setPresence(String(nima._id), 'online');
    const first = await makeTicket(desk, { subject: 'Reassign me' });
    const second = await makeTicket(desk, { subject: 'Requeue me' });
    for (const t of [first, second])
      expect(String((await Ticket.findById(t._id).lean())!.assignee)).toBe(String(nima._id));

    await setPresence(String(leila._id), 'online');
    const page = await signedIn(supervisor, 'en');
    await page.locator('a[href="#/board"]').click();
    const nimaRow = page.locator(`tr[data-expert="${nima.email}"]`);
    await nimaRow.getByRole('button', { name: /Tickets of/ }).click();
    const panel = page.locator(`[data-expert-tickets="${nima.email}"]`);
    const firstRow = panel.locator(`tr[data-ticket="T-${first.number}"]`);
    await firstRow.waitFor();
    await firstRow.locator('select').selectOption(String(leila._id));
    await shot(page, 'board-tickets', 'en');
    await firstRow.getByRole('button', { name: 'Reassign' }).click();
    await page.locator('.notice', { hasText: `T-${first.number} went to Leila Moradi` }).waitFor();
    await firstRow.waitFor({ state: 'detached' });
    await expect
      .poll(async () => String((await Ticket.findById(first._id).lean())!.assignee))
      .toBe(String(leila._id));

    // Both go away first, or routing would hand the requeued ticket straight back to one of them.
    await setPresence(String(leila._id), 'away');
    await Promise.all([
      page.waitForResponse((r) => r.url().includes('/presence') && r.ok()),
      nimaRow.locator('select').selectOption('away'),
    ]);
    const secondRow = panel.locator(`tr[data-ticket="T-${second.number}"]`);
    await secondRow.getByRole('button', { name: 'Back to queue' }).click();
    await secondRow.waitFor({ state: 'detached' });
    const requeued = (await Ticket.findById(second._id).lean())!;
    expect(requeued).toMatchObject({ status: 'queued', assignee: null });
    await setLocale(page, 'fa');
    await panel.locator('h3', { hasText: 'تیکت‌های باز' }).waitFor();
    await shot(page, 'board-tickets', 'fa');
    await page.context().close();
  }, 120_000);

  it('lets an expert keep personal canned responses but not write shared ones', async () => {
    const page = await signedIn(leila, 'en');
    await page.getByRole('link', { name: 'Canned responses' }).click();
    await page.locator('#canned-scope[disabled]').waitFor();
    await page.locator('#canned-title').fill('Thanks');
    await page.locator('#canned-shortcut').fill('Thanks!');
    await page.locator('#canned-body').fill('Thank you {{contact.name}}');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.locator('.admin-form .form-error', { hasText: 'Shortcut' }).waitFor();
    await page.locator('#canned-shortcut').fill('thanks');
    await page.locator('#canned-body').fill('Thank you {{contact.nmae}}');
    await page.getByRole('button', { name: 'Add' }).click();
    await page.locator('.admin-form .form-error', { hasText: 'placeholder' }).waitFor();
    await page.locator('#canned-body').fill('Thank you {{contact.name}}, {{expert.name}}');
    await page.getByRole('button', { name: 'Add' }).click();
    const row = page.locator('tr[data-canned="thanks"]');
    await row.waitFor();
    expect(await row.textContent()).toContain('Only me');
    await shot(page, 'admin-canned', 'en');
    await setLocale(page, 'fa');
    await row.locator('td', { hasText: 'فقط من' }).waitFor();
    await shot(page, 'admin-canned', 'fa');
    await page.setViewportSize({ width: 1024, height: 800 });
    await shot(page, 'admin-canned', 'fa', 1024);
    await page.context().close();
  }, 60_000);
});
