/**
 * `npm run build && node bench/redis-store-choice.ts`: the measurement behind the Redis quota
 * store's design (issue #9 asked to measure before choosing). On one real redis-server, one key,
 * one connection per variant, interleaved rounds:
 * - `rate-limiter-flexible` 11 `RateLimiterRedis.consume` (its counter + TTL Lua script);
 * - this library's store: `reserve` alone, and `reserve` + `release` (what the http client does
 *   per attempt: the lease model needs both).
 * Sequential latency (p50, p99) and throughput with 64 calls in flight. rate-limiter-flexible is
 * not a dependency: install it for the run with `npm install --no-save rate-limiter-flexible@11`.
 */
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import { createRedisQuotaStore, type QuotaStore } from 'unified-collections';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { findRedisServer, REDIS_INSTALL_COMMAND, startRedisServer } from '../test/support/redis-process.ts';
// @ts-ignore TS5097 (see above)
import { range, summarize } from './stats.ts';

const ROUNDS = 5;
const SEQUENTIAL = 2_000;
const CONCURRENT = 10_000;
const IN_FLIGHT = 64;
const WINDOW = { limit: 1_000_000_000, windowMs: 3_600_000 };

type Call = (i: number) => Promise<unknown>;
interface Variant { label: string; call: Call }

async function sequential(call: Call): Promise<{ p50: number; p99: number }> {
  const times: number[] = [];
  for (let i = 0; i < SEQUENTIAL; i += 1) {
    const start = performance.now();
    await call(i);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { p50: times[Math.floor(times.length * 0.5)]! * 1000, p99: times[Math.floor(times.length * 0.99)]! * 1000 };
}

async function concurrent(call: Call): Promise<number> {
  let next = 0;
  const start = performance.now();
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < CONCURRENT) await call(next++);
  }));
  return CONCURRENT / ((performance.now() - start) / 1000);
}

async function rateLimiterFlexible(client: Redis): Promise<Variant | undefined> {
  const specifier = 'rate-limiter-flexible';
  let loaded: { RateLimiterRedis: new (options: object) => { consume(key: string): Promise<unknown> } };
  try {
    loaded = await import(specifier);
  } catch {
    console.log('  (rate-limiter-flexible is not installed: npm install --no-save rate-limiter-flexible@11 to compare)');
    return undefined;
  }
  const limiter = new loaded.RateLimiterRedis({ storeClient: client, points: WINDOW.limit, duration: 3_600, keyPrefix: 'rlf' });
  return { label: 'rate-limiter-flexible consume', call: () => limiter.consume('uc:quota:bench') };
}

function storeVariants(store: QuotaStore, run: string): Variant[] {
  return [
    { label: 'Lua store reserve (no lease)', call: () => store.reserve(`uc:quota:bench-${run}-a`, Date.now(), WINDOW) },
    {
      label: 'Lua store reserve + release',
      call: async (i) => {
        const now = Date.now();
        const id = `${run}-${i}`;
        await store.reserve(`uc:quota:bench-${run}-b`, now, WINDOW, { id, expiresAt: now + 35_000 });
        await store.release?.(`uc:quota:bench-${run}-b`, id, Date.now(), false);
      },
    },
  ];
}

const binary = findRedisServer();
if (binary === undefined) throw new Error(`redis-server is not installed: ${REDIS_INSTALL_COMMAND}`);
const redis = await startRedisServer(binary);
const clients: Redis[] = [];
const stores: QuotaStore[] = [];
try {
  const rlfClient = new Redis(redis.url);
  clients.push(rlfClient);
  const rlf = await rateLimiterFlexible(rlfClient);
  const samples = new Map<string, { p50: number[]; p99: number[]; perSecond: number[] }>();
  for (let round = 0; round < ROUNDS; round += 1) {
    const storeClient = new Redis(redis.url);
    clients.push(storeClient);
    const store = await createRedisQuotaStore({ client: storeClient });
    stores.push(store);
    const variants = [...(rlf ? [rlf] : []), ...storeVariants(store, String(round))];
    // Rotated each round, so no variant always runs first.
    const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
    for (const variant of order) {
      const seq = await sequential(variant.call);
      const perSecond = await concurrent(variant.call);
      const entry = samples.get(variant.label) ?? { p50: [], p99: [], perSecond: [] };
      entry.p50.push(seq.p50);
      entry.p99.push(seq.p99);
      entry.perSecond.push(perSecond);
      samples.set(variant.label, entry);
    }
  }
  console.log(`Redis quota store choice: redis-server ${binary}, ${ROUNDS} rounds; ${SEQUENTIAL} sequential calls `
    + `(latency µs, median [min–max] over rounds), ${CONCURRENT} calls at ${IN_FLIGHT} in flight (calls/s)`);
  for (const [label, s] of samples) {
    console.log(`  ${label.padEnd(34)} p50 ${range(summarize(s.p50), ' µs')}   p99 ${range(summarize(s.p99), ' µs')}   `
      + `${range(summarize(s.perSecond), ' calls/s')}`);
  }
} finally {
  await Promise.all(clients.map((c) => c.quit().catch(() => undefined)));
  await redis.dispose();
}
