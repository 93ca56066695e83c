import { CollectionError } from '../errors.js';
import type {
  QuotaDefaults, QuotaLease, QuotaObservation, QuotaReservation, QuotaSnapshot, QuotaStore,
} from '../spec/quota.js';
import { emptyQuotaState, POLL_MS, type QuotaState, snapshotOf } from './quota-model.js';
import {
  LEASE_FIELD_PREFIXES, type LuaScript, OBSERVE_SCRIPT, RELEASE_SCRIPT, RESERVE_SCRIPT, STATE_FIELDS,
} from './redis-quota-scripts.js';
import { describeRedisFailure, loadRedis, redactRedisUrl } from './redis-connection.js';

/*
 * Why hand-written Lua on ioredis rather than rate-limiter-flexible (issue #9 asked to measure
 * first: bench/redis-store-choice.ts). rate-limiter-flexible 11 keeps a counter with a TTL in
 * whole seconds on Redis's own clock. It cannot take the vendor's reset instant from
 * `X-RateLimit-Reset`, cannot raise the count to what an answer reports without overwriting
 * concurrent reservations (its `set` is a plain SET), has no leases for requests in flight across
 * a reset, and cannot run on an injected clock. The model needs all of these. Its `consume` is
 * faster on one redis-server (p50 33 µs, 75k calls/s at 64 in flight) than `reserve` here (55 µs,
 * 32k/s; with `release`, 110 µs per attempt): costs no vendor rate limit comes close to.
 */

/**
 * The few commands the store uses, so any ioredis-compatible client fits (ioredis 5/6,
 * iovalkey) without the library's types depending on one.
 */
export interface RedisLike {
  /** `EVALSHA`: runs a loaded Lua script (each quota operation is one). */
  evalsha(sha1: string, numkeys: number, ...args: Array<string | number>): Promise<unknown>;
  /** `EVAL`: loads and runs a script the server does not have yet (first use, a restart, `SCRIPT FLUSH`). */
  eval(script: string, numkeys: number, ...args: Array<string | number>): Promise<unknown>;
  /** `HGETALL`: reads a quota's hash for `quotaStatus()`. */
  hgetall(key: string): Promise<Record<string, string>>;
  /** `QUIT`: closes the connection; called by `close()` only on a connection the store opened itself. */
  quit(): Promise<unknown>;
}

/** @inline */
interface CommonOptions {
  /** Prepended to every quota key (e.g. `'staging:'`), for several apps on one Redis. Default none. */
  prefix?: string;
}

/**
 * Options of {@link createRedisQuotaStore}: either `url` (the store opens and owns its
 * connection) or `client` (the app's own connection), never both; `prefix` with either.
 */
export type RedisQuotaStoreOptions =
  | (CommonOptions & {
    /** `redis://[user:password@]host[:port][/db]` or `rediss://…`; the store opens (and closes) its own connection. */
    url: string;
    /** Not with `url`. */
    client?: never;
  })
  | (CommonOptions & {
    /** A connected client of the app's (ioredis, iovalkey); `close()` leaves it open. */
    client: RedisLike;
    /** Not with `client`. */
    url?: never;
  });

/** A key idle this long after its window and its leases ended is dropped by Redis: nothing it held is needed then. */
export const IDLE_EXPIRY_MS = 24 * 60 * 60 * 1000;
/** A reset instant further ahead than this (a vendor's odd answer) does not keep a key for longer. */
export const MAX_HORIZON_MS = 7 * 24 * 60 * 60 * 1000;

const opt = (value: number | undefined): string => (value === undefined ? '' : String(value));

/**
 * A `QuotaStore` in Redis or Valkey: every client (and process) pointed at one server shares one
 * quota per key. Each operation is one Lua script run atomically for its key, with the time the
 * caller passes (so all processes use their clocks' common time base, and tests their own).
 */
export class RedisQuotaStore implements QuotaStore {
  readonly #client: RedisLike;
  readonly #owned: boolean;
  readonly #prefix: string;
  readonly #where: string;
  readonly #lastConnectionError: () => unknown;

  constructor(client: RedisLike, settings: { owned: boolean; prefix: string; where: string; lastConnectionError?: () => unknown }) {
    this.#client = client;
    this.#owned = settings.owned;
    this.#prefix = settings.prefix;
    this.#where = settings.where;
    this.#lastConnectionError = settings.lastConnectionError ?? (() => undefined);
  }

