import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type TestApp } from '../../test/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ LOGIN_MAX_FAILS_PER_ACCOUNT: '3', LOGIN_MAX_FAILS_PER_IP: '50' });
});
afterAll(() => app.close());

describe('staff authentication', () => {
  it('answers 401 with a JSON error for a wrong password, 200 with a session for the right one', async () => {
    const user = await makeUser();
    const wrong = await request(app.url)
      .post('/api/auth/login')
      .send({ email: user.email, password: 'not it at all' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({
      error: { code: 'unauthorized', message: 'Wrong email or password' },
    });

    const ok = await request(app.url)
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toMatchObject({ email: user.email, roles: ['expert'] });
    expect(ok.body.user.passwordHash).toBeUndefined();
    expect(ok.headers['set-cookie']![0]).toMatch(/cc_sid=.+; .*HttpOnly.*SameSite=Lax/i);
  });

  it('blocks an account with 429 after too many failures, even with the right password', async () => {
    const user = await makeUser();
    for (let i = 0; i < 3; i++) {
      const res = await request(app.url)
        .post('/api/auth/login')
        .send({ email: user.email, password: 'wrong password' });
      expect(res.status).toBe(401);
    }
    const blocked = await request(app.url)
      .post('/api/auth/login')
      .send({ email: user.email, password: user.password });
    expect(blocked.status).toBe(429);
    expect(blocked.body.error.code).toBe('too_many_requests');
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('forbids an expert from an admin route (403) and lets an admin through', async () => {
    const expert = await signIn(app, await makeUser({ roles: ['expert'] }));
    const body = {
      email: 'new@test.local',
      password: 'a long password',
      displayName: 'New',
      roles: ['expert'],
    };
    const denied = await expert.agent
      .post('/api/users')
      .set('X-CSRF-Token', expert.csrf)
      .send(body);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');

    const admin = await signIn(app, await makeUser({ roles: ['admin'] }));
    const created = await admin.agent.post('/api/users').set('X-CSRF-Token', admin.csrf).send(body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ email: 'new@test.local', roles: ['expert'] });
  });

  it('needs a session (401) and, for unsafe methods, the CSRF token (403)', async () => {
    expect((await request(app.url).get('/api/auth/me')).status).toBe(401);
    const admin = await signIn(app, await makeUser({ roles: ['admin'] }));
    const noCsrf = await admin.agent
      .post('/api/expert-groups')
      .send({ slug: 'x1', name: { fa: 'ا', en: 'x' } });
    expect(noCsrf.status).toBe(403);
    expect(noCsrf.body.error.code).toBe('csrf_failed');
  });

  it('logs out: the same cookie no longer works', async () => {
    const session = await signIn(app, await makeUser());
    expect((await session.agent.get('/api/auth/me')).status).toBe(200);
    expect(
      (await session.agent.post('/api/auth/logout').set('X-CSRF-Token', session.csrf)).status,
    ).toBe(204);
    const after = await request(app.url).get('/api/auth/me').set('Cookie', session.cookie);
    expect(after.status).toBe(401);
  });

  it('rejects a deactivated user at once', async () => {
    const admin = await signIn(app, await makeUser({ roles: ['admin'] }));
    const user = await makeUser();
    const session = await signIn(app, user);
    const res = await admin.agent
      .patch(`/api/users/${user._id}`)
      .set('X-CSRF-Token', admin.csrf)
      .send({ active: false });
    expect(res.status).toBe(200);
    expect((await session.agent.get('/api/auth/me')).status).toBe(401);
  });
});
