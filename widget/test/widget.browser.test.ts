/**
 * The web-chat widget in Debian's Chromium against the real server: the demo page embeds it by
 * its one tag, a visitor chats with an expert driven through the staff socket and API, and the
 * offline and callback forms make tickets. Runs under the server's vitest setup and serves
 * widget/dist, so build the widget first: `npm run build -w widget`. Screenshots of the main
 * states at 360 px in both languages go to widget/test/screenshots/.
 */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type FrameLocator, type Page } from 'playwright-core';
import { io, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { Callback } from '../../server/src/callbacks/model.js';
import { seedDemoWidgetKey } from '../../server/src/channels/webchat/keys.js';
import { WebchatSession } from '../../server/src/channels/webchat/model.js';
import { Interaction } from '../../server/src/interactions/model.js';
import { Product, Unit } from '../../server/src/products/model.js';
import { RoutingRule } from '../../server/src/routing/rules.model.js';
import { Message } from '../../server/src/tickets/message.model.js';
import { Ticket, type TicketDoc } from '../../server/src/tickets/model.js';
import { signIn, startTestApp, type SignedIn, type TestApp } from '../../server/test/app.js';
import { makeExpert, makeGroup } from '../../server/test/factories.js';
import { screenshot } from '../../server/test/screenshot.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, '..', 'dist', 'frame.html');
const screenshots = path.join(here, 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const WAIT_MS = 15_000;
const PHONE = { width: 360, height: 740 };
/** A 1x1 PNG. */
const PNG_BASE64 =
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

type Locale = 'fa' | 'en';

let app: TestApp;
let browser: Browser;
let expert: Awaited<ReturnType<typeof makeExpert>>;
let expertSession: SignedIn;

async function shot(page: Page, name: string, locale: Locale) {
  await screenshot(page, { path: path.join(screenshots, `${name}-${locale}.png`) });
}

/** The demo page in a phone-sized window, the widget opened; returns the page and its frame. */
async function openWidget(
  locale: Locale,
  page?: Page,
): Promise<{ page: Page; frame: FrameLocator }> {
  if (!page) {
    const context = await browser.newContext({ viewport: PHONE, hasTouch: true });
    page = await context.newPage();
    page.setDefaultTimeout(WAIT_MS);
    const failing = page;
    onTestFailed(() => shot(failing, 'failure', locale));
  }
  await page.goto(`${app.url}/demo${locale === 'en' ? '?lang=en' : ''}`);
  await page.locator('button.launcher').click();
  const frame = page.frameLocator('#contact-centre-frame');
  await frame.locator('.frame-header h1').waitFor();
  return { page, frame };
}

function staffSocket(cookie: string): Promise<Socket> {
  const socket = io(`${app.url}/staff`, { extraHeaders: { cookie }, transports: ['websocket'] });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const call = (s: Socket, event: string, payload: unknown): Promise<any> =>
  s.timeout(10_000).emitWithAck(event, payload);

async function latestTicket(filter: Record<string, unknown>): Promise<TicketDoc> {
  let t: TicketDoc | null = null;
  await expect
    .poll(async () => {
      t = await Ticket.findOne(filter).sort({ createdAt: -1 }).lean<TicketDoc>();
      return Boolean(t);
    })
    .toBe(true);
  return t!;
}

beforeAll(async () => {
  if (!existsSync(dist))
    throw new Error('widget/dist is missing: run `npm run build -w widget` first');
  mkdirSync(screenshots, { recursive: true });
  app = await startTestApp();
  await seedDemoWidgetKey(app.url);
  const technical = await makeGroup({ topics: ['technical'], isDefault: true });
  const night = await makeGroup({
    topics: ['night'],
    businessHours: {
      timezone: 'Asia/Tehran',
      alwaysOpen: false,
      weekly: [] as never,
      holidays: [],
    },
  });
  await RoutingRule.create({
    kind: 'entry-point',
    entryKind: 'webchat-topic',
    value: 'night',
    group: night._id,
    order: 1,
  });
  expert = await makeExpert([technical], { online: true, maxConcurrent: 20 });
  expertSession = await signIn(app, expert);
  const product = await Product.create({
    code: 'DRP50',
    name: { fa: 'پمپ DRP50', en: 'DRP50 pump' },
  });
  await Unit.create({
    serial: 'DRP50-000777',
    product: product._id,
    productCode: 'DRP50',
    productionDate: new Date(Date.now() - 200 * 24 * 3600 * 1000),
    deliveryDate: new Date(Date.now() - 100 * 24 * 3600 * 1000),
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

describe('web-chat widget in Chromium', () => {
  it('pre-chat, a live chat with an expert, history after a reload, and the rating', async () => {
    const { page, frame } = await openWidget('en');
    expect(await page.locator('#contact-centre-frame').getAttribute('src')).toContain('key=demo');
    await frame.locator('#prechat-name').waitFor();
    await expect
      .poll(() => frame.locator('#prechat-topic option').allTextContents())
      .toContain('technical');
    await shot(page, 'prechat', 'en');

    // Validation in the form: a name and a phone or email, the phone checked.
    await frame.getByRole('button', { name: 'Start chat' }).click();
    await frame.locator('#prechat-name-error', { hasText: 'Please fill this in.' }).waitFor();
    await frame
      .locator('#prechat-contact-error', { hasText: 'mobile number or an email' })
      .waitFor();
    await frame.locator('#prechat-name').fill('Sara Visitor');
    await frame.locator('#prechat-phone').fill('12');
    await frame.getByRole('button', { name: 'Start chat' }).click();
    await frame.locator('#prechat-phone-error', { hasText: 'does not look right' }).waitFor();
    await shot(page, 'prechat-errors', 'en');
    await frame.locator('#prechat-phone').fill('0912 345 6789');
    await frame.locator('#prechat-topic').selectOption('technical');

    // The serial number is checked while typing.
    await frame.locator('#prechat-serial').fill('NOPE-0000');
    await frame.locator('.serial-result[data-found="false"]', { hasText: 'not found' }).waitFor();
    await frame.locator('#prechat-serial').fill('drp50-000777');
    await frame.locator('.serial-result[data-found="true"]', { hasText: 'DRP50 pump' }).waitFor();
    await frame.locator('.serial-result', { hasText: 'Under gold guarantee' }).waitFor();
    await shot(page, 'prechat-serial', 'en');
    await frame.getByRole('button', { name: 'Start chat' }).click();

    // Routing gives the chat to the online expert; the visitor sees their name.
    await frame
      .locator('.expert-line', { hasText: `${expert.displayName} is helping you` })
      .waitFor();
    const ticket = await latestTicket({ channel: 'webchat', type: { $ne: 'callback' } });
    expect(String(ticket.assignee)).toBe(String(expert._id));
    const contactPhone = await Interaction.findOne({ ticket: ticket._id }).lean();
    expect(contactPhone).toBeTruthy();

    // Typing and a message, visitor -> expert.
    const staff = await staffSocket(expertSession.cookie);
    const visitorTyping = new Promise((resolve) =>
      staff.on('visitor:typing', (p: { typing: boolean }) => p.typing && resolve(p)),
    );
    const visitorRead = new Promise<{ messageId: string }>((resolve) =>
      staff.on('visitor:read', resolve),
    );
    await frame.locator('#composer-text').pressSequentially('My pump is noisy');
    await visitorTyping;
    await frame.locator('#composer-text').press('Enter');
    await frame
      .locator('.message.from-visitor[data-state="stored"]', { hasText: 'noisy' })
      .waitFor();
    const stored = await Message.findOne({ ticket: ticket._id, direction: 'in' }).lean();
    expect(stored?.text).toBe('My pump is noisy');
    await frame.locator('.message.from-visitor [data-receipt="sent"]').waitFor();

    // A photo of the fault: uploaded, sent, shown as a thumbnail loaded through its signed address.
    await frame.locator('#composer-file').setInputFiles({
      name: 'fault.png',
      mimeType: 'image/png',
      buffer: Buffer.from(PNG_BASE64, 'base64'),
    });
    const thumb = frame.locator('.message.from-visitor[data-state="stored"] img.thumb');
    await thumb.waitFor();
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(1);
    const withFile = await Message.findOne({
      ticket: ticket._id,
      'attachments.0': { $exists: true },
    }).lean();
    expect(withFile?.attachments[0]).toMatchObject({ name: 'fault.png', contentType: 'image/png' });

    // The expert types, reads and answers through the staff socket and API.
    expect(
      await call(staff, 'ticket:typing', { ticketId: String(ticket._id), typing: true }),
    ).toEqual({
      ok: true,
      data: { visitors: 1 },
    });
    await frame.locator('.typing', { hasText: `${expert.displayName} is typing` }).waitFor();
    const read = await call(staff, 'ticket:read', {
      ticketId: String(ticket._id),
      messageId: String(stored!._id),
    });
    expect(read).toEqual({ ok: true, data: { visitors: 1 } });
    await frame
      .locator('.message.from-visitor [data-receipt="read"]', { hasText: 'Read' })
      .waitFor();
    await expertSession.agent
      .post(`/api/tickets/${ticket._id}/messages`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ text: 'Please check the fuse first.', channel: 'webchat' })
      .expect(201);
    await frame.locator('.message.from-expert', { hasText: 'check the fuse' }).waitFor();
    await frame
      .locator('.typing', { hasText: 'is typing' })
      .waitFor({ state: 'detached' })
      .catch(() => undefined);
    const reply = await Message.findOne({ ticket: ticket._id, direction: 'out' }).lean();
    expect((await visitorRead).messageId).toBe(String(reply!._id));
    await shot(page, 'chat', 'en');

    // Minimised: a new reply shows as an unread badge on the launcher.
    await frame.getByRole('button', { name: 'Close' }).click();
    await page.locator('#contact-centre-frame').waitFor({ state: 'hidden' });
    await expertSession.agent
      .post(`/api/tickets/${ticket._id}/messages`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ text: 'Are you still there?', channel: 'webchat' })
      .expect(201);
    await page.locator('button.launcher .badge', { hasText: '1' }).waitFor();
    await shot(page, 'unread-badge', 'en');

    // A reload keeps the visitor (token in localStorage) and shows the whole conversation.
    await page.reload();
    await page.locator('button.launcher').click();
    await frame.locator('.message.from-visitor', { hasText: 'My pump is noisy' }).waitFor();
    await frame.locator('.message.from-expert', { hasText: 'check the fuse' }).waitFor();
    await frame.locator('.message.from-expert', { hasText: 'still there' }).waitFor();
    expect(await frame.locator('.message').count()).toBe(4);
    await frame.locator('.message img.thumb').waitFor();

    // The expert resolves: the chat ends for the visitor, who rates it.
    await expertSession.agent
      .patch(`/api/tickets/${ticket._id}`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ status: 'resolved' })
      .expect(200);
    await frame.locator('.ended-title', { hasText: 'The chat has ended.' }).waitFor();
    await frame.getByRole('radio', { name: '4 of 5' }).check();
    await frame.locator('#rating-comment').fill('Quick and helpful');
    await shot(page, 'ended', 'en');
    await frame.getByRole('button', { name: 'Send rating' }).click();
    await frame.locator('.confirmation', { hasText: 'Thank you' }).waitFor();
    const rated = await Ticket.findById(ticket._id).lean<TicketDoc>();
    expect(rated?.satisfaction).toMatchObject({ score: 4, comment: 'Quick and helpful' });
    const session = await WebchatSession.findOne({ ticket: ticket._id }).lean();
    expect(session?.endedAt).toBeTruthy();
    expect(await Interaction.findOne({ externalId: session!.interactionId }).lean()).toMatchObject({
      outcome: 'answered',
    });

    // Self-service tab: serial status.
    await frame.getByRole('tab', { name: 'Self-service' }).click();
    await frame.locator('#lookup-serial').fill('DRP50-000777');
    await frame.getByRole('button', { name: 'Check' }).click();
    await frame.locator('.serial-result', { hasText: 'Under gold guarantee' }).waitFor();
    await shot(page, 'self-service', 'en');
    staff.disconnect();
    await page.context().close();
  }, 180_000);

  it('outside business hours: an offline message and a callback request become tickets (Persian, RTL)', async () => {
    const { page, frame } = await openWidget('fa');
    await frame.locator('html[dir="rtl"][lang="fa"]').waitFor();
    await frame.locator('#prechat-name').waitFor();
    const direction = await frame
      .locator('#prechat-name')
      .evaluate((el) => getComputedStyle(el).direction);
    expect(direction).toBe('rtl');
    await shot(page, 'prechat', 'fa');
    await frame.locator('#prechat-name').fill('علی رضایی');
    await frame.locator('#prechat-email').fill('ali@example.com');
    await frame.locator('#prechat-topic').selectOption('night');
    await frame.locator('#prechat-serial').fill('DRP50-000777');
    await frame.locator('.serial-result', { hasText: 'گارانتی طلایی' }).waitFor();
    await frame.getByRole('button', { name: 'شروع گفتگو' }).click();
    await frame.locator('.offline-reason', { hasText: 'خارج از ساعت کاری' }).waitFor();
    await shot(page, 'offline', 'fa');

    await frame.locator('#offline-text').fill('آبگرمکن نشتی دارد');
    await frame.getByRole('button', { name: 'ثبت پیام' }).click();
    await frame.locator('.confirmation', { hasText: 'ثبت شد' }).waitFor();
    const offline = await latestTicket({ subject: 'Offline message (web chat)' });
    expect(offline.channel).toBe('webchat');
    expect(await Message.findOne({ ticket: offline._id }).lean()).toMatchObject({
      text: 'آبگرمکن نشتی دارد',
    });
    expect(
      await Interaction.countDocuments({ ticket: offline._id, outcome: 'offline-message' }),
    ).toBe(1);

    await frame.getByRole('button', { name: 'بازگشت' }).click();
    await frame.locator('#prechat-topic').selectOption('night');
    await frame.getByRole('button', { name: 'شروع گفتگو' }).click();
    await frame.getByRole('tab', { name: 'درخواست تماس' }).click();
    await frame.locator('#offline-phone').fill('۰۹۱۲ ۳۴۵ ۶۷۸۹');
    await frame.locator('#callback-from').selectOption('14');
    await frame.locator('#callback-to').selectOption('16');
    await shot(page, 'callback', 'fa');
    await frame.getByRole('button', { name: 'درخواست تماس', exact: true }).last().click();
    await frame.locator('.confirmation', { hasText: 'درخواست تماس با شماره' }).waitFor();
    const callback = await latestTicket({ type: 'callback', channel: 'webchat' });
    const cb = await Callback.findOne({ ticket: callback._id }).lean();
    expect(cb).toMatchObject({ phone: '+989123456789', source: 'widget' });
    expect(new Date(cb!.windowEnd!).getTime() - new Date(cb!.windowStart!).getTime()).toBe(
      2 * 3600 * 1000,
    );
    await shot(page, 'callback-done', 'fa');
    await page.context().close();
  }, 120_000);

  it('a Persian chat: RTL messages, Persian digits and the self-service tab', async () => {
    const { page, frame } = await openWidget('fa');
    await frame.locator('#prechat-name').fill('مریم');
    await frame.locator('#prechat-phone').fill('۰۹۱۲۱۱۱۲۲۳۳');
    await frame.getByRole('button', { name: 'شروع گفتگو' }).click();
    await frame.locator('.expert-line', { hasText: 'پاسخ‌گوی شماست' }).waitFor();
    await frame.locator('#composer-text').fill('سلام، دستگاه روشن نمی‌شود');
    await frame.getByRole('button', { name: 'ارسال' }).click();
    const mine = frame.locator('.message.from-visitor[data-state="stored"]');
    await mine.waitFor();
    expect(await mine.locator('time').textContent()).toMatch(/^[۰-۹]{2}:[۰-۹]{2}$/);
    const ticket = await latestTicket({
      channel: 'webchat',
      assignee: expert._id,
      status: 'assigned',
    });
    await expertSession.agent
      .post(`/api/tickets/${ticket._id}/messages`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ text: 'سلام، لطفاً فیوز را بررسی کنید.', channel: 'webchat' })
      .expect(201);
    await frame.locator('.message.from-expert', { hasText: 'فیوز' }).waitFor();
    // Mirrored for RTL: the visitor's own bubbles at the inline end (left), the expert's at the start.
    const visitorBox = (await mine.boundingBox())!;
    const expertBox = (await frame.locator('.message.from-expert').boundingBox())!;
    expect(visitorBox.x).toBeLessThan(expertBox.x);
    await shot(page, 'chat', 'fa');
    await frame.getByRole('tab', { name: 'پیگیری و راهنما' }).click();
    await frame.locator('#lookup-serial').fill('DRP50-000777');
    await frame.getByRole('button', { name: 'بررسی' }).click();
    await frame.locator('.serial-result', { hasText: 'گارانتی تا' }).waitFor();
    expect(await frame.locator('.serial-result').textContent()).toMatch(/[۰-۹]{4}/);
    await shot(page, 'self-service', 'fa');
    await frame.getByRole('tab', { name: 'گفتگو' }).click();

    // The expert hands the chat to a group with nobody online: the visitor is told at once.
    const unstaffed = await makeGroup();
    await expertSession.agent
      .post(`/api/tickets/${ticket._id}/transfer`)
      .set('X-CSRF-Token', expertSession.csrf)
      .send({ groupId: String(unstaffed._id) })
      .expect(200);
    await frame.locator('.queue-line', { hasText: 'در صف انتظار هستید: نفر ۱' }).waitFor();
    expect(await frame.locator('.expert-line').count()).toBe(0);
    await frame.getByRole('button', { name: 'پایان گفتگو' }).click();
    await frame.getByRole('button', { name: 'بله، پایان' }).click();
    await frame.locator('.ended-title', { hasText: 'گفتگو به پایان رسید' }).waitFor();
    await shot(page, 'ended', 'fa');
    await page.context().close();
  }, 120_000);
});
