import type { VisitorSession } from '@cc/shared';
import { io as connect, type Socket } from 'socket.io-client';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, startTestApp, type TestApp } from '../../test/app.js';
import { makeExpert, makeGroup, makeTicket } from '../../test/factories.js';
import { WidgetKey } from '../channels/webchat/model.js';
import { Message } from '../tickets/message.model.js';
import { Attachment, AttachmentChunk } from './model.js';
import { safeFileName, storeAttachment } from './service.js';

const ORIGIN = 'https://shop.example';
// The 8-byte PNG signature and an IHDR chunk: enough for the type to be recognised from bytes.
const PNG = Buffer.concat([
  Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex'),
  Buffer.alloc(64, 7),
]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n');
const ZIP = Buffer.concat([Buffer.from('504b0304', 'hex'), Buffer.alloc(60, 1)]);

let app: TestApp;
let expert: Awaited<ReturnType<typeof makeExpert>>;
let outsider: Awaited<ReturnType<typeof makeExpert>>;
let group: Awaited<ReturnType<typeof makeGroup>>;

beforeAll(async () => {
  app = await startTestApp({ ATTACHMENT_MAX_BYTES: String(1024 * 1024) });
  group = await makeGroup({ topics: ['technical'], isDefault: true });
  const other = await makeGroup();
  expert = await makeExpert([group], { online: true, maxConcurrent: 20 });
  outsider = await makeExpert([other]);
  await WidgetKey.create({ key: 'shop', name: 'Shop', allowedOrigins: [ORIGIN] });
});
afterAll(() => app.close());

async function upload(
  agent: request.Agent,
  csrf: string,
  ticketId: string,
  data: Buffer,
  name: string,
) {
  return agent
    .post(`/api/tickets/${ticketId}/attachments`)
    .set('X-CSRF-Token', csrf)
    .attach('file', data, name);
}

describe('staff attachments', () => {
  it('stores a file, sends it with a note and serves it with the type read from its bytes', async () => {
    const ticket = await makeTicket(group);
    const { agent, csrf } = await signIn(app, expert);
    const up = await upload(agent, csrf, String(ticket._id), PNG, 'photo.txt');
    expect(up.status).toBe(201);
    expect(up.body).toMatchObject({
      name: 'photo.txt',
      contentType: 'image/png',
      size: PNG.length,
    });

    const note = await agent
      .post(`/api/tickets/${String(ticket._id)}/notes`)
      .set('X-CSRF-Token', csrf)
      .send({ attachments: [up.body.id] });
    expect(note.status).toBe(201);
    expect(note.body.attachments).toEqual([
      expect.objectContaining({ fileId: up.body.id, contentType: 'image/png', dropped: false }),
    ]);

    const file = await agent.get(`/api/attachments/${up.body.id}`).buffer(true);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toBe('image/png');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(Buffer.compare(file.body as Buffer, PNG)).toBe(0);

    const twice = await agent
      .post(`/api/tickets/${String(ticket._id)}/notes`)
      .set('X-CSRF-Token', csrf)
      .send({ text: 'again', attachments: [up.body.id] });
    expect(twice.status).toBe(422);
    expect(twice.body.error.code).toBe('attachment_invalid');
    expect(await Message.countDocuments({ ticket: ticket._id, channel: 'note' })).toBe(1);
  });

  it('keeps a file of several chunks byte for byte and downloads it as a file when not an image', async () => {
    const ticket = await makeTicket(group);
    const { agent, csrf } = await signIn(app, expert);
    const big = Buffer.alloc(600 * 1024);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31) % 251;
    const up = await upload(agent, csrf, String(ticket._id), big, '../../گزارش خرابی.bin');
    expect(up.status).toBe(201);
    expect(up.body.name).toBe('گزارش خرابی.bin');
    expect(await AttachmentChunk.countDocuments({ _id: { $regex: `^${up.body.id}:` } })).toBe(3);
    const file = await agent.get(`/api/attachments/${up.body.id}`).buffer(true);
    expect(file.headers['content-disposition']).toMatch(/^attachment;.*filename\*=UTF-8''/);
    expect(Buffer.compare(file.body as Buffer, big)).toBe(0);
  });

  it('refuses an oversize file with 413, a missing file with 400 and strangers with 401/404', async () => {
    const ticket = await makeTicket(group);
    const { agent, csrf } = await signIn(app, expert);
    const tooBig = await upload(
      agent,
      csrf,
      String(ticket._id),
      Buffer.alloc(1024 * 1024 + 1),
      'x.bin',
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.code).toBe('payload_too_large');
    const noFile = await agent
      .post(`/api/tickets/${String(ticket._id)}/attachments`)
      .set('X-CSRF-Token', csrf)
      .field('other', 'x');
    expect(noFile.status).toBe(400);
    expect(noFile.body.error.code).toBe('file_missing');
    expect(await Attachment.countDocuments({ ticket: ticket._id })).toBe(0);

    const anonymous = await request(app.url)
      .post(`/api/tickets/${String(ticket._id)}/attachments`)
      .attach('file', PNG, 'a.png');
    expect(anonymous.status).toBe(401);

    const up = await upload(agent, csrf, String(ticket._id), PDF, 'manual.pdf');
    expect(up.body.contentType).toBe('application/pdf');
    const stranger = await signIn(app, outsider);
    const peek = await stranger.agent.get(`/api/attachments/${up.body.id}`);
    expect(peek.status).toBe(404);
    const sendOther = await stranger.agent
      .post(`/api/tickets/${String(ticket._id)}/notes`)
      .set('X-CSRF-Token', stranger.csrf)
      .send({ attachments: [up.body.id] });
    expect(sendOther.status).toBe(404);
  });

  it('records a refused or oversize file as dropped with the reason instead of failing', async () => {
    const ticket = await makeTicket(group);
    const refused = await storeAttachment({
      data: ZIP,
      name: 'tool.zip',
      ticketId: ticket._id,
      uploadedBy: { kind: 'contact' },
      accept: 'images-pdf',
    });
    expect(refused).toMatchObject({ fileId: null, dropped: true, contentType: 'application/zip' });
    expect(refused.reason).toMatch(/not accepted/);
    const large = await storeAttachment({
      data: PNG,
      name: 'p.png',
      ticketId: ticket._id,
      uploadedBy: { kind: 'system' },
      maxBytes: 10,
    });
    expect(large).toMatchObject({ dropped: true, reason: 'larger than 10 bytes' });
    expect(await Attachment.countDocuments({ ticket: ticket._id })).toBe(0);
  });

  it('cleans file names', () => {
    expect(safeFileName('C:\\Users\\x\\a<b>.png')).toBe('a_b_.png');
    expect(safeFileName('..')).toBe('file');
    expect(safeFileName('')).toBe('file');
  });
});

