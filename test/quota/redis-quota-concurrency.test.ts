import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createRedisQuotaStore, type QuotaStore } from 'unified-collections';
import { describeWithRedis } from '../support/redis-server.js';

// Atomicity across connections: many reservations racing on one key, from several connections
// (as several processes would), never get more slots than the window allows.

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const CONNECTIONS = 6;

describeWithRedis('Redis quota store under concurrent reservations', (redis) => {
  const stores: QuotaStore[] = [];
  beforeAll(async () => {
    for (let i = 0; i < CONNECTIONS; i += 1) stores.push(await createRedisQuotaStore({ url: redis().url }));
  });
  afterAll(async () => {
    await Promise.all(stores.map((store) => store.close?.()));
  });

  it('grants exactly min(requests, limit) slots to racing reservations from several connections', async () => {
    let run = 0;
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: CONNECTIONS }),
      async (limit, requests, connections) => {
        run += 1;
        const key = `uc:quota:race:${run}`;
        // The vendor's first answer named the window.
        await stores[0]!.observe(key, { limit, remaining: limit, resetAt: NOW + 10_000 }, NOW);
        const answers = await Promise.all(Array.from({ length: requests }, (_, i) => stores[i % connections]!.reserve(
          key, NOW + (i % 7), {}, { id: `attempt-${i}`, expiresAt: NOW + 40_000 },
        )));
        const granted = answers.filter((answer) => answer.granted).length;
        expect(granted).toBe(Math.min(requests, limit));
        // Every refusal names the end of the one window every connection shares.
        expect(answers.filter((a) => !a.granted)).toEqual(Array(requests - granted).fill({ granted: false, retryAt: NOW + 10_000 }));
        expect(await stores[0]!.snapshot(key, NOW + 10, {})).toEqual({ limit, remaining: limit - granted, resetAt: NOW + 10_000 });
      },
    ), { numRuns: 40 });
  }, 60_000);

  it('in the next window, attempts still in flight count first, and answers racing reservations never free a slot', async () => {
    const key = 'uc:quota:race:windows';
    const limit = 20;
    const reserve = (i: number, now: number) => stores[i % CONNECTIONS]!.reserve(key, now, {}, { id: `w-${now}-${i}`, expiresAt: now + 30_000 });
    await stores[0]!.observe(key, { limit, remaining: limit, resetAt: NOW + 5_000 }, NOW);
    const first = await Promise.all(Array.from({ length: 50 }, (_, i) => reserve(i, NOW + 1)));
    expect(first.filter((a) => a.granted)).toHaveLength(limit);
    // 5 of those attempts are still in flight at the reset; the others were answered and released.
    const granted = first.flatMap((a, i) => (a.granted ? [i] : []));
    await Promise.all(granted.slice(5).map((i) => stores[i % CONNECTIONS]!.release?.(key, `w-${NOW + 1}-${i}`, NOW + 2, false)));
    // Stale answers (from the ending window) race the next window's reservations.
    const [next] = await Promise.all([
      Promise.all(Array.from({ length: 50 }, (_, i) => reserve(i, NOW + 5_000))),
      Promise.all(Array.from({ length: 10 }, (_, i) => stores[i % CONNECTIONS]!.observe(key, { limit, remaining: 0, resetAt: NOW + 5_000 }, NOW + 5_000))),
    ]);
    expect(next.filter((a) => a.granted)).toHaveLength(limit - 5);
  });
});