  async reserve(key: string, now: number, defaults: QuotaDefaults, lease?: QuotaLease): Promise<QuotaReservation> {
    checkNumbers({ now, limit: defaults.limit, windowMs: defaults.windowMs, leaseExpiresAt: lease?.expiresAt });
    const reply = await this.#run('reserve', RESERVE_SCRIPT, key, [
      String(now), opt(defaults.limit), opt(defaults.windowMs), String(POLL_MS), String(IDLE_EXPIRY_MS), String(MAX_HORIZON_MS),
      ...(lease === undefined ? ['0', '', ''] : ['1', leaseId(lease.id), String(lease.expiresAt)]),
    ]);
    if (Array.isArray(reply) && Number(reply[0]) === 1) return { granted: true };
    if (Array.isArray(reply) && Number(reply[0]) === 0 && Number.isFinite(Number(reply[1]))) {
      return { granted: false, retryAt: Number(reply[1]) };
    }
    throw this.#failure('reserve', undefined, 'gave an answer the quota script never returns');
  }

  async release(key: string, id: string, now: number, landedBefore: boolean): Promise<void> {
    checkNumbers({ now });
    await this.#run('release', RELEASE_SCRIPT, key, [
      String(now), leaseId(id), landedBefore ? '1' : '0', String(IDLE_EXPIRY_MS), String(MAX_HORIZON_MS),
    ]);
  }

  async observe(key: string, observation: QuotaObservation, now: number): Promise<void> {
    checkNumbers({ now, ...observation });
    await this.#run('observe', OBSERVE_SCRIPT, key, [
      String(now), opt(observation.limit), String(observation.remaining), String(observation.resetAt),
      opt(observation.windowMs), String(IDLE_EXPIRY_MS), String(MAX_HORIZON_MS),
    ]);
  }

  async snapshot(key: string, now: number, defaults: QuotaDefaults): Promise<QuotaSnapshot | undefined> {
    checkNumbers({ now, limit: defaults.limit, windowMs: defaults.windowMs });
    const fullKey = this.#key(key);
    let hash: Record<string, string>;
    try {
      hash = await this.#client.hgetall(fullKey);
    } catch (error) {
      throw this.#failure('read', error);
    }
    return snapshotOf(stateOf(hash), now, defaults);
  }

  /** Quits the connection this store opened from a `url`; a client the app passed stays open. */
  async close(): Promise<void> {
    if (!this.#owned) return;
    try {
      await this.#client.quit();
    } catch {
      // Already closed, or Redis is gone: either way nothing is left to release.
    }
  }

  #key(key: string): string {
    if (typeof key !== 'string' || key === '') {
      throw new CollectionError({ code: 'INVALID_INPUT', provider: 'unknown', retryable: false, message: 'quota key must be a non-empty string' });
    }
    return this.#prefix + key;
  }

  /** EVALSHA, and EVAL when the server does not have the script (first use, a restart, SCRIPT FLUSH). */
  async #run(what: string, script: LuaScript, key: string, args: string[]): Promise<unknown> {
    const fullKey = this.#key(key);
    try {
      try {
        return await this.#client.evalsha(script.sha1, 1, fullKey, ...args);
      } catch (error) {
        if (!/^NOSCRIPT\b/.test(messageOf(error))) throw error;
        return await this.#client.eval(script.source, 1, fullKey, ...args);
      }
    } catch (error) {
      throw this.#failure(what, error);
    }
  }

  /** A clear error from an allow-list of facts: never the client's own message (it may quote commands). */
  #failure(what: string, error: unknown, detail?: string): CollectionError {
    const { reason, refused } = detail === undefined
      ? describeRedisFailure(error, this.#lastConnectionError()) : { reason: detail, refused: false };
    // Refused credentials are a configuration fault: retrying cannot help.
    return new CollectionError({
      code: refused ? 'CONFIG' : 'NETWORK',
      provider: 'unknown',
      retryable: !refused,
      message: `Redis quota store (${this.#where}) could not ${what}: ${reason}`,
    });
  }
}

function messageOf(error: unknown): string {
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string'
    ? (error as { message: string }).message : '';
}

function checkNumbers(values: Record<string, number | undefined>): void {
  for (const [name, value] of Object.entries(values)) {
    if (value !== undefined && !Number.isFinite(value)) {
      throw new CollectionError({ code: 'INVALID_INPUT', provider: 'unknown', retryable: false, message: `quota ${name} must be a finite number` });
    }
  }
}

