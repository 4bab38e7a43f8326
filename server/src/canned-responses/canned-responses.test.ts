import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../test/app.js';
import { unknownPlaceholders } from './schema.js';

let app: TestApp;
let sara: SignedIn;
let reza: SignedIn;
let boss: SignedIn;
beforeAll(async () => {
  app = await startTestApp();
  sara = await signIn(app, await makeUser({ displayName: 'Sara' }));
  reza = await signIn(app, await makeUser({ displayName: 'Reza' }));
  boss = await signIn(app, await makeUser({ roles: ['supervisor'] }));
});
afterAll(() => app.close());

const send = (who: SignedIn, method: 'post' | 'patch' | 'delete', path: string, body?: object) =>
  who.agent[method](path)
    .set('X-CSRF-Token', who.csrf)
    .send(body ?? {});

interface Item {
  id: string;
  shortcut: string;
  scope: string;
}
const shortcuts = (res: { body: { items: Item[] } }) => res.body.items.map((c) => c.shortcut);

describe('canned responses', () => {
  it('keeps personal responses to their owner and shares managers’ shared ones', async () => {
    const shared = await send(boss, 'post', '/api/canned-responses', {
      title: 'Greeting',
      body: 'سلام {{contact.name}}، تیکت {{ticket.number}} با {{ expert.name }} است.',
      locale: 'fa',
      shortcut: 'Greet',
      scope: 'shared',
    });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ shortcut: 'greet', scope: 'shared', locale: 'fa' });

    const mine = await send(sara, 'post', '/api/canned-responses', {
      title: 'Call back',
      body: 'Hello {{contact.name}}, we will call you back today.',
      locale: 'en',
      shortcut: 'callback',
    });
    expect(mine.status).toBe(201);
    expect(mine.body.scope).toBe('personal');

    expect(shortcuts(await sara.agent.get('/api/canned-responses'))).toEqual(['callback', 'greet']);
    expect(shortcuts(await reza.agent.get('/api/canned-responses'))).toEqual(['greet']);
    expect((await reza.agent.get(`/api/canned-responses/${mine.body.id}`)).status).toBe(404);
    expect(
      (await send(reza, 'patch', `/api/canned-responses/${mine.body.id}`, { title: 'x' })).status,
    ).toBe(404);

    // Search by title or shortcut (a leading "/" as typed in the composer), and by locale.
    const search = (who: SignedIn, query: object) =>
      who.agent.get('/api/canned-responses').query(query);
    expect(shortcuts(await search(sara, { q: '/cal' }))).toEqual(['callback']);
    expect(shortcuts(await search(sara, { q: 'GREET' }))).toEqual(['greet']);
    expect(shortcuts(await search(sara, { locale: 'en' }))).toEqual(['callback']);
    expect(shortcuts(await search(sara, { q: 'nothing-like-this' }))).toEqual([]);
  });

  it('lets only managers create or change shared responses, and owners their own', async () => {
    const denied = await send(sara, 'post', '/api/canned-responses', {
      title: 'Shared by an expert',
      body: 'Hi',
      locale: 'en',
      shortcut: 'expert-shared',
      scope: 'shared',
    });
    expect(denied.status).toBe(403);

    const shared = await send(boss, 'post', '/api/canned-responses', {
      title: 'Thanks',
      body: 'Thank you!',
      locale: 'en',
      shortcut: 'thanks',
      scope: 'shared',
    });
    expect(
      (await send(sara, 'patch', `/api/canned-responses/${shared.body.id}`, { body: 'x' })).status,
    ).toBe(403);
    expect((await send(sara, 'delete', `/api/canned-responses/${shared.body.id}`)).status).toBe(
      403,
    );
    const edited = await send(boss, 'patch', `/api/canned-responses/${shared.body.id}`, {
      body: 'Thank you, {{contact.name}}!',
    });
    expect(edited.status).toBe(200);
    expect(edited.body.body).toBe('Thank you, {{contact.name}}!');

    const own = await send(reza, 'post', '/api/canned-responses', {
      title: 'Bye',
      body: 'Goodbye',
      locale: 'en',
      shortcut: 'bye',
    });
    expect(
      (await send(reza, 'patch', `/api/canned-responses/${own.body.id}`, { scope: 'shared' }))
        .status,
    ).toBe(403);
    const renamed = await send(reza, 'patch', `/api/canned-responses/${own.body.id}`, {
      title: 'Goodbye',
    });
    expect(renamed.body.title).toBe('Goodbye');
    expect((await send(reza, 'delete', `/api/canned-responses/${own.body.id}`)).status).toBe(204);
    expect((await reza.agent.get(`/api/canned-responses/${own.body.id}`)).status).toBe(404);
    expect((await send(boss, 'delete', `/api/canned-responses/${shared.body.id}`)).status).toBe(
      204,
    );
  });

  it('rejects a taken shortcut, a malformed one and unknown placeholders readably', async () => {
    const first = await send(sara, 'post', '/api/canned-responses', {
      title: 'Warranty',
      body: 'Your unit is under warranty.',
      locale: 'en',
      shortcut: 'warranty',
    });
    expect(first.status).toBe(201);
    const again = await send(reza, 'post', '/api/canned-responses', {
      title: 'Warranty 2',
      body: 'Also warranty.',
      locale: 'en',
      shortcut: 'warranty',
    });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('shortcut_taken');

    const malformed = await send(sara, 'post', '/api/canned-responses', {
      title: 'Bad',
      body: 'x',
      locale: 'en',
      shortcut: 'has space',
    });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/shortcut/);

    const typo = await send(sara, 'post', '/api/canned-responses', {
      title: 'Typo',
      body: 'Hi {{contact.nmae}}',
      locale: 'en',
      shortcut: 'typo',
    });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toMatch(/unknown placeholder/);
    expect(unknownPlaceholders('{{ contact.name }} {{ticket.number}} {{x}}')).toEqual(['x']);
  });

  it('needs a session', async () => {
    expect((await fetch(`${app.url}/api/canned-responses`)).status).toBe(401);
  });
});
