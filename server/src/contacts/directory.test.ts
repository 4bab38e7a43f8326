import request from 'supertest';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeContact } from '../../test/factories.js';
import { contactVcard, foldLine, vcardEscape } from './directory.js';
import { Contact, type ContactDoc } from './model.js';

let app: TestApp;
let manager: SignedIn;
let expert: SignedIn;
let tricky: ContactDoc;
let merged: ContactDoc;
const BULK = 1500;
const persian = 'محمدرضا کشاورز‌زاده'; // with a zero-width non-joiner

beforeAll(async () => {
  app = await startTestApp();
  manager = await signIn(app, await makeUser({ roles: ['admin'] }));
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
  tricky = await makeContact({
    name: 'علی; "Ali", \\ the farmer',
    province: 'گیلان',
    city: 'رشت',
    address: 'خیابان امام، کوچه ۳\nپلاک ۱۲',
    segment: 'actual',
    emails: ['ali@example.com'],
    clubNumber: 'C-1001',
  } as Partial<ContactDoc>);
  await makeContact({ name: persian, province: 'تهران' } as Partial<ContactDoc>);
  merged = await makeContact({ name: 'Merged away' });
  await Contact.updateOne({ _id: merged._id }, { $set: { mergedInto: tricky._id } });
  await Contact.insertMany(
    Array.from({ length: BULK }, (_, i) => ({
      name: `مشتری ${String(i).padStart(4, '0')}`,
      phones: [{ number: `+98912${String(1_000_000 + i)}` }],
      province: 'فارس',
    })),
  );
});
afterAll(() => app.close());

const call = (who: SignedIn) => ({
  get: (url: string) => request(app.url).get(url).set('Cookie', who.cookie),
});

describe('GET /api/contacts/directory.csv', () => {
  it('streams every non-merged contact with a BOM and Persian text intact', async () => {
    const res = await call(manager).get('/api/contacts/directory.csv').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="contacts-.*\.csv"$/);
    const text = res.text;
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(BULK + 2);
    expect(rows.some((r) => r.name === 'Merged away')).toBe(false);
    const ali = rows.find((r) => r.id === String(tricky._id))!;
    expect(ali.name).toBe('علی; "Ali", \\ the farmer');
    expect(ali.address).toBe('خیابان امام، کوچه ۳\nپلاک ۱۲');
    expect(ali.phones).toBe(`'${tricky.phones[0]!.number}`); // + defused like every export
    expect(ali.emails).toBe('ali@example.com');
    expect(ali.segment).toBe('actual');
    expect(rows.find((r) => r.name === persian)?.province).toBe('تهران');
  });

  it('filters by segment and province', async () => {
    const res = await call(manager)
      .get('/api/contacts/directory.csv')
      .query({ province: 'گیلان' })
      .buffer(true);
    const rows = parse(res.text, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual([String(tricky._id)]);
    const bad = await call(manager).get('/api/contacts/directory.csv?segment=maybe');
    expect(bad.status).toBe(400);
    expect(bad.headers['content-type']).toMatch(/application\/json/);
  });

  it('is for supervisors and admins only', async () => {
    expect((await call(expert).get('/api/contacts/directory.csv')).status).toBe(403);
    expect((await call(expert).get('/api/contacts/directory.vcf')).status).toBe(403);
  });
});

describe('GET /api/contacts/directory.vcf', () => {
  it('streams vCard 3.0 with escaping and folding', async () => {
    const res = await call(manager).get('/api/contacts/directory.vcf').buffer(true);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/vcard; charset=utf-8');
    const raw = res.text;
    for (const line of raw.split('\r\n')) expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
    const unfolded = raw.replace(/\r\n /g, '');
    const cards = unfolded.split('END:VCARD\r\n').filter(Boolean);
    expect(cards).toHaveLength(BULK + 2);
    const ali = cards.find((c) => c.includes(`UID:${String(tricky._id)}`))!;
    expect(ali).toContain('BEGIN:VCARD\r\nVERSION:3.0\r\n');
    expect(ali).toContain('FN:علی\\; "Ali"\\, \\\\ the farmer\r\n');
    expect(ali).toContain(`TEL;TYPE=CELL:${tricky.phones[0]!.number}\r\n`);
    expect(ali).toContain('EMAIL;TYPE=INTERNET:ali@example.com\r\n');
    expect(ali).toContain('ADR;TYPE=HOME:;;خیابان امام، کوچه ۳\\nپلاک ۱۲;رشت;گیلان;;\r\n');
    expect(ali).toContain('X-CLUB-NUMBER:C-1001\r\n');
    expect(unfolded).toContain(`FN:${persian}\r\n`);
    expect(unfolded).not.toContain('Merged away');
  });
});

describe('vCard helpers', () => {
  it('escapes text values', () => {
    expect(vcardEscape('a,b;c\\d\ne')).toBe('a\\,b\\;c\\\\d\\ne');
  });
  it('folds at 75 octets without splitting a Persian letter', () => {
    const line = `NOTE:${'ب'.repeat(100)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n').filter(Boolean);
    expect(parts.length).toBeGreaterThan(2);
    for (const p of parts) expect(Buffer.byteLength(p)).toBeLessThanOrEqual(75);
    expect(parts.slice(1).every((p) => p.startsWith(' '))).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toBe(line + '\r\n');
  });
  it('names a contact without a name by its phone', () => {
    const card = contactVcard({
      ...tricky,
      name: '',
      address: '',
      city: '',
      province: '',
      clubNumber: null,
    });
    expect(card).toContain(`FN:${tricky.phones[0]!.number}\r\n`);
    expect(card).not.toContain('ADR');
  });
});
