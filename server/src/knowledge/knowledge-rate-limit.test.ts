import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test/app.js';
import { PUBLIC_SEARCH_LIMIT } from './routes.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('public knowledge search', () => {
  it('answers 429 with Retry-After once an IP has used its budget', async () => {
    expect(PUBLIC_SEARCH_LIMIT.points).toBe(60);
    const statuses: number[] = [];
    for (let i = 0; i < PUBLIC_SEARCH_LIMIT.points; i++) {
      const res = await request(app.url)
        .get('/api/public/knowledge/search')
        .query({ q: `pump ${i}` });
      statuses.push(res.status);
    }
    expect(statuses.every((s) => s === 200)).toBe(true);
    const over = await request(app.url).get('/api/public/knowledge/search').query({ q: 'pump' });
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe('too_many_requests');
    expect(Number(over.headers['retry-after'])).toBeGreaterThan(0);
  });
});
