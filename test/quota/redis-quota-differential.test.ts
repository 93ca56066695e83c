import { afterAll, beforeAll, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { MemoryQuotaStore } from '../../src/quota/memory-quota-store.js';
import { emptyQuotaState, observeWindow, type QuotaState, releaseSlot, reserveSlot } from '../../src/quota/quota-model.js';
import { createRedisQuotaStore, type RedisQuotaStore, stateOf } from '../../src/quota/redis-quota-store.js';
import type { QuotaDefaults, QuotaObservation } from '../../src/spec/quota.js';
import { describeWithRedis } from '../support/redis-server.js';

// The Redis store runs the quota model as Lua; the memory store runs it in TypeScript. On random
// sequences of reserve (with and without a lease) / release / observe / snapshot, with random times (fractions of a ms included, so
// the text encoding of doubles is exercised) and random defaults, both give the same answers, and
// the hash in Redis holds exactly the model's state after every step.

const EPOCH = Date.UTC(2026, 2, 1, 12, 0, 0);

type Step =
  | { op: 'reserve'; dt: number; defaults: QuotaDefaults; lease?: { id: string; expiresIn: number } }
  | { op: 'release'; dt: number; id: string; landedBefore: boolean }
  | { op: 'observe'; dt: number; observation: { limit?: number; remaining: number; resetIn: number; windowMs?: number } }
  | { op: 'snapshot'; dt: number; defaults: QuotaDefaults };

/** Equal instants (a lease lapsing exactly at the reset, a step landing on it), hit on purpose. */
const edge = fc.constantFrom(1, 999, 1_000, 1_001);
const leaseId = fc.constantFrom('lease-a', 'lease-b', 'lease-c', '7f0c2a9e-4b1d-4c8e-9d0a-2f6b8e1c3d5a');
/** Time steps: mostly whole ms, some fractional; small enough that windows roll and carries happen. */
const dt = fc.oneof(
  fc.constant(0),
  edge,
  fc.integer({ min: 0, max: 1_500 }),
  fc.double({ min: 0, max: 1_500, noNaN: true }).map((x) => x + 0),
);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 3 });
const defaults: fc.Arbitrary<QuotaDefaults> = fc.record(
  { limit: maybe(fc.integer({ min: 0, max: 6 })), windowMs: maybe(fc.oneof(edge, fc.integer({ min: 1, max: 4_000 }))) },
  { requiredKeys: [] },
);
const step: fc.Arbitrary<Step> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant('reserve' as const), dt, defaults,
      lease: maybe(fc.record({ id: leaseId, expiresIn: fc.oneof(edge, fc.integer({ min: -100, max: 5_000 })) })),
    }, { requiredKeys: ['op', 'dt', 'defaults'] }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('release' as const), dt, id: leaseId, landedBefore: fc.boolean() }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('observe' as const),
      dt,
      observation: fc.record({
        limit: maybe(fc.integer({ min: 0, max: 8 })),
        remaining: fc.integer({ min: 0, max: 10 }),
        // Some answers are about a window that is already over.
        resetIn: fc.oneof(edge, fc.integer({ min: -1_000, max: 5_000 }), fc.double({ min: -10, max: 3_000, noNaN: true }).map((x) => x + 0)),
        windowMs: maybe(fc.integer({ min: 1, max: 5_000 })),
      }, { requiredKeys: ['remaining', 'resetIn'] }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('snapshot' as const), dt, defaults }) },
);


describeWithRedis('Redis quota store = memory store = the model', (redis) => {
  let store: RedisQuotaStore;
  let admin: Redis;
  let run = 0;

  beforeAll(async () => {
    store = (await createRedisQuotaStore({ url: redis().url, prefix: 'diff:' })) as RedisQuotaStore;
    admin = new Redis(redis().url);
  });
  afterAll(async () => {
    await store.close();
    await admin.quit();
  });

  it('gives identical answers and keeps identical state on random sequences', async () => {
    await fc.assert(fc.asyncProperty(fc.array(step, { minLength: 1, maxLength: 40 }), async (steps) => {
      run += 1;
      const key = `uc:quota:test:${run}`;
      const memory = new MemoryQuotaStore();
      let model = emptyQuotaState();
      let now = EPOCH;
      for (const s of steps) {
        now += s.dt;
        if (s.op === 'reserve') {
          const lease = s.lease === undefined ? undefined : { id: s.lease.id, expiresAt: now + s.lease.expiresIn };
          const [fromRedis, fromMemory] = await Promise.all([store.reserve(key, now, s.defaults, lease), memory.reserve(key, now, s.defaults, lease)]);
          const expected = reserveSlot(model, now, s.defaults, lease);
          model = expected.state;
          expect(fromRedis).toEqual(fromMemory);
          expect(fromRedis).toEqual(expected.reservation);
        } else if (s.op === 'release') {
          await Promise.all([store.release(key, s.id, now, s.landedBefore), memory.release(key, s.id, now, s.landedBefore)]);
          model = releaseSlot(model, s.id, now, s.landedBefore);
        } else if (s.op === 'observe') {
          const { resetIn, ...rest } = s.observation;
          const observation: QuotaObservation = { ...rest, resetAt: now + resetIn };
          await Promise.all([store.observe(key, observation, now), memory.observe(key, observation, now)]);
          model = observeWindow(model, observation, now);
        } else {
          const [fromRedis, fromMemory] = await Promise.all([store.snapshot(key, now, s.defaults), memory.snapshot(key, now, s.defaults)]);
          expect(fromRedis).toEqual(fromMemory);
        }
        // The hash is exactly the model's state (every field, every lease).
        const hash = await admin.hgetall(`diff:${key}`);
        expect(Object.keys(hash).filter((field) => !/^(limit|used|resetAt|guessed|windowMs|exhausted|lease:.+|carried:.+)$/.test(field))).toEqual([]);
        if (Object.keys(hash).length > 0) expect(stateOf(hash)).toEqual(withoutUndefined(model));
      }
      // The last word: both stores see the same window.
      const probe: QuotaDefaults = { limit: 3, windowMs: 1_000 };
      expect(await store.snapshot(key, now, probe)).toEqual(await memory.snapshot(key, now, probe));
    }), { numRuns: 300 });
  }, 120_000);
});

function withoutUndefined(state: QuotaState): QuotaState {
  return Object.fromEntries(Object.entries(state).filter(([, v]) => v !== undefined)) as unknown as QuotaState;
}
