import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, NetworkError, parseRetryAfter, request } from './http';

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds and HTTP dates', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', now)).toBe(30);
    expect(parseRetryAfter(null, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
  });
});

describe('request', () => {
  it('sends cookies for the same origin only', async () => {
    const fetchMock = vi.fn().mockResolvedValue(new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', fetchMock);
    await request('/api/auth/logout', { method: 'POST' });
    expect(fetchMock).toHaveBeenCalledWith(
      '/api/auth/logout',
      expect.objectContaining({ credentials: 'same-origin' }),
    );
  });

  it('turns an error body and Retry-After into an ApiError', async () => {
    const body = { error: { code: 'too_many_requests', message: 'Slow down' } };
    vi.stubGlobal(
      'fetch',
      vi
        .fn()
        .mockResolvedValue(
          new Response(JSON.stringify(body), { status: 429, headers: { 'Retry-After': '42' } }),
        ),
    );
    const error: unknown = await request('/api/auth/login').catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      status: 429,
      code: 'too_many_requests',
      message: 'Slow down',
      retryAfterSeconds: 42,
    });
  });

  it('falls back to the status when the body is not an error body', async () => {
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response('<html>', { status: 502 })));
    const error: unknown = await request('/api/auth/me').catch((failure: unknown) => failure);
    expect(error).toMatchObject({ status: 502, code: 'http_502', retryAfterSeconds: null });
  });

  it('turns a failed fetch into a NetworkError', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('Failed to fetch')));
    await expect(request('/api/auth/me')).rejects.toBeInstanceOf(NetworkError);
  });
});
