import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../core/config.js';
import { logger } from '../core/logger.js';
import { Contact, ContactIdentity, identityId } from '../contacts/model.js';
import { Dealer, Technician } from '../dealers/model.js';
import { ExpertGroup } from '../expert-groups/model.js';
import { Article } from '../knowledge/model.js';
import { Product, Unit } from '../products/model.js';
import { User } from '../users/model.js';
import { hashPassword } from '../users/password.js';
import { seedDemoWidgetKey } from '../channels/webchat/index.js';
import { invalidateKnowledgeIndexes } from '../knowledge/search-index.js';
import { recordContact } from '../tickets/service.js';

export interface DemoLogin {
  email: string;
  password: string;
  roles: string[];
}

/** Small deterministic generator, so the demo data is the same on every machine. */
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const iranWeek = (open: string, close: string) =>
  // Saturday to Wednesday full days, Thursday mornings; Friday is the weekend.
  [6, 0, 1, 2, 3].map((day) => ({ day, open, close })).concat([{ day: 4, open, close: '13:00' }]);

const GROUPS = [
  {
    slug: 'technical-support',
    name: { fa: 'پشتیبانی فنی', en: 'Technical support' },
    topics: ['technical', 'installation', 'training'],
    isDefault: true,
    businessHours: { timezone: 'Asia/Tehran', alwaysOpen: true, weekly: [], holidays: [] },
    sla: { firstResponseMinutes: 15, resolutionMinutes: 8 * 60, warningPercent: 80 },
  },
  {
    slug: 'guarantee-warranty',
    name: { fa: 'گارانتی و وارانتی', en: 'Guarantee and warranty' },
    topics: ['guarantee', 'warranty', 'spare-parts'],
    businessHours: {
      timezone: 'Asia/Tehran',
      alwaysOpen: false,
      weekly: iranWeek('08:00', '17:00'),
      holidays: [],
    },
    sla: { firstResponseMinutes: 60, resolutionMinutes: 3 * 24 * 60, warningPercent: 80 },
  },
  {
    slug: 'sales',
    name: { fa: 'فروش', en: 'Sales' },
    topics: ['sales', 'dealers'],
    businessHours: {
      timezone: 'Asia/Tehran',
      alwaysOpen: false,
      weekly: iranWeek('08:00', '17:00'),
      holidays: [],
    },
    sla: { firstResponseMinutes: 30, resolutionMinutes: 24 * 60, warningPercent: 80 },
  },
  {
    slug: 'complaints',
    name: { fa: 'شکایات و پیشنهادها', en: 'Complaints and suggestions' },
    topics: ['complaint', 'suggestion'],
    businessHours: {
      timezone: 'Asia/Tehran',
      alwaysOpen: false,
      weekly: iranWeek('08:00', '16:00'),
      holidays: [],
    },
    sla: { firstResponseMinutes: 120, resolutionMinutes: 5 * 24 * 60, warningPercent: 75 },
  },
];

const PRODUCTS = [
  { code: 'MK-P200', fa: 'پمپ آب کشاورزی ۲ اینچ', en: 'Farm water pump 2"', category: 'pumps' },
  { code: 'MK-P400', fa: 'پمپ آب کشاورزی ۴ اینچ', en: 'Farm water pump 4"', category: 'pumps' },
  {
    code: 'MK-SPR10',
    fa: 'آبپاش بارانی متحرک',
    en: 'Travelling rain sprinkler',
    category: 'irrigation',
  },
  {
    code: 'MK-DRP50',
    fa: 'سامانه آبیاری قطره‌ای ۵۰',
    en: 'Drip irrigation kit 50',
    category: 'irrigation',
  },
  { code: 'MK-TL30', fa: 'تیلر ۳۰ اسب بخار', en: 'Power tiller 30 hp', category: 'machinery' },
];

