import { afterEach, describe, expect, it } from '@jest/globals';
import { call, emulatorPool, manualClock } from './helpers.js';

const pool = emulatorPool();
afterEach(() => pool.closeAll());

describe('Wickson emulator: API key', () => {
  it('answers 401 INVALID_API_KEY without a key or with the wrong one', async () => {
    const emu = await pool.start({ provider: 'wickson', credentials: { apiKey: 'right' } });
    for (const headers of [{}, { 'X-Api-Key': 'wrong' }, { 'X-Api-Key': '' }] as Array<Record<string, string>>) {
      const res = await call(emu.url, 'GET', '/v1/media/collections', { headers });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe('INVALID_API_KEY');
    }
    expect((await call(emu.url, 'GET', '/v1/media/collections', { headers: { 'X-Api-Key': 'right' } })).status).toBe(200);
  });

  it('accepts any non-empty key when no credentials are configured', async () => {
    const emu = await pool.start({ provider: 'wickson' });
    expect((await call(emu.url, 'GET', '/v1/media', { headers: { 'X-Api-Key': 'anything' } })).status).toBe(200);
    expect((await call(emu.url, 'GET', '/v1/media')).status).toBe(401);
  });
});

describe('Wickson emulator: rate limit', () => {
  it('sends X-RateLimit-* on every response and the flat 429 body past the limit', async () => {
    const clock = manualClock(Date.parse('2025-03-09T12:00:00.250Z'));
    const emu = await pool.start({ provider: 'wickson', rateLimit: { limit: 3 }, now: clock.now });
    const headers = { 'X-Api-Key': 'k' };
    // The window opens with the first counted request, one second after the start, on the
    // whole second that request falls in (so the reset header names the exact instant).
    const windowReset = (Date.parse('2025-03-09T12:00:01.000Z') + 3_600_000) / 1000;

    const remaining: Array<string | null> = [];
    for (let i = 0; i < 3; i += 1) {
      clock.advance(1000);
      const res = await call(emu.url, 'GET', '/v1/media/collections', { headers });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-limit')).toBe('3');
      expect(res.headers.get('x-ratelimit-reset')).toBe(String(windowReset));
      remaining.push(res.headers.get('x-ratelimit-remaining'));
    }
    expect(remaining).toEqual(['2', '1', '0']);

    const limited = await call(emu.url, 'GET', '/v1/media', { headers });
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({
      success: false,
      code: 'rate_limit_error',
      message: 'Rate limit exceeded',
      status_code: 429,
      details: { limit: 3, remaining: 0, reset_time: windowReset, window_size: 3600 },
      request_id: expect.stringMatching(/^req_/),
      suggestion: expect.any(String),
    });
    expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
    expect(limited.headers.get('x-ratelimit-reset')).toBe(String(windowReset));

    clock.advance(3_600_000);
    const fresh = await call(emu.url, 'GET', '/v1/media', { headers });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('does not count unauthenticated requests against the key', async () => {
    const clock = manualClock();
    const emu = await pool.start({ provider: 'wickson', rateLimit: { limit: 1, windowMs: 60_000 }, now: clock.now });
    const anonymous = await call(emu.url, 'GET', '/v1/media');
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('x-ratelimit-remaining')).toBe('1');
    const ok = await call(emu.url, 'GET', '/v1/media', { headers: { 'X-Api-Key': 'k' } });
    expect(ok.status).toBe(200);
    const limited = await call(emu.url, 'GET', '/v1/media', { headers: { 'X-Api-Key': 'k' } });
    expect(limited.status).toBe(429);
    expect(limited.body.details.window_size).toBe(60);
  });
});
