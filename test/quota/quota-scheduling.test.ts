import { afterEach, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import '../../src/di/load-tsyringe.js';
import '../../src/builtin-providers.js';
import { createCollectionClient } from '../../src/di/create-client.js';
import { CollectionError, isCollectionError } from '../../src/errors.js';
import { createMemoryQuotaStore } from '../../src/quota/memory-quota-store.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { BatchProgress, QuotaStore } from '../../src/spec/index.js';
import { FakeClock } from '../support/fake-clock.js';

/**
 * The quota promises, end to end against the Wickson emulator's per-key fixed windows, with one
 * virtual clock for the emulator and the client (no real waiting): once the window is known no
 * request is refused, at any concurrency; a job longer than a window completes when it waits
 * for quota; without waiting it fails fast, honestly, with nothing lost.
 */

const KEY = 'wk_quota_test_key';
const WINDOW_MS = 5_000;
let emulators: RunningEmulator[] = [];

afterEach(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  emulators = [];
});

async function world(options: { items: number; limit: number; clock: FakeClock }) {
  const ids = Array.from({ length: options.items }, (_, i) => `doc_${String(i).padStart(6, '0')}`);
  const emulator = await startEmulator({
    provider: 'wickson',
    seed: { items: ids.map((id) => ({ id })) },
    credentials: { apiKey: KEY },
    rateLimit: { limit: options.limit, windowMs: WINDOW_MS },
    now: () => options.clock.now(),
  });
  emulators.push(emulator);
  return { ids, emulator };
}

function client(url: string, clock: FakeClock, extra: { concurrency: number; store?: QuotaStore; wait?: boolean }) {
  return createCollectionClient({
    provider: 'wickson', apiKey: KEY, baseUrl: url, clock, concurrency: extra.concurrency,
    quota: { windowMs: WINDOW_MS, ...(extra.store ? { store: extra.store } : {}), ...(extra.wait ? { wait: true } : {}) },
  });
}