const PROVINCES: Array<[string, string]> = [
  ['گیلان', 'رشت'],
  ['گیلان', 'دیلمان'],
  ['مازندران', 'ساری'],
  ['خراسان رضوی', 'مشهد'],
  ['فارس', 'شیراز'],
  ['اصفهان', 'اصفهان'],
  ['خوزستان', 'اهواز'],
  ['آذربایجان شرقی', 'تبریز'],
];
const FIRST = ['علی', 'محمد', 'حسین', 'رضا', 'مهدی', 'زهرا', 'فاطمه', 'مریم', 'حسن', 'کریم'];
const LAST = [
  'احمدی',
  'رضایی',
  'محمدی',
  'کریمی',
  'حسینی',
  'مرادی',
  'دیلمی',
  'گیلانی',
  'نوری',
  'صادقی',
];

const day = (y: number, m: number, d: number) => new Date(Date.UTC(y, m - 1, d));

export async function databaseIsEmpty(): Promise<boolean> {
  return !(await User.exists({})) && !(await ExpertGroup.exists({}));
}

/** Fills an empty database with demo data; returns the demo logins (also saved under DATA_DIR). */
export async function seedDemo(config: Config, now = new Date()): Promise<DemoLogin[]> {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

  const groups = await ExpertGroup.insertMany(GROUPS);
  const bySlug = Object.fromEntries(groups.map((g) => [g.slug, g._id]));

  const password = () => randomBytes(9).toString('base64url');
  const people = [
    {
      email: 'admin@demo.local',
      displayName: 'مدیر سامانه',
      roles: ['admin', 'supervisor'],
      groups: Object.values(bySlug),
    },
    {
      email: 'supervisor@demo.local',
      displayName: 'سرپرست پشتیبانی',
      roles: ['supervisor'],
      groups: Object.values(bySlug),
    },
    {
      email: 'expert1@demo.local',
      displayName: 'کارشناس فنی ۱',
      roles: ['expert'],
      groups: [bySlug['technical-support']],
    },
    {
      email: 'expert2@demo.local',
      displayName: 'کارشناس فنی ۲',
      roles: ['expert'],
      groups: [bySlug['technical-support']],
    },
    {
      email: 'expert3@demo.local',
      displayName: 'کارشناس گارانتی',
      roles: ['expert'],
      groups: [bySlug['guarantee-warranty'], bySlug['technical-support']],
    },
    {
      email: 'expert4@demo.local',
      displayName: 'کارشناس فروش',
      roles: ['expert'],
      groups: [bySlug.sales],
    },
    {
      email: 'expert5@demo.local',
      displayName: 'کارشناس شکایات',
      roles: ['expert'],
      groups: [bySlug.complaints],
    },
  ];
  const logins: DemoLogin[] = [];
  for (const [i, p] of people.entries()) {
    const pw = password();
    logins.push({ email: p.email, password: pw, roles: p.roles });
    await User.create({
      ...p,
      passwordHash: await hashPassword(pw),
      languages: ['fa', 'en'],
      phone: `+98912100${String(i).padStart(4, '0')}`,
    });
  }

  const products = await Product.insertMany(
    PRODUCTS.map((p) => ({
      code: p.code,
      name: { fa: p.fa, en: p.en },
      category: p.category,
      specifications: [{ name: 'power', value: p.category === 'machinery' ? '30 hp' : '3 kW' }],
      documents: [
        {
          kind: 'manual',
          title: `${p.en} manual`,
          url: `/docs/${p.code}/manual.pdf`,
          locale: 'en',
        },
        {
          kind: 'warranty-booklet',
          title: `دفترچه گارانتی ${p.fa}`,
          url: `/docs/${p.code}/warranty.pdf`,
          locale: 'fa',
        },
      ],
      faultCodes: [
        { code: 'E01', description: { fa: 'نشتی آب', en: 'Water leak' } },
        { code: 'E02', description: { fa: 'داغ شدن موتور', en: 'Motor overheating' } },
        { code: 'E03', description: { fa: 'کاهش فشار', en: 'Pressure drop' } },
      ],
    })),
  );

  const dealers = [];
  for (const [i, [province, city]] of PROVINCES.entries()) {
    const dealer = await Dealer.create({
      code: `D-${100 + i}`,
      name: `نمایندگی ${city}`,
      kinds: i % 3 === 0 ? ['sales'] : ['sales', 'service'],
      province,
      city,
      address: `${city}، خیابان اصلی`,
      phone: `+98131${String(4000000 + i)}`,
      status: i === 7 ? 'suspended' : 'active',
      contractStart: day(2020, 1, 1),
    });
    await Technician.create({
      dealer: dealer._id,
      name: `${pick(FIRST)} ${pick(LAST)}`,
      trainings: [{ title: 'Pump service level 1', date: day(2023, 5, 10) }],
      certifications: [
        { title: 'Certified installer', issuedAt: day(2023, 6, 1), expiresAt: day(2026, 6, 1) },
      ],
    });
    dealers.push(dealer);
  }

  const contacts = [];
  for (let i = 0; i < 60; i++) {
    const [province, city] = pick(PROVINCES);
    const phone = `+98911${String(2000000 + i * 7919).padStart(7, '0')}`;
    const contact = await Contact.create({
      name: `${pick(FIRST)} ${pick(LAST)}`,
      phones: [{ number: phone }],
      province,
      city,
      heardFrom: pick(['dealer', 'exhibition', 'friend', 'website', 'radio']),
      segment: 'potential',
    });
    await ContactIdentity.create({
      _id: identityId('phone', phone),
      kind: 'phone',
      value: phone,
      contact: contact._id,
    });
    contacts.push(contact);
  }

  // Every coverage state: fresh (guarantee), 1-10 years (warranty), >10 years (out), undelivered.
  const units = [];
  const ms = 24 * 3600 * 1000;
  for (let i = 0; i < 300; i++) {
    const product = products[i % products.length]!;
    const ageDays = i % 10 === 0 ? 30 + Math.floor(rand() * 200) : Math.floor(rand() * 12 * 365);
    const production = new Date(
      Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - ageDays * ms,
    );
    const delivered = i % 17 !== 0;
    const delivery = delivered
      ? new Date(production.getTime() + Math.floor(rand() * 60 + 5) * ms)
      : null;
    const owner = delivered && i < 120 ? contacts[i % contacts.length]! : null;
    units.push({
      serial: `${product.code}-${String(100000 + i)}`,
      product: product._id,
      productCode: product.code,
      productionDate: production,
      deliveryDate: delivery && delivery <= now ? delivery : null,
      owner: owner?._id ?? null,
      dealer: pick(dealers)._id,
    });
  }
  await Unit.insertMany(units);
  const owners = [...new Set(units.filter((u) => u.owner).map((u) => String(u.owner)))];
  await Contact.updateMany({ _id: { $in: owners } }, { $set: { segment: 'actual' } });

  await Article.insertMany([
    {
      slug: 'pump-not-starting',
      locale: 'fa',
      category: 'fault-identification',
      status: 'published',
      visibility: 'public',
      title: 'پمپ روشن نمی‌شود',
      productModels: ['MK-P200', 'MK-P400'],
      body: 'ابتدا برق ورودی و فیوز را بررسی کنید. اگر موتور صدا می‌دهد ولی نمی‌چرخد، خازن راه‌انداز را کنترل کنید.',
    },
    {
      slug: 'pump-not-starting',
      locale: 'en',
      category: 'fault-identification',
      status: 'published',
      visibility: 'public',
      title: 'The pump does not start',
      productModels: ['MK-P200', 'MK-P400'],
      body: 'Check the power supply and the fuse first. If the motor hums but does not turn, check the start capacitor.',
    },
    {
      slug: 'sprinkler-maintenance',
      locale: 'fa',
      category: 'service-maintenance',
      status: 'published',
      visibility: 'public',
      title: 'نگهداری فصلی آبپاش بارانی',
      productModels: ['MK-SPR10'],
      body: 'در پایان فصل آبیاری، نازل‌ها را بشویید و یاتاقان‌ها را گریس‌کاری کنید.',
    },
    {
      slug: 'warranty-terms',
      locale: 'fa',
      category: 'warranty-booklet',
      status: 'published',
      visibility: 'public',
      title: 'شرایط گارانتی طلایی و وارانتی',
      productModels: [],
      body: 'همه محصولات یک سال گارانتی طلایی از تاریخ تحویل و تا ده سال از تاریخ تولید خدمات وارانتی دارند.',
    },
    {
      slug: 'warranty-terms',
      locale: 'en',
      category: 'warranty-booklet',
      status: 'published',
      visibility: 'public',
      title: 'Gold guarantee and warranty terms',
      productModels: [],
      body: 'Every product has a one-year gold guarantee from delivery and warranty service until ten years from production.',
    },
    {
      slug: 'tiller-gearbox-oil',
      locale: 'fa',
      category: 'repairs',
      status: 'published',
      visibility: 'internal',
      title: 'تعویض روغن گیربکس تیلر',
      productModels: ['MK-TL30'],
      body: 'روغن گیربکس هر ۲۰۰ ساعت کار تعویض شود. نوع روغن: SAE 90.',
    },
  ]);

  await invalidateKnowledgeIndexes();
  await seedDemoWidgetKey(config.PUBLIC_URL);
  await seedConversations(
    contacts.slice(0, 6).map((c) => ({ phone: c.phones[0]!.number, name: c.name })),
  );

  saveDemoLogins(config, logins);
  logger.info(
    { groups: groups.length, units: units.length, contacts: contacts.length },
    'seeded demo data',
  );
  return logins;
}