describe('visitor attachments', () => {
  const sockets: Socket[] = [];
  afterAll(() => sockets.forEach((s) => s.disconnect()));

  async function chattingVisitor() {
    const s = connect(`${app.url}/visitor`, {
      transports: ['websocket'],
      extraHeaders: { origin: ORIGIN },
      auth: { key: 'shop' },
      forceNew: true,
      reconnection: false,
    });
    sockets.push(s);
    const session = await new Promise<VisitorSession>((resolve) => s.once('session', resolve));
    const start = await s.timeout(10_000).emitWithAck('chat:start', {
      name: 'Sara',
      phone: `0912${Math.floor(1_000_000 + Math.random() * 8_999_999)}`,
      topic: 'technical',
    });
    expect(start.ok).toBe(true);
    return { token: session.token, ticketId: start.data.chat.ticketId as string };
  }

  it('lets a visitor upload a photo to their chat and open it only with their token or signed address', async () => {
    const me = await chattingVisitor();
    const other = await chattingVisitor();
    const up = await request(app.url)
      .post('/api/webchat/attachments')
      .set('Authorization', `Bearer ${me.token}`)
      .attach('file', PNG, 'fault.png');
    expect(up.status).toBe(201);
    expect(up.body.url).toMatch(/^\/api\/webchat\/attachments\/[a-f0-9]{24}\?v=/);

    const signed = await request(app.url).get(up.body.url).buffer(true);
    expect(signed.status).toBe(200);
    expect(Buffer.compare(signed.body as Buffer, PNG)).toBe(0);
    const bearer = await request(app.url)
      .get(`/api/webchat/attachments/${up.body.id}`)
      .set('Authorization', `Bearer ${me.token}`);
    expect(bearer.status).toBe(200);

    const forged = await request(app.url).get(up.body.url.replace(/sig=[^&]+/, 'sig=AAAA'));
    expect(forged.status).toBe(401);
    const stranger = await request(app.url)
      .get(`/api/webchat/attachments/${up.body.id}`)
      .set('Authorization', `Bearer ${other.token}`);
    expect(stranger.status).toBe(404);

    const { agent } = await signIn(app, expert);
    const staff = await agent.get(`/api/attachments/${up.body.id}`);
    expect(staff.status).toBe(200);
  });

  it('refuses a visitor file that is not a photo or PDF, whatever its name says', async () => {
    const me = await chattingVisitor();
    const res = await request(app.url)
      .post('/api/webchat/attachments')
      .set('Authorization', `Bearer ${me.token}`)
      .attach('file', ZIP, 'photo.jpg');
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'attachment_refused' });
    const noToken = await request(app.url)
      .post('/api/webchat/attachments')
      .attach('file', PNG, 'x.png');
    expect(noToken.status).toBe(401);
  });
});
