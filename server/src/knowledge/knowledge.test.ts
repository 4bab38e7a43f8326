import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { AuditLog } from '../audit/model.js';
import { redis, redisKey } from '../core/redis.js';
import { Product } from '../products/model.js';
import { Article } from './model.js';
import { resetLocalIndex } from './search-index.js';

let app: TestApp;
let manager: SignedIn;
let expert: SignedIn;

beforeAll(async () => {
  app = await startTestApp();
  manager = await signIn(app, await makeUser({ roles: ['supervisor'] }));
  expert = await signIn(app, await makeUser({ roles: ['expert'] }));
  await Product.create({ code: 'MF-285', name: { fa: 'پمپ ۲۸۵', en: 'Pump 285' } });
});
afterAll(() => app.close());

const post = (path: string, body: object, who: SignedIn = manager) =>
  who.agent.post(path).set('X-CSRF-Token', who.csrf).send(body);
const patch = (path: string, body: object, who: SignedIn = manager) =>
  who.agent.patch(path).set('X-CSRF-Token', who.csrf).send(body);
const del = (path: string, who: SignedIn = manager) =>
  who.agent.delete(path).set('X-CSRF-Token', who.csrf);
const publicGet = (path: string, query: Record<string, string | number> = {}) =>
  request(app.url).get(path).query(query);

const article = (fields: Record<string, unknown> = {}) => ({
  slug: `a-${Math.random().toString(36).slice(2, 10)}`,
  locale: 'fa',
  title: 'عنوان',
  body: 'متن',
  category: 'fault-identification',
  status: 'published',
  visibility: 'public',
  ...fields,
});
const slugs = (res: { body: { items: Array<{ slug: string }> } }) =>
  res.body.items.map((i) => i.slug);

