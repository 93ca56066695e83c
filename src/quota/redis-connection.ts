import type { CollectionError } from '../errors.js';
import type { RedisLike } from './redis-quota-store.js';

/** Connect and command timeout of a connection the store opens itself: a quota check must not hang a request. */
export const REDIS_TIMEOUT_MS = 2_000;

/** What the store needs of the ioredis module; typed here so the library's types never name ioredis. */
interface IoredisModule {
  Redis?: IoredisConstructor;
  default?: IoredisConstructor | { Redis?: IoredisConstructor; default?: IoredisConstructor };
}
type IoredisConstructor = new (url: string, options: Record<string, unknown>) => RedisLike & {
  on(event: 'error', listener: (error: unknown) => void): unknown;
};

/**
 * Opens a connection with the optional peer dependency `ioredis`, imported only now, so apps
 * that never configure a Redis store never load it (or need it installed).
 */
export async function loadRedis(
  url: string, config: (message: string) => CollectionError,
): Promise<{ client: RedisLike; lastConnectionError: () => unknown }> {
  let loaded: IoredisModule;
  try {
    loaded = (await import('ioredis')) as unknown as IoredisModule;
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw config('createRedisQuotaStore({ url }) needs the optional peer dependency ioredis: run `npm install ioredis`');
    }
    throw config('createRedisQuotaStore({ url }) could not load ioredis (is the installed version broken?)');
  }
  const nested = loaded.default;
  const Redis = loaded.Redis ?? (typeof nested === 'function' ? nested : nested?.Redis ?? nested?.default);
  if (typeof Redis !== 'function') throw config('createRedisQuotaStore({ url }): the installed ioredis exports no Redis class');
  let client: InstanceType<IoredisConstructor>;
  try {
    client = new Redis(url, {
      connectTimeout: REDIS_TIMEOUT_MS,
      commandTimeout: REDIS_TIMEOUT_MS,
      // A command fails after one reconnect attempt instead of waiting in the offline queue:
      // the request it guards then fails with a clear error, and later ones retry the connection.
      maxRetriesPerRequest: 1,
    });
  } catch {
    // ioredis parses the URL here; its message could quote it, password included.
    throw config('createRedisQuotaStore: ioredis rejected the url');
  }
  let last: unknown;
  // Without a listener ioredis prints every reconnect failure; the reason is kept for the next error.
  client.on('error', (error) => { last = error; });
  return { client, lastConnectionError: () => last };
}

/** `redis://user:***@host:port/db`, or undefined when `url` is not a redis(s) URL. Never the password or query. */
export function redactRedisUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') return undefined;
  const user = parsed.username === '' && parsed.password === '' ? ''
    : `${parsed.username}${parsed.password === '' ? '' : ':***'}@`;
  return `${parsed.protocol}//${user}${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}

const NETWORK_CODES: Record<string, string> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  ETIMEDOUT: 'connection timed out',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  EPIPE: 'connection closed',
};

function fieldOf(value: unknown, name: string): unknown {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[name] : undefined;
}

function networkReason(error: unknown): string | undefined {
  const code = fieldOf(error, 'code');
  return typeof code === 'string' && NETWORK_CODES[code] !== undefined ? `${NETWORK_CODES[code]} (${code})` : undefined;
}

/** Redis error replies that mean the credentials (or their rights) were refused. */
const REFUSED = new Set(['NOAUTH', 'WRONGPASS', 'NOPERM']);

/**
 * Why a Redis command failed, told from an allow-list (error codes, Redis's leading reply word):
 * the client's messages can quote command arguments and are not passed on.
 */
export function describeRedisFailure(error: unknown, connectionError: unknown): { reason: string; refused: boolean } {
  const message = fieldOf(error, 'message');
  const text = typeof message === 'string' ? message : '';
  const name = fieldOf(error, 'name');
  const network = networkReason(error);
  if (network !== undefined) return { reason: network, refused: false };
  if (name === 'MaxRetriesPerRequestError' || /^Connection is closed/.test(text) || /writeable/.test(text)) {
    const why = networkReason(connectionError);
    return { reason: `Redis is not reachable${why === undefined ? '' : `: ${why}`}`, refused: false };
  }
  if (text === 'Command timed out') return { reason: 'Redis did not answer in time', refused: false };
  if (name === 'ReplyError') {
    // Redis error replies start with an upper-case code: NOAUTH, WRONGPASS, READONLY, OOM, BUSY…
    const code = /^([A-Z][A-Z_]{1,31})\b/.exec(text)?.[1];
    if (code !== undefined && REFUSED.has(code)) return { reason: `Redis refused the credentials (${code})`, refused: true };
    return { reason: `Redis answered with an error${code === undefined ? '' : ` (${code})`}`, refused: false };
  }
  return { reason: 'the Redis client failed', refused: false };
}
