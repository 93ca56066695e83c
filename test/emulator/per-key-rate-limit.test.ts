import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { PerKeyLimiter } from '../../src/emulator/rate-limit.js';
import { VERIFIK, call, emulatorPool, manualClock } from './helpers.js';

/** Both vendors count per credential: every key gets its own window, nobody else's 429. */
const pool = emulatorPool();
afterEach(() => pool.closeAll());

const WINDOW_MS = 60_000;

type Step = { kind: 'request'; key: number } | { kind: 'anonymous' } | { kind: 'advance'; ms: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('request' as const), key: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('anonymous' as const) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 35_000 }) }) },
);

/** The per-key fixed window the vendor documents, written out plainly. */
class WindowModel {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(readonly limit: number) {}

  hit(key: string, now: number): { allowed: boolean; remaining: number; reset: number } {
    let w = this.windows.get(key);
    if (w === undefined || now >= w.start + WINDOW_MS) {
      // A window of whole seconds opens on the second of its first request (the reset header's unit).
      w = { start: Math.floor(now / 1000) * 1000, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return { allowed: w.count <= this.limit, remaining: Math.max(0, this.limit - w.count), reset: Math.ceil((w.start + WINDOW_MS) / 1000) };
  }
}

const keyCount = fc.integer({ min: 1, max: 5 });
const limit = fc.integer({ min: 1, max: 4 });
const steps = fc.array(step, { minLength: 1, maxLength: 40 });

describe('Wickson emulator: rate limit per API key', () => {
  it('gives every key exactly its own window, whatever the number of keys and the order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(keyCount, limit, steps, async (keys, max, plan) => {
        const clock = manualClock();
        const emu = await pool.start({ provider: 'wickson', rateLimit: { limit: max, windowMs: WINDOW_MS }, now: clock.now });
        const model = new WindowModel(max);
        for (const s of plan) {
          if (s.kind === 'advance') {
            clock.advance(s.ms);
            continue;
          }
          if (s.kind === 'anonymous') {
            // Counts nowhere and shows a full allowance: it is nobody's window.
            const res = await call(emu.url, 'GET', '/v1/media');
            expect(res.status).toBe(401);
            expect(res.headers.get('x-ratelimit-remaining')).toBe(String(max));
            continue;
          }
          const key = `key-${s.key % keys}`;
          const want = model.hit(key, clock.now());
          const res = await call(emu.url, 'GET', '/v1/media/collections', { headers: { 'X-Api-Key': key } });
          expect(res.status).toBe(want.allowed ? 200 : 429);
          expect(res.headers.get('x-ratelimit-limit')).toBe(String(max));
          expect(res.headers.get('x-ratelimit-remaining')).toBe(String(want.remaining));
          expect(res.headers.get('x-ratelimit-reset')).toBe(String(want.reset));
          if (!want.allowed) {
            expect(res.body.details).toEqual({ limit: max, remaining: 0, reset_time: want.reset, window_size: WINDOW_MS / 1000 });
          }
        }
        await pool.closeAll();
      }),
      { numRuns: 100 },
    );
  });

  it("never answers 429 to a key because another key is exhausted; each 429 names its own key's reset", async () => {
    const clock = manualClock();
    const emu = await pool.start({ provider: 'wickson', rateLimit: { limit: 2 }, now: clock.now });
    const get = (key: string) => call(emu.url, 'GET', '/v1/media', { headers: { 'X-Api-Key': key } });
    for (let i = 0; i < 2; i += 1) expect((await get('a')).status).toBe(200);
    const limitedA = await get('a');
    expect(limitedA.status).toBe(429);
    clock.advance(90_000);
    const first = await get('b');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect((await get('b')).status).toBe(200);
    const limitedB = await get('b');
    expect(limitedB.status).toBe(429);
    expect(limitedB.body.details.reset_time - limitedA.body.details.reset_time).toBe(90);
    // An unknown route shows the caller's window without counting; a fresh key, a full one.
    const unknown = await call(emu.url, 'GET', '/v2/nothing', { headers: { 'X-Api-Key': 'a' } });
    expect(unknown.headers.get('x-ratelimit-remaining')).toBe('0');
    expect((await call(emu.url, 'GET', '/v2/nothing', { headers: { 'X-Api-Key': 'c' } })).headers.get('x-ratelimit-remaining')).toBe('2');
  });

  it('is one account: a second key sees what the first key changed', async () => {
    const emu = await pool.start({
      provider: 'wickson',
      seed: { items: [{ id: 'doc_1' }, { id: 'doc_2', collection: 'papers' }] },
      rateLimit: { limit: 5 },
    });
    const as = (key: string) => ({ headers: { 'X-Api-Key': key } });
    const res = await call(emu.url, 'DELETE', '/v1/media/batch', { ...as('first'), json: { media_ids: ['doc_1'] } });
    expect(res.body.data.deleted.count).toBe(1);
    expect((await call(emu.url, 'GET', '/v1/media/doc_1', as('second'))).status).toBe(404);
    const moved = await call(emu.url, 'POST', '/v1/media/collections/fresh/items', { ...as('second'), json: { items: ['doc_2'] } });
    expect(moved.status).toBe(200);
    expect((await call(emu.url, 'GET', '/v1/media/collections', as('first'))).body.data.collections).toEqual(['default', 'fresh']);
  });
});