describe('quota-aware scheduling (Wickson emulator)', () => {
  // Real time, 1 s windows: each case spans three windows; the cases run side by side.
  async function job(concurrency: number, clients: number, timeoutMs?: number) {
    const limit = 4;
    const ids = Array.from({ length: 1_200 }, (_, i) => `doc_${String(i).padStart(6, '0')}`);
    const emulator = await startEmulator({
      provider: 'wickson', seed: { items: ids.map((id) => ({ id })) }, credentials: { apiKey: KEY },
      rateLimit: { limit, windowMs: 1_000 },
    });
    emulators.push(emulator);
    const store = createMemoryQuotaStore();
    const reports: BatchProgress[] = [];
    const share = Math.ceil(ids.length / clients / 100) * 100;
    const results = await Promise.all(Array.from({ length: clients }, (_, k) => createCollectionClient({
      provider: 'wickson', apiKey: KEY, baseUrl: emulator.url, concurrency, quota: { store, windowMs: 1_000, wait: true },
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    }).deleteItems(ids.slice(k * share, (k + 1) * share), { onProgress: (p) => reports.push(p) })));
    return { emulator, results, reports, ids };
  }

  it('sends nothing the window refuses at concurrency 1, 4, 16 and 64, and with two clients on one store', async () => {
    // The last run's deadline (600 ms) is shorter than the waits: they do not count against it.
    const runs = await Promise.all([[1, 1], [4, 1], [16, 1], [64, 1], [16, 2], [16, 1, 600]].map(([c, n, t]) => job(c!, n!, t)));
    for (const { emulator, results, reports, ids } of runs) {
      expect(emulator.stats.byStatus[429] ?? 0).toBe(0);
      expect(results.flatMap((r) => r.succeeded)).toHaveLength(ids.length);
      expect(emulator.stats.byRoute['DELETE /v1/media/batch']).toBe(12);
      // Each wait for the window is reported, with when it ends, the window, and an ETA.
      const waits = reports.filter((p) => p.waitingUntil !== undefined);
      expect(waits.length).toBeGreaterThan(0);
      for (const wait of waits) {
        expect(wait.quota).toMatchObject({ limit: 4, remaining: 0 });
        expect(wait.etaMs).toBeGreaterThan(0);
      }
    }
  }, 60_000);

  it('without waiting, a window further away than maxRetryWaitMs fails the rest fast, not sent, nothing lost', async () => {
    const clock = new FakeClock();
    const ids = Array.from({ length: 1_000 }, (_, i) => `doc_${i}`);
    const emulator = await startEmulator({
      provider: 'wickson', seed: { items: ids.map((id) => ({ id })) }, credentials: { apiKey: KEY },
      rateLimit: { limit: 4, windowMs: 3_600_000 }, now: () => clock.now(),
    });
    emulators.push(emulator);
    const result = await createCollectionClient({ provider: 'wickson', apiKey: KEY, baseUrl: emulator.url, clock, concurrency: 8 })
      .deleteItems(ids);
    expect(emulator.stats.byStatus[429] ?? 0).toBe(0);
    expect(result.succeeded).toHaveLength(400);
    expect(result.unknown).toEqual([]);
    expect(result.failed).toHaveLength(600);
    expect(new Set(result.failed.map((f) => f.code))).toEqual(new Set(['RATE_LIMITED']));
  });

  it('aborting during a quota wait ends the job at once: the ids never sent are failed ABORTED', async () => {
    const clock = new FakeClock({ hold: true });
    const { ids, emulator } = await world({ items: 500, limit: 2, clock });
    const controller = new AbortController();
    const running = client(emulator.url, clock, { concurrency: 2, wait: true }).deleteItems(ids, { signal: controller.signal });
    await clock.whenSleeping();
    controller.abort();
    const result = await running;
    expect(result.succeeded.length + result.failed.length + result.unknown.length).toBe(500);
    expect(result.failed.length).toBeGreaterThanOrEqual(300);
    expect(new Set(result.failed.map((f) => f.code))).toEqual(new Set(['ABORTED']));
    // Only chunks that reached the vendor can have succeeded (one cut off in flight is unknown).
    expect(result.succeeded.length).toBeLessThanOrEqual(100 * (emulator.stats.byRoute['DELETE /v1/media/batch'] ?? 0));
  });

  it('a store that fails is a clear retryable NETWORK error, the request not sent', async () => {
    const clock = new FakeClock();
    const { ids, emulator } = await world({ items: 10, limit: 100, clock });
    const broken: QuotaStore = {
      reserve: async () => { throw new Error('ECONNREFUSED redis://:hunter2@cache:6379'); },
      observe: async () => undefined,
      snapshot: async () => undefined,
    };
    const c = createCollectionClient({ provider: 'wickson', apiKey: KEY, baseUrl: emulator.url, clock, quota: { store: broken } });
    const error = await c.listCollections().catch((e: unknown) => e);
    expect(isCollectionError(error) && error.code).toBe('NETWORK');
    expect(String((error as Error).message)).not.toContain('hunter2');
    expect(emulator.stats.total).toBe(0);
    const result = await c.deleteItems(ids);
    expect(result.failed).toHaveLength(10);
    expect(result.unknown).toEqual([]);
  });

  it('a store that refuses the configuration is CONFIG, not retryable, the request not sent', async () => {
    const clock = new FakeClock();
    const { emulator } = await world({ items: 1, limit: 100, clock });
    const refusing: QuotaStore = {
      reserve: async () => {
        throw new CollectionError({ code: 'CONFIG', provider: 'redis', message: 'Redis refused the credentials (WRONGPASS)' });
      },
      observe: async () => undefined,
      snapshot: async () => undefined,
    };
    const c = createCollectionClient({ provider: 'wickson', apiKey: KEY, baseUrl: emulator.url, clock, quota: { store: refusing } });
    const error = await c.listCollections().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'CONFIG', retryable: false });
    expect(emulator.stats.total).toBe(0);
  });

  it('quotaStatus reads the window the last answer reported, with no request', async () => {
    const clock = new FakeClock();
    const { emulator } = await world({ items: 0, limit: 9, clock });
    const c = client(emulator.url, clock, { concurrency: 1 });
    // Nothing is known before the first answer: the documented 1,000 per hour is not assumed.
    expect(await c.quotaStatus()).toBeUndefined();
    await c.listCollections();
    const status = await c.quotaStatus();
    expect(status).toMatchObject({ limit: 9, remaining: 8, windowMs: WINDOW_MS });
    expect(status!.resetAt! - clock.now()).toBeGreaterThan(0);
    expect(status!.resetAt! - clock.now()).toBeLessThanOrEqual(WINDOW_MS);
    expect(emulator.stats.total).toBe(1);
  });
});