describe('knowledge archive: staff API', () => {
  it('creates, reads, lists, changes and deletes articles; experts only read', async () => {
    const created = await post('/api/knowledge/articles', {
      slug: 'Pump-Seal-Leak',
      locale: 'en',
      title: 'Pump seal leak',
      body: 'When water drips under the pump, replace the mechanical seal.',
      category: 'repairs',
      productModels: ['mf-285'],
      tags: ['seal', 'leak'],
      videoLinks: ['https://video.example.com/seal'],
      attachments: [
        { name: 'seal.pdf', contentType: 'application/pdf', size: 1200, url: '/files/seal.pdf' },
      ],
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      slug: 'pump-seal-leak',
      status: 'draft',
      visibility: 'public',
      productModels: ['MF-285'],
      attachments: [{ name: 'seal.pdf', fileId: null, url: '/files/seal.pdf' }],
    });
    const id = created.body.id as string;

    const read = await expert.agent.get(`/api/knowledge/articles/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.title).toBe('Pump seal leak');

    expect((await post('/api/knowledge/articles', article(), expert)).status).toBe(403);
    expect((await patch(`/api/knowledge/articles/${id}`, { title: 'x' }, expert)).status).toBe(403);
    expect((await del(`/api/knowledge/articles/${id}`, expert)).status).toBe(403);

    const dup = await post(
      '/api/knowledge/articles',
      article({ slug: 'pump-seal-leak', locale: 'en' }),
    );
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('slug_taken');
    // The same slug in the other language is its translation.
    const fa = await post(
      '/api/knowledge/articles',
      article({ slug: 'pump-seal-leak', locale: 'fa' }),
    );
    expect(fa.status).toBe(201);
    const clash = await patch(`/api/knowledge/articles/${fa.body.id}`, { locale: 'en' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.code).toBe('slug_taken');

    const changed = await patch(`/api/knowledge/articles/${id}`, {
      status: 'published',
      visibility: 'internal',
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ status: 'published', visibility: 'internal' });
    expect(await AuditLog.countDocuments({ targetKind: 'article', targetId: id })).toBe(2);

    expect((await del(`/api/knowledge/articles/${id}`)).status).toBe(204);
    expect((await expert.agent.get(`/api/knowledge/articles/${id}`)).status).toBe(404);
    expect((await del(`/api/knowledge/articles/${id}`)).status).toBe(404);
    const gone = await expert.agent.get('/api/knowledge/search').query({ q: 'mechanical seal' });
    expect(gone.body.items.map((i: { id: string }) => i.id)).not.toContain(id);
  });

  it('rejects bad input with 400 and unknown product models with 422', async () => {
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...article(), colour: 'red' }, /Unrecognized key/i],
      [article({ category: 'gossip' }), /category/],
      [article({ locale: 'de' }), /locale/],
      [article({ slug: 'no spaces!' }), /slug/],
      [article({ slug: 'search' }), /reserved/],
      [article({ videoLinks: ['javascript:alert(1)'] }), /videoLinks/],
      [article({ attachments: [{ name: 'a', contentType: 'pdf', size: 1 }] }), /contentType/],
      [article({ title: '' }), /title/],
    ];
    for (const [body, message] of cases) {
      const res = await post('/api/knowledge/articles', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
    const unknown = await post('/api/knowledge/articles', article({ productModels: ['NOPE-1'] }));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.code).toBe('unknown_product');
    expect(
      (await expert.agent.get('/api/knowledge/articles/0123456789abcdef01234567')).status,
    ).toBe(404);
    expect((await expert.agent.get('/api/knowledge/articles/nope')).status).toBe(400);
    const badFilter = await expert.agent.get('/api/knowledge/articles').query({ status: 'gone' });
    expect(badFilter.status).toBe(400);
  });

  it('lists with filters and pages with a cursor', async () => {
    for (let i = 0; i < 5; i++)
      await post(
        '/api/knowledge/articles',
        article({ category: 'parts', locale: 'en', productModels: ['MF-285'] }),
      );
    await post(
      '/api/knowledge/articles',
      article({ category: 'parts', locale: 'fa', status: 'draft' }),
    );
    await post(
      '/api/knowledge/articles',
      article({ category: 'parts', locale: 'en', visibility: 'internal' }),
    );

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await expert.agent.get('/api/knowledge/articles').query({
        category: 'parts',
        locale: 'en',
        visibility: 'public',
        productModel: 'mf-285',
        limit: 2,
        ...(cursor ? { cursor } : {}),
      });
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((a: { id: string }) => a.id));
      cursor = res.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect(new Set(seen).size).toBe(5);

    const drafts = await expert.agent
      .get('/api/knowledge/articles')
      .query({ category: 'parts', status: 'draft' });
    expect(drafts.body.items).toHaveLength(1);
    const internal = await expert.agent
      .get('/api/knowledge/articles')
      .query({ category: 'parts', visibility: 'internal' });
    expect(internal.body.items).toHaveLength(1);
  });
});

describe('knowledge archive: search', () => {
  it('finds Persian text typed with Arabic ي/ك, without ZWNJ and with Arabic-Indic digits', async () => {
    const created = await post('/api/knowledge/articles', {
      slug: 'pump-285-install',
      locale: 'fa',
      title: 'راهنمای نصب پمپ ۲۸۵',
      body:
        'اگر می‌خواهید کیفیت آبیاری بالا بماند، پیش از نصب پمپ فشار شبکه را بسنجید. ' +
        'کارشناسان ما در تمام استان‌ها آماده‌اند.',
      category: 'installation-guides',
      status: 'published',
      visibility: 'public',
    });
    expect(created.status).toBe(201);

    // Arabic yeh and kaf, no ZWNJ, Arabic-Indic digits.
    const q = 'ميخواهيد كيفيت ٢٨٥';
    const res = await publicGet('/api/public/knowledge/search', { q });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      slug: 'pump-285-install',
      locale: 'fa',
      title: 'راهنمای نصب پمپ ۲۸۵',
      category: 'installation-guides',
    });
    expect(res.body.items[0].snippet).toContain('کیفیت');
    expect(Object.keys(res.body.items[0]).sort()).toEqual(
      ['category', 'locale', 'slug', 'snippet', 'title'].sort(),
    );

    // One part of a ZWNJ compound, a word typed with a space instead of ZWNJ, Persian digits.
    for (const other of ['استانها', 'استان ها', 'پمپ ۲۸۵', 'كارشناسان']) {
      const found = await expert.agent.get('/api/knowledge/search').query({ q: other });
      expect(slugs(found), other).toContain('pump-285-install');
    }
    const wrongLocale = await publicGet('/api/public/knowledge/search', { q, locale: 'en' });
    expect(slugs(wrongLocale)).not.toContain('pump-285-install');
  });

  it('searches English case-insensitively and by word prefix', async () => {
    await post(
      '/api/knowledge/articles',
      article({
        slug: 'hydraulic-pressure',
        locale: 'en',
        title: 'Hydraulic pressure drop',
        body: 'Check the HYDRAULIC filter before replacing the pump.',
        category: 'service-maintenance',
      }),
    );
    for (const q of ['hydraulic FILTER', 'Hydrau', 'pressure drop']) {
      const res = await publicGet('/api/public/knowledge/search', { q, locale: 'en' });
      expect(slugs(res), q).toContain('hydraulic-pressure');
    }
    const none = await publicGet('/api/public/knowledge/search', { q: 'zzzqqq' });
    expect(none.body.items).toEqual([]);
    expect((await publicGet('/api/public/knowledge/search', { q: '' })).status).toBe(400);
    expect(
      (await publicGet('/api/public/knowledge/search', { q: 'pump', limit: 500 })).status,
    ).toBe(400);
  });

  it('never shows drafts or internal articles to the public; staff search sees them', async () => {
    const word = 'زنجیرچرخ';
    const make = (slug: string, status: string, visibility: string) =>
      post(
        '/api/knowledge/articles',
        article({ slug, title: `${word} ${slug}`, body: `${word} متن`, status, visibility }),
      );
    await make('chain-public', 'published', 'public');
    await make('chain-draft', 'draft', 'public');
    await make('chain-internal', 'published', 'internal');
    await make('chain-internal-draft', 'draft', 'internal');

    const pub = await publicGet('/api/public/knowledge/search', { q: word });
    expect(slugs(pub)).toEqual(['chain-public']);
    const staff = await expert.agent.get('/api/knowledge/search').query({ q: word });
    expect(slugs(staff).sort()).toEqual(
      ['chain-draft', 'chain-internal', 'chain-internal-draft', 'chain-public'].sort(),
    );
    const staffInternal = await expert.agent
      .get('/api/knowledge/search')
      .query({ q: word, visibility: 'internal', status: 'published' });
    expect(slugs(staffInternal)).toEqual(['chain-internal']);

    const page = await publicGet('/api/public/knowledge/chain-public');
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ slug: 'chain-public', locale: 'fa' });
    expect(page.body).not.toHaveProperty('author');
    expect(page.body).not.toHaveProperty('status');
    for (const hidden of ['chain-draft', 'chain-internal', 'no-such-article']) {
      expect((await publicGet(`/api/public/knowledge/${hidden}`)).status, hidden).toBe(404);
    }
    expect((await publicGet('/api/public/knowledge/chain-public', { locale: 'en' })).status).toBe(
      404,
    );

    // Unpublishing hides it at once.
    const id = (await Article.findOne({ slug: 'chain-public' }).lean())!._id;
    await patch(`/api/knowledge/articles/${String(id)}`, { status: 'draft' });
    expect(slugs(await publicGet('/api/public/knowledge/search', { q: word }))).toEqual([]);
    expect((await publicGet('/api/public/knowledge/chain-public')).status).toBe(404);
  });

  it('re-indexes on change, and rebuilds when another process changed articles', async () => {
    const created = await post(
      '/api/knowledge/articles',
      article({
        slug: 'gearbox-oil',
        locale: 'en',
        title: 'Gearbox oil',
        body: 'Change the gearbox oil every season.',
        category: 'service-maintenance',
      }),
    );
    const id = created.body.id as string;
    await patch(`/api/knowledge/articles/${id}`, {
      title: 'Transmission lubricant',
      body: 'Yearly.',
    });
    expect(slugs(await publicGet('/api/public/knowledge/search', { q: 'gearbox' }))).not.toContain(
      'gearbox-oil',
    );
    expect(
      slugs(await publicGet('/api/public/knowledge/search', { q: 'transmission lubricant' })),
    ).toContain('gearbox-oil');

    // Another process writes MongoDB and bumps the shared version: this one must notice.
    await Article.create({
      slug: 'other-process',
      locale: 'en',
      title: 'Sprinkler nozzle cleaning',
      body: 'Soak the nozzle.',
      category: 'service-maintenance',
      status: 'published',
      visibility: 'public',
    });
    expect(slugs(await publicGet('/api/public/knowledge/search', { q: 'sprinkler' }))).toEqual([]);
    await redis().incr(redisKey('knowledge', 'version'));
    expect(slugs(await publicGet('/api/public/knowledge/search', { q: 'sprinkler' }))).toEqual([
      'other-process',
    ]);
    const bySlug = await publicGet('/api/public/knowledge/other-process');
    expect(bySlug.status).toBe(200);

    // A process that starts fresh builds its index from MongoDB.
    resetLocalIndex();
    expect(slugs(await publicGet('/api/public/knowledge/search', { q: 'sprinkler' }))).toEqual([
      'other-process',
    ]);
  });

  it('offers the translation of an article in the other language', async () => {
    await post(
      '/api/knowledge/articles',
      article({
        slug: 'warranty-terms',
        locale: 'fa',
        title: 'شرایط گارانتی',
        category: 'warranty-booklet',
      }),
    );
    await post(
      '/api/knowledge/articles',
      article({
        slug: 'warranty-terms',
        locale: 'en',
        title: 'Warranty terms',
        category: 'warranty-booklet',
      }),
    );
    const fa = await publicGet('/api/public/knowledge/warranty-terms');
    expect(fa.body).toMatchObject({ locale: 'fa', translations: ['en'] });
    const en = await publicGet('/api/public/knowledge/warranty-terms', { locale: 'en' });
    expect(en.body).toMatchObject({ locale: 'en', title: 'Warranty terms', translations: ['fa'] });
  });
});