describe('Verifik emulator: rate limit per token', () => {
  it('gives every token exactly its own window, whatever the number of tokens and the order (property)', async () => {
    await fc.assert(
      fc.asyncProperty(keyCount, limit, steps, async (tokens, max, plan) => {
        const clock = manualClock();
        const emu = await pool.start({ provider: 'verifik', rateLimit: { limit: max, windowMs: WINDOW_MS }, now: clock.now });
        const model = new WindowModel(max);
        for (const s of plan) {
          if (s.kind === 'advance') clock.advance(s.ms);
          else if (s.kind === 'anonymous') expect((await call(emu.url, 'GET', `${VERIFIK}/persons`)).status).toBe(401);
          else {
            const token = `token.${s.key % tokens}`;
            const want = model.hit(token, clock.now());
            const res = await call(emu.url, 'GET', `${VERIFIK}/persons`, { headers: { Authorization: `Bearer ${token}` } });
            expect(res.status).toBe(want.allowed ? 200 : 429);
          }
        }
        await pool.closeAll();
      }),
      { numRuns: 100 },
    );
  });

  it('is one account: a person created with one token is listed with another', async () => {
    const emu = await pool.start({ provider: 'verifik', rateLimit: { limit: 1 } });
    const created = await call(emu.url, 'POST', `${VERIFIK}/persons`, {
      headers: { Authorization: 'Bearer one' },
      json: { name: 'Ana Lopez', images: ['aGVsbG8gd29ybGQ='] },
    });
    expect(created.status).toBe(200);
    expect((await call(emu.url, 'GET', `${VERIFIK}/persons`, { headers: { Authorization: 'Bearer one' } })).status).toBe(429);
    const listed = await call(emu.url, 'GET', `${VERIFIK}/persons`, { headers: { Authorization: 'Bearer two' } });
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((p: { _id: string }) => p._id)).toEqual([created.body.data._id]);
  });
});

describe('PerKeyLimiter', () => {
  it('forgets only expired windows, so throwaway keys cannot grow it without bound', () => {
    const clock = manualClock();
    const limiter = new PerKeyLimiter(1, WINDOW_MS, clock.now);
    const size = (): number => (limiter as unknown as { windows: Map<string, unknown> }).windows.size;
    expect(limiter.hit('spent').allowed).toBe(true);
    for (let i = 0; i < 5_000; i += 1) limiter.hit(`once-${i}`);
    // Sweeps ran while every window was live: nothing was dropped, `spent` stays spent.
    expect(limiter.hit('spent').allowed).toBe(false);
    expect(size()).toBe(5_001);
    clock.advance(WINDOW_MS);
    for (let i = 0; i < 5_000; i += 1) limiter.hit(`later-${i}`);
    expect(size()).toBeLessThan(10_001);
    expect(limiter.hit('spent').allowed).toBe(true);
  });
});
