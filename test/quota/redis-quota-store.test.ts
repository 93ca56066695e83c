import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Redis } from 'ioredis';
import { createCollectionClient, createRedisQuotaStore, type QuotaStore } from 'unified-collections';
import { startEmulator } from 'unified-collections/emulator';
import { POLL_MS } from '../../src/quota/quota-model.js';
import { IDLE_EXPIRY_MS } from '../../src/quota/redis-quota-store.js';
import { BUILD_TIMEOUT_MS, ROOT, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';
import { errorRenderings, findFragment } from '../support/leaks.js';
import { describeWithRedis } from '../support/redis-server.js';
import { rejectionOf } from '../support/promises.js';

const NOW = Date.UTC(2026, 2, 1, 12, 0, 0);
const KEY = 'uc:quota:wickson:0123abcd';

/** Redis's own count of calls of one command since start (INFO commandstats). */
async function calls(admin: Redis, command: string): Promise<number> {
  const info = await admin.info('commandstats');
  return Number(new RegExp(`^cmdstat_${command}:calls=(\\d+)`, 'm').exec(info)?.[1] ?? 0);
}

/**
 * Waits until a store that lost its server is connected again: ioredis closing a connection that
 * is still reconnecting leaves a 2 s timer behind, which keeps Jest from exiting promptly.
 */
async function reconnected(store: QuotaStore): Promise<void> {
  for (let i = 0; i < 50; i += 1) {
    if (await store.snapshot('uc:quota:ping', NOW, {}).then(() => true, () => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describeWithRedis('Redis quota store on a real redis-server', (redis) => {
  let admin: Redis;
  const stores: QuotaStore[] = [];
  const open = async (options: { prefix?: string } = {}) => {
    const store = await createRedisQuotaStore({ url: redis().url, ...options });
    stores.push(store);
    return store;
  };

  beforeAll(() => { admin = new Redis(redis().url); });
  afterAll(async () => {
    await Promise.all(stores.map(async (store) => {
      await reconnected(store);
      await store.close?.();
    }));
    await admin.quit();
  });

  it('two stores on one Redis share one quota per key', async () => {
    const [a, b] = [await open(), await open()];
    const defaults = { limit: 3, windowMs: 60_000 };
    expect(await a.reserve(KEY, NOW, defaults)).toEqual({ granted: true });
    expect(await b.reserve(KEY, NOW + 1, defaults)).toEqual({ granted: true });
    expect(await a.reserve(KEY, NOW + 2, defaults)).toEqual({ granted: true });
    // The window's end is only guessed from the defaults so far: ask again soon.
    expect(await b.reserve(KEY, NOW + 3, defaults)).toEqual({ granted: false, retryAt: NOW + 3 + POLL_MS });
    expect(await a.snapshot(KEY, NOW + 3, defaults)).toEqual({ limit: 3, remaining: 0, resetAt: NOW + 60_000, windowMs: 60_000 });
    // The vendor's answer names it: every instance waits for it.
    await b.observe(KEY, { limit: 3, remaining: 0, resetAt: NOW + 30_000 }, NOW + 4);
    expect(await a.reserve(KEY, NOW + 5, defaults)).toEqual({ granted: false, retryAt: NOW + 30_000 });
    // Another key is another quota.
    expect(await b.reserve(`${KEY}-other`, NOW, defaults)).toEqual({ granted: true });
  });

  it("an answer seen by one instance raises what every instance counts as used, and sets the vendor's reset", async () => {
    const [a, b] = [await open(), await open()];
    const key = `${KEY}-observe`;
    await a.observe(key, { limit: 10, remaining: 3, resetAt: NOW + 5_000 }, NOW);
    expect(await b.snapshot(key, NOW, {})).toEqual({ limit: 10, remaining: 3, resetAt: NOW + 5_000 });
    for (let i = 0; i < 3; i += 1) expect(await b.reserve(key, NOW + i, {})).toEqual({ granted: true });
    expect(await a.reserve(key, NOW + 10, {})).toEqual({ granted: false, retryAt: NOW + 5_000 });
    // A late answer about the same window cannot lower the count.
    await b.observe(key, { limit: 10, remaining: 9, resetAt: NOW + 5_000 }, NOW + 11);
    expect(await a.reserve(key, NOW + 12, {})).toEqual({ granted: false, retryAt: NOW + 5_000 });
    // The next window opens at the vendor's reset.
    expect(await a.reserve(key, NOW + 5_000, {})).toEqual({ granted: true });
  });

  it('keeps each key in one hash (a field per lease) that expires a day after its window and leases end', async () => {
    const store = await open({ prefix: 'ttl:' });
    const key = `${KEY}-ttl`;
    await store.reserve(key, NOW, { limit: 5, windowMs: 60_000 }, { id: 'attempt-1', expiresAt: NOW + 35_000 });
    expect(await admin.type(`ttl:${key}`)).toBe('hash');
    expect(await admin.hgetall(`ttl:${key}`)).toEqual({
      used: '1', resetAt: String(NOW + 60_000), guessed: '1', 'lease:attempt-1': String(NOW + 35_000),
    });
    const within = (ttl: number, ms: number) => ttl > ms + IDLE_EXPIRY_MS - 30_000 && ttl <= ms + IDLE_EXPIRY_MS;
    expect(within(await admin.pttl(`ttl:${key}`), 60_000)).toBe(true);
    // A lease that outlives the window keeps the key as long as the lease.
    await store.reserve(key, NOW + 1, {}, { id: 'attempt-2', expiresAt: NOW + 90_001 });
    expect(within(await admin.pttl(`ttl:${key}`), 90_000)).toBe(true);
    await store.release?.(key, 'attempt-2', NOW + 2, false);
    expect(await admin.hexists(`ttl:${key}`, 'lease:attempt-2')).toBe(0);
    expect(within(await admin.pttl(`ttl:${key}`), 59_998)).toBe(true);
    // Once the window and the leases are over, only the idle time is left.
    await store.reserve(key, NOW + 60_000, {});
    expect(within(await admin.pttl(`ttl:${key}`), 0)).toBe(true);
    expect(await admin.exists(key)).toBe(0);
    // Releasing on a key nobody wrote creates nothing.
    await store.release?.(`${key}-never`, 'attempt-3', NOW, false);
    expect(await admin.exists(`ttl:${key}-never`)).toBe(0);
  });

  it('prefixes keep two apps on one Redis apart', async () => {
    const [staging, production] = [await open({ prefix: 'staging:' }), await open({ prefix: 'production:' })];
    expect(await staging.reserve(`${KEY}-p`, NOW, { limit: 1 })).toEqual({ granted: true });
    expect(await production.reserve(`${KEY}-p`, NOW, { limit: 1 })).toEqual({ granted: true });
    expect(await staging.reserve(`${KEY}-p`, NOW, { limit: 1 })).toMatchObject({ granted: false });
  });

  it('runs each operation by EVALSHA, and reloads a flushed script with one EVAL', async () => {
    const store = await open();
    await store.reserve(`${KEY}-sha`, NOW, {});
    await admin.script('FLUSH');
    const [evalBefore, shaBefore] = [await calls(admin, 'eval'), await calls(admin, 'evalsha')];
    for (let i = 0; i < 20; i += 1) expect(await store.reserve(`${KEY}-sha`, NOW + i, {})).toEqual({ granted: true });
    expect(await calls(admin, 'eval')).toBe(evalBefore + 1);
    expect(await calls(admin, 'evalsha')).toBe(shaBefore + 20);
    expect(await store.snapshot(`${KEY}-sha`, NOW + 20, { limit: 100 })).toEqual({ limit: 100, remaining: 79 });
  });

  it("close() quits the connection the store opened, and leaves an app's own client open", async () => {
    const clients = async () => Number(/^connected_clients:(\d+)/m.exec(await admin.info('clients'))?.[1]);
    const before = await clients();
    const owned = await createRedisQuotaStore({ url: redis().url });
    await owned.reserve(`${KEY}-close`, NOW, {});
    expect(await clients()).toBe(before + 1);
    await owned.close?.();
    expect(await clients()).toBe(before);
    const closed = await rejectionOf(owned.reserve(`${KEY}-close`, NOW, {}));
    expect(closed).toMatchObject({ code: 'NETWORK', retryable: true });

    const app = new Redis(redis().url);
    const shared = await createRedisQuotaStore({ client: app });
    expect(await shared.reserve(`${KEY}-close`, NOW, {})).toEqual({ granted: true });
    await shared.close?.();
    expect(await app.ping()).toBe('PONG');
    await app.quit();
  });

  it('Redis down: a clear, retryable NETWORK error naming the server, quickly; back up: it works again', async () => {
    const store = await open();
    expect(await store.reserve(`${KEY}-down`, NOW, {})).toEqual({ granted: true });
    await redis().stop();
    try {
      const started = performance.now();
      const error = await rejectionOf(store.reserve(`${KEY}-down`, NOW, {}));
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(error).toMatchObject({ code: 'NETWORK', retryable: true });
      expect(error.message).toBe(`Redis quota store (redis://127.0.0.1:${redis().port}) could not reserve: Redis is not reachable: connection refused (ECONNREFUSED)`);
      expect(error.cause).toBeUndefined();
      expect((await rejectionOf(store.snapshot(`${KEY}-down`, NOW, {}))).message).toMatch(/could not read: Redis is not reachable/);
    } finally {
      await redis().start();
    }
    // A restarted Redis is empty: the quota starts again, and the scripts load again.
    expect(await store.reserve(`${KEY}-down`, NOW, { limit: 1 })).toEqual({ granted: true });
    expect(await store.reserve(`${KEY}-down`, NOW, { limit: 1 })).toMatchObject({ granted: false });
  });
});

describeWithRedis('a client whose quota store is down', (redis) => {
  it('sends nothing and fails each id with a clear NETWORK reason (not sent, so retryable as failed, never unknown)', async () => {
    const emulator = await startEmulator({ provider: 'wickson', seed: { items: [{ id: 'doc_1' }, { id: 'doc_2' }] }, credentials: { apiKey: 'wk_down_key_1234' } });
    const store = await createRedisQuotaStore({ url: redis().url });
    try {
      const client = createCollectionClient({ provider: 'wickson', apiKey: 'wk_down_key_1234', baseUrl: emulator.url, quota: { store } });
      await redis().stop();
      const result = await client.deleteItems(['doc_1', 'doc_2']);
      expect(emulator.stats.total).toBe(0);
      expect(result.unknown).toEqual([]);
      expect(result.failed.map((f) => f.id).sort()).toEqual(['doc_1', 'doc_2']);
      for (const failure of result.failed) {
        expect(failure.code).toBe('NETWORK');
        expect(failure.reason).toContain(`Redis quota store (redis://127.0.0.1:${redis().port}) could not reserve: Redis is not reachable`);
      }
    } finally {
      await redis().start();
      await reconnected(store);
      await store.close?.();
      await emulator.close();
    }
  });
});

const PASSWORD = 'canary-pass-Zq81x';
const WRONG = 'wrong-canary-Vb27k';

describeWithRedis('Redis quota store credentials', (redis) => {
  const url = (password: string) => redis().url.replace(encodeURIComponent(PASSWORD), encodeURIComponent(password));

  it('refused credentials are a CONFIG error; no password appears in any rendering of any error', async () => {
    const wrong = await createRedisQuotaStore({ url: url(WRONG) });
    const refused = await rejectionOf(wrong.reserve(KEY, NOW, {}));
    expect(refused).toMatchObject({ code: 'CONFIG', retryable: false });
    expect(refused.message).toBe(`Redis quota store (redis://:***@127.0.0.1:${redis().port}) could not reserve: Redis refused the credentials (WRONGPASS)`);
    await wrong.close?.();

    // The app's own client with no password: the store says NOAUTH, without a URL it never saw.
    const app = new Redis(`redis://127.0.0.1:${redis().port}`);
    app.on('error', () => undefined);
    const noAuth = await rejectionOf((await createRedisQuotaStore({ client: app })).reserve(KEY, NOW, {}));
    expect(noAuth.message).toBe('Redis quota store (the client passed to createRedisQuotaStore) could not reserve: Redis refused the credentials (NOAUTH)');
    app.disconnect();

    const good = await createRedisQuotaStore({ url: redis().url });
    expect(await good.reserve(KEY, NOW, {})).toEqual({ granted: true });
    await redis().stop();
    let down;
    try {
      down = await rejectionOf(good.reserve(KEY, NOW, {}));
    } finally {
      await redis().start();
    }
    expect(down.message).toContain(`redis://:***@127.0.0.1:${redis().port}`);
    await reconnected(good);
    await good.close?.();
    for (const error of [refused, noAuth, down]) {
      expect(findFragment(errorRenderings(error), PASSWORD)).toBeUndefined();
      expect(findFragment(errorRenderings(error), WRONG)).toBeUndefined();
    }
  });
}, { password: PASSWORD });

describe('createRedisQuotaStore options', () => {
  it('a malformed or foreign URL is a CONFIG error that does not echo it', async () => {
    for (const url of ['http://user:canary-pass-Zq81x@host', 'redis://:canary-pass-Zq81x@[bad', 'canary-pass-Zq81x']) {
      const error = await rejectionOf(createRedisQuotaStore({ url }));
      expect(error).toMatchObject({ code: 'CONFIG', message: 'createRedisQuotaStore: url must be a redis:// or rediss:// URL' });
      expect(findFragment(errorRenderings(error), PASSWORD)).toBeUndefined();
    }
  });

  it('other bad options are CONFIG errors that say what is wrong', async () => {
    const cases: Array<[unknown, string]> = [
      [undefined, 'createRedisQuotaStore needs { url } or { client }'],
      [{}, 'createRedisQuotaStore needs { url } or { client }'],
      [{ url: 'redis://h', client: {} }, 'createRedisQuotaStore takes either url or client, not both'],
      [{ client: { evalsha() {}, quit() {} } }, 'createRedisQuotaStore: client lacks eval, hgetall (pass an ioredis or iovalkey client)'],
      [{ url: 'redis://h', prefix: 7 }, 'createRedisQuotaStore: prefix must be a string'],
    ];
    for (const [options, message] of cases) {
      expect(await rejectionOf(createRedisQuotaStore(options as never))).toMatchObject({ code: 'CONFIG', message });
    }
  });
});

describe('ioredis is an optional peer dependency', () => {
  beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);

  it('is imported only by createRedisQuotaStore({ url }); missing, it is a CONFIG error naming the install command', () => {
    const script = join(ROOT, 'test', 'quota', 'scripts', 'without-ioredis.mjs');
    const run = spawnSync(process.execPath, [script, pathToFileURL(join(ROOT, 'dist', 'index.js')).href], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(JSON.parse(run.stdout)).toEqual({
      afterImport: 0,
      afterClientStore: 0,
      error: {
        name: 'CollectionError', code: 'CONFIG', retryable: false,
        message: 'createRedisQuotaStore({ url }) needs the optional peer dependency ioredis: run `npm install ioredis`',
      },
      afterUrlStore: 1,
    });
  }, SPAWN_TEST_TIMEOUT_MS);
});
