import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUser, signIn, startTestApp, type SignedIn, type TestApp } from '../../../test/app.js';

let app: TestApp;
let admin: SignedIn;
beforeAll(async () => {
  app = await startTestApp({ BODY_LIMIT: '10kb' });
  admin = await signIn(app, await makeUser({ roles: ['admin'] }));
});
afterAll(() => app.close());

describe('input validation', () => {
  it('answers malformed JSON with 400 invalid_json', async () => {
    const res = await request(app.url)
      .post('/api/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c", ');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  it('rejects unknown fields with 400 and says which', async () => {
    const res = await admin.agent
      .post('/api/contacts')
      .set('X-CSRF-Token', admin.csrf)
      .send({ name: 'Ali', isAdmin: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.message).toMatch(/isAdmin/);
  });

  it('answers a body over the limit with 413', async () => {
    const res = await admin.agent
      .post('/api/contacts')
      .set('X-CSRF-Token', admin.csrf)
      .send({ name: 'Ali', notes: 'x'.repeat(20_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });

  it('answers a non-JSON body with 415', async () => {
    const res = await admin.agent
      .post('/api/contacts')
      .set('X-CSRF-Token', admin.csrf)
      .set('Content-Type', 'text/plain')
      .send('name=Ali');
    expect(res.status).toBe(415);
  });

  it('never lets an operator object reach a query', async () => {
    const user = await makeUser();
    const bodyInjection = await request(app.url)
      .post('/api/auth/login')
      .send({ email: { $gt: '' }, password: { $ne: 'x' } });
    expect(bodyInjection.status).toBe(400);

    const queryInjection = await admin.agent.get('/api/users').query('email[$ne]=x');
    expect(queryInjection.status).toBe(400);
    expect(queryInjection.body.error.message).toMatch(/email\[\$ne\]/);

    const search = await admin.agent.get('/api/contacts').query({ q: '{"$gt": ""}' });
    expect(search.status).toBe(200);
    expect(search.body.items).toEqual([]);
    expect(user.email).toBeTruthy();
  });

  it('rejects an invalid id in the path with 400', async () => {
    const res = await admin.agent.get('/api/contacts/not-an-id');
    expect(res.status).toBe(400);
  });

  it('answers an unknown API route with 404 JSON', async () => {
    const res = await request(app.url).get('/api/nothing-here');
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('serves the OpenAPI document built from the same schemas', async () => {
    const res = await request(app.url).get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.0.3');
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/contacts', '/api/units/by-serial/{serial}']),
    );
    const login = res.body.paths['/api/auth/login'].post;
    expect(login.requestBody.content['application/json'].schema.properties).toHaveProperty('email');
  });
});
