import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { makeContact } from '../../test/factories.js';
import { Contact, type ContactDoc } from '../contacts/model.js';
import { Dealer } from '../dealers/model.js';
import type { UnitImportReport } from '@cc/shared';
import { parseCalendarDate } from './import.js';
import { Product, Unit, type UnitDoc } from './model.js';

let app: TestApp;
let manager: SignedIn;
let expert: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  manager = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
  for (const code of ['IMP-A', 'IMP-B'])
    await Product.create({ code, name: { fa: 'تراکتور', en: 'Tractor' } });
  await Dealer.create({
    code: 'D-GILAN',
    name: 'نمایندگی رشت',
    kinds: ['sales'],
    province: 'Gilan',
    city: 'Rasht',
  });
});
afterAll(() => app.close());

const post = (who: SignedIn, csv: string, type = 'text/csv') =>
  who.agent
    .post('/api/units/import')
    .set('X-CSRF-Token', who.csrf)
    .set('Content-Type', type)
    .send(csv);

const HEADER = 'serial,productCode,productionDate,deliveryDate,ownerPhone,dealerCode';

async function waitForReport(id: string): Promise<UnitImportReport> {
  for (let i = 0; i < 600; i++) {
    const res = await manager.agent.get(`/api/units/import/${id}`);
    expect(res.status).toBe(200);
    if (res.body.status !== 'running') return res.body as UnitImportReport;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('import did not finish');
}

describe('parseCalendarDate', () => {
  it('reads Gregorian and Jalali dates (Latin or Persian digits) as UTC midnight', () => {
    expect(parseCalendarDate('2023-08-01').toISOString()).toBe('2023-08-01T00:00:00.000Z');
    expect(parseCalendarDate('1402/05/10').toISOString()).toBe('2023-08-01T00:00:00.000Z');
    expect(parseCalendarDate('۱۴۰۲/۰۵/۱۰').toISOString()).toBe('2023-08-01T00:00:00.000Z');
    expect(parseCalendarDate('1402-5-10').toISOString()).toBe('2023-08-01T00:00:00.000Z');
    // 1403 is a Jalali leap year: Esfand 30 exists; in 1402 it does not.
    expect(parseCalendarDate('1403/12/30').toISOString()).toBe('2025-03-20T00:00:00.000Z');
    expect(() => parseCalendarDate('1402/12/30')).toThrow(/Jalali/);
    expect(() => parseCalendarDate('2023-02-29')).toThrow(/calendar/);
    expect(() => parseCalendarDate('01/08/2023')).toThrow(/not a date/);
  });
});

describe('POST /api/units/import', () => {
  it('imports good rows, reports bad ones by line, and a re-import changes nothing', async () => {
    const owner = await makeContact();
    expect(owner.segment).toBe('potential');
    const csv = [
      HEADER,
      `SN-IMP-0001,IMP-A,2023-01-10,2023-03-01,${owner.phones[0]!.number},D-GILAN`, // line 2
      'SN-IMP-0002,imp-b,۱۴۰۲/۰۵/۱۰,1402/06/01,,', // 3: Jalali, Persian digits
      'SN-IMP-0003,IMP-A,2023-02-30,,,', // 4: bad date
      'SN-IMP-0004,IMP-A,2023-05-01,2023-04-01,,', // 5: delivery before production
      'SN-IMP-0005,NOPE,2023-05-01,,,', // 6: unknown product
      'sn-imp-0001,IMP-A,2023-01-10,2023-03-01,,', // 7: duplicate in file
      'SN-IMP-0006,IMP-A,2023-05-01,,09121234567,D-NONE', // 8: unknown dealer
      '"SN-IMP-0007","IMP-B","2022-12-01","","0912 765 4321",""', // 9: new owner by phone
      'x,IMP-A,2023-05-01,,,', // 10: bad serial
      'SN-IMP-0008,IMP-A,2023-05-01', // 11: too few cells
    ].join('\n');

    const first = await post(manager, csv);
    expect(first.status).toBe(200);
    const report = first.body as UnitImportReport;
    expect(report).toMatchObject({
      status: 'done',
      total: 10,
      processed: 10,
      created: 3,
      unchanged: 0,
      conflicts: 0,
      invalid: 7,
    });
    expect(report.problems.map((p) => [p.line, p.code])).toEqual([
      [4, 'invalid_date'],
      [5, 'delivery_before_production'],
      [6, 'unknown_product'],
      [7, 'duplicate_in_file'],
      [8, 'unknown_dealer'],
      [10, 'invalid_serial'],
      [11, 'wrong_column_count'],
    ]);

    const jalali = await Unit.findOne({ serial: 'SN-IMP-0002' }).lean<UnitDoc>();
    expect(jalali!.productCode).toBe('IMP-B');
    expect(jalali!.productionDate.toISOString()).toBe('2023-08-01T00:00:00.000Z');
    expect(jalali!.deliveryDate!.toISOString()).toBe('2023-08-23T00:00:00.000Z');

    const owned = await Unit.findOne({ serial: 'SN-IMP-0001' }).lean<UnitDoc>();
    expect(String(owned!.owner)).toBe(String(owner._id));
    expect(owned!.dealer).not.toBeNull();
    const ownerAfter = await Contact.findById(owner._id).lean<ContactDoc>();
    expect(ownerAfter!.segment).toBe('actual');

    // The unknown phone on line 9 became a new contact, an actual customer.
    const newOwner = await Contact.findOne({ 'phones.number': '+989127654321' }).lean<ContactDoc>();
    expect(newOwner!.segment).toBe('actual');

    // The unit seen through the ordinary API has its derived coverage.
    const lookup = await expert.agent.get('/api/units/by-serial/SN-IMP-0002');
    expect(lookup.status).toBe(200);

    const unitsBefore = await Unit.countDocuments();
    const contactsBefore = await Contact.countDocuments();
    const again = await post(manager, csv);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: 0, unchanged: 3, conflicts: 0, invalid: 7 });
    expect(await Unit.countDocuments()).toBe(unitsBefore);
    expect(await Contact.countDocuments()).toBe(contactsBefore);
  });

  it('reports a serial registered with different data as a conflict and keeps the old data', async () => {
    const csv = [HEADER, 'SN-CONF-0001,IMP-A,2023-01-10,,,'].join('\n');
    expect((await post(manager, csv)).body.created).toBe(1);
    const changed = [HEADER, 'SN-CONF-0001,IMP-B,2023-01-11,,,'].join('\n');
    const res = await post(manager, changed);
    expect(res.body).toMatchObject({ created: 0, unchanged: 0, conflicts: 1 });
    expect(res.body.problems[0]).toMatchObject({ line: 2, code: 'conflict' });
    expect(res.body.problems[0].reason).toMatch(/productCode, productionDate/);
    const unit = await Unit.findOne({ serial: 'SN-CONF-0001' }).lean<UnitDoc>();
    expect(unit!.productCode).toBe('IMP-A');
  });

  it('imports thousands of rows in the background with progress, idempotently', async () => {
    const rows = [HEADER];
    for (let i = 0; i < 3000; i++) {
      const serial = `SN-BULK-${String(i).padStart(5, '0')}`;
      if (i % 500 === 7)
        rows.push(`${serial},IMP-A,2023-13-01,,,`); // 6 bad months
      else if (i % 2) rows.push(`${serial},IMP-B,1401/0${1 + (i % 9)}/15,,,`);
      else rows.push(`${serial},IMP-A,2022-0${1 + (i % 9)}-15,2023-01-01,,`);
    }
    const csv = '\uFEFF' + rows.join('\r\n') + '\r\n';

    const started = await post(manager, csv);
    expect(started.status).toBe(202);
    expect(started.body).toMatchObject({ status: 'running', total: 3000 });
    expect(started.headers.location).toBe(`/api/units/import/${started.body.id}`);

    const report = await waitForReport(started.body.id as string);
    expect(report).toMatchObject({
      status: 'done',
      total: 3000,
      processed: 3000,
      created: 2994,
      invalid: 6,
    });
    expect(report.problems.map((p) => p.line)).toEqual([9, 509, 1009, 1509, 2009, 2509]);
    expect(await Unit.countDocuments({ serial: /^SN-BULK-/ })).toBe(2994);

    const again = await post(manager, csv);
    expect(again.status).toBe(202);
    const second = await waitForReport(again.body.id as string);
    expect(second).toMatchObject({ created: 0, unchanged: 2994, conflicts: 0, invalid: 6 });
    expect(await Unit.countDocuments({ serial: /^SN-BULK-/ })).toBe(2994);
  }, 180_000);

  it('refuses experts, other media types, bad headers and broken CSV', async () => {
    const csv = [HEADER, 'SN-NEVER-0001,IMP-A,2023-01-10,,,'].join('\n');
    expect((await post(expert, csv)).status).toBe(403);
    const json = await manager.agent
      .post('/api/units/import')
      .set('X-CSRF-Token', manager.csrf)
      .send({ csv });
    expect(json.status).toBe(415);
    const header = await post(manager, 'serial,model\nSN-1,IMP-A');
    expect(header.status).toBe(422);
    expect(header.body.error.code).toBe('invalid_csv_header');
    const broken = await post(manager, `${HEADER}\n"SN-NEVER-0002,IMP-A,2023-01-10,,,`);
    expect(broken.status).toBe(422);
    expect(broken.body.error.code).toBe('invalid_csv');
    expect(await Unit.exists({ serial: /^SN-NEVER/ })).toBeNull();
    expect((await manager.agent.get('/api/units/import/not-a-uuid')).status).toBe(400);
    const unknown = await manager.agent.get(
      '/api/units/import/6f1c0c7e-8a3b-4f0e-9a57-2f4f6f2b0c11',
    );
    expect(unknown.status).toBe(404);
  });
});