const loginsFile = (config: Config) => path.join(config.DATA_DIR, 'demo-logins.json');

function saveDemoLogins(config: Config, logins: DemoLogin[]) {
  mkdirSync(config.DATA_DIR, { recursive: true });
  writeFileSync(loginsFile(config), JSON.stringify(logins, null, 2), { mode: 0o600 });
}

export function readDemoLogins(config: Config): DemoLogin[] {
  const file = loginsFile(config);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DemoLogin[]) : [];
}

/** A few conversations on different channels, recorded the way the channels record them. */
async function seedConversations(people: Array<{ phone: string; name: string }>) {
  const say = [
    {
      channel: 'sms',
      text: 'سلام، پمپ آب من بعد از روشن شدن صدای زیادی می‌دهد.',
      type: 'technical-fault',
    },
    {
      channel: 'sms',
      text: 'شماره سریال دستگاه MK-P400-100001 است، گارانتی دارد؟',
      type: 'guarantee-claim',
    },
    {
      channel: 'email',
      text: 'Hello, the sprinkler nozzle broke after two weeks. Is it covered?',
      type: 'guarantee-claim',
    },
    { channel: 'webchat', text: 'نماینده فروش در رشت کجاست؟', type: 'question' },
    { channel: 'voice', text: '', type: 'callback' },
    { channel: 'sms', text: 'از خدمات نماینده راضی نبودم و کسی جواب نداد.', type: 'complaint' },
  ] as const;
  for (const [i, person] of people.entries()) {
    const line = say[i % say.length]!;
    const email = line.channel === 'email' ? `customer${i}@example.com` : null;
    const visitor = line.channel === 'webchat' ? `demo-visitor-${i}` : null;
    await recordContact({
      channel: line.channel,
      direction: 'in',
      caller: email
        ? { kind: 'email', value: email }
        : visitor
          ? { kind: 'visitor', value: visitor }
          : { kind: 'phone', value: person.phone },
      contact: { phone: person.phone, email, visitorId: visitor, name: person.name },
      message: line.text ? { text: line.text, externalId: `demo-${i}` } : undefined,
      ticket: { type: line.type, subject: line.text ? undefined : 'تماس از دست رفته' },
      outcome: line.channel === 'voice' ? 'missed' : 'received',
      interactionExternalId: line.channel === 'voice' ? `demo-call-${i}` : null,
    });
  }
}