function leaseId(id: string): string {
  if (typeof id !== 'string' || id === '') {
    throw new CollectionError({ code: 'INVALID_INPUT', provider: 'unknown', retryable: false, message: 'quota lease id must be a non-empty string' });
  }
  return id;
}

/** The hash as the model's state; fields that are not finite numbers count as absent. */
export function stateOf(hash: Record<string, string> | null | undefined): QuotaState {
  const state: QuotaState = emptyQuotaState();
  const number = (raw: string | undefined) => (raw === undefined ? Number.NaN : Number(raw));
  for (const field of STATE_FIELDS) {
    const value = number(hash?.[field]);
    if (Number.isFinite(value)) state[field] = value;
  }
  for (const [field, raw] of Object.entries(hash ?? {})) {
    const value = number(raw);
    if (!Number.isFinite(value)) continue;
    for (const [into, prefix] of Object.entries(LEASE_FIELD_PREFIXES) as Array<[keyof typeof LEASE_FIELD_PREFIXES, string]>) {
      if (field.startsWith(prefix)) state[into][field.slice(prefix.length)] = value;
    }
  }
  return state;
}

/**
 * A quota store shared by every instance pointed at the same Redis or Valkey. With `url`, the
 * optional peer dependency `ioredis` is loaded now (`npm install ioredis`) and the store owns the
 * connection; with `client`, the app's own connection is used.
 *
 * @remarks
 * Give it as `quota.store` to the client of every instance: a slot one process reserves is
 * counted by all, so no request goes out that the vendor would refuse, across processes and
 * machines. Redis holds only counts, under a hash of the base URL and (on Wickson) the API key,
 * or under `quota.key`: never a credential. A key expires a day after its window and its
 * requests end. `prefix` (`'staging:'`) keeps several apps on one Redis apart.
 * Each instance passes its own clock's time, so keep the machines' clocks in sync (NTP).
 *
 * With `url`, the connection has 2 s connect and command timeouts and one reconnect attempt per
 * command. While Redis is unreachable nothing is sent: each attempt fails at once with
 * `NETWORK` (in a batch, those ids end `failed`, never `unknown`). A password in the URL is
 * always shown as `***`. Refused Redis credentials (`NOAUTH`, `WRONGPASS`) are `CONFIG`.
 *
 * @param options - `{ url }` or `{ client }`, and an optional `prefix`.
 * @returns The store. Call `close()` on shutdown: it quits a connection the store opened and
 * leaves the app's own open.
 * @throws {@link CollectionError} `CONFIG` for a URL that is not `redis://` or `rediss://`, both
 * `url` and `client`, a client lacking `evalsha`, `eval`, `hgetall` or `quit`, or `ioredis`
 * not installed.
 *
 * @example
 * ```ts
 * const quotaStore = await createRedisQuotaStore({ url: process.env.REDIS_URL! });
 * const media = createCollectionClient({ provider: 'wickson', quota: { store: quotaStore, wait: true } });
 * // on shutdown:
 * await quotaStore.close?.();
 * ```
 */
export async function createRedisQuotaStore(options: RedisQuotaStoreOptions): Promise<QuotaStore> {
  const config = (message: string) => new CollectionError({ code: 'CONFIG', provider: 'unknown', retryable: false, message });
  if (typeof options !== 'object' || options === null) throw config('createRedisQuotaStore needs { url } or { client }');
  const prefix = options.prefix ?? '';
  if (typeof prefix !== 'string') throw config('createRedisQuotaStore: prefix must be a string');
  if (options.client !== undefined && options.url !== undefined) throw config('createRedisQuotaStore takes either url or client, not both');
  if (options.client !== undefined) {
    const client = options.client as Partial<RedisLike> | null;
    const missing = (['evalsha', 'eval', 'hgetall', 'quit'] as const).filter((m) => typeof client?.[m] !== 'function');
    if (missing.length > 0) throw config(`createRedisQuotaStore: client lacks ${missing.join(', ')} (pass an ioredis or iovalkey client)`);
    return new RedisQuotaStore(options.client, { owned: false, prefix, where: 'the client passed to createRedisQuotaStore' });
  }
  if (typeof options.url !== 'string') throw config('createRedisQuotaStore needs { url } or { client }');
  const where = redactRedisUrl(options.url);
  if (where === undefined) throw config('createRedisQuotaStore: url must be a redis:// or rediss:// URL');
  const { client, lastConnectionError } = await loadRedis(options.url, config);
  return new RedisQuotaStore(client, { owned: true, prefix, where, lastConnectionError });
}
