import { z } from 'zod';
import type { Clock } from '../spec/clock.js';
import type { QuotaStore } from '../spec/quota.js';
import type { Logger } from '../spec/telemetry.js';

const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

function isLoopback(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/**
 * An origin (scheme, host, port) and nothing else: credentials must only ever be sent over
 * HTTPS, except to this machine (emulators, tests).
 */
export const baseUrlSchema = z.string().superRefine((value, ctx) => {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be an absolute URL such as https://api.example.com' });
    return;
  }
  if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'must not contain credentials' });
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    ctx.addIssue({ code: 'custom', message: 'must be an origin only (no path, query or fragment)' });
  }
  if (url.protocol === 'http:' && !isLoopback(url.hostname)) {
    ctx.addIssue({ code: 'custom', message: 'must use https (plain http is only allowed for loopback addresses)' });
  } else if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    ctx.addIssue({ code: 'custom', message: 'must use https' });
  }
}).transform((value) => new URL(value).origin);

const clockSchema = z.custom<Clock>(
  (v) => typeof v === 'object' && v !== null
    && typeof (v as Clock).now === 'function' && typeof (v as Clock).sleep === 'function',
  'must be an object with now() and sleep()',
);

const quotaStoreSchema = z.custom<QuotaStore>(
  (v) => typeof v === 'object' && v !== null && typeof (v as QuotaStore).reserve === 'function'
    && typeof (v as QuotaStore).observe === 'function' && typeof (v as QuotaStore).snapshot === 'function',
  'must be a QuotaStore (reserve, observe and snapshot methods), e.g. createRedisQuotaStore(...)',
);

/**
 * How requests draw on the vendor's rate limit. Every attempt reserves a slot first, so once
 * the window is known nothing is sent that the vendor would refuse.
 */
export const quotaConfigSchema = z.strictObject({
  /** Where the quota lives: in this client's memory by default; share a store to share it. */
  store: quotaStoreSchema.optional(),
  /** Requests per window, for a vendor that documents none (Verifik) or a lower contract. */
  limit: z.number().int().positive().optional(),
  /** The window's length in ms (with `limit`, or to estimate waits beyond the current window). */
  windowMs: z.number().int().positive().max(86_400_000).optional(),
  /** Names the quota in the store instead of a hash of the credential (instances sharing a key). */
  key: z.string().trim().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces').optional(),
  /** Default for every batch call's `waitForQuota`: sit out windows of any length. */
  wait: z.boolean().default(false),
});

/**
 * The `quota` option once validated (`wait` defaulted).
 *
 * @useDeclaredType
 */
export type QuotaConfig = z.output<typeof quotaConfigSchema>;

/**
 * Options every provider accepts. Plug-in providers extend this schema with their own keys.
 *
 * @remarks
 * Each client validates its whole config with this schema and its provider's before it exists:
 * an invalid value or an unknown option is a `CONFIG` error naming the option, never quoting
 * its value.
 *
 * @example
 * ```ts
 * registerProvider({
 *   name: 'in-memory',
 *   configSchema: baseConfigSchema.extend({ provider: z.literal('in-memory') }),
 *   useFactory: (config) => new InMemoryAdapter(config),
 * });
 * ```
 */
export const baseConfigSchema = z.object({
  /** Which provider to create: `'wickson'`, `'verifik'`, or a name given to `registerProvider`. */
  provider: z.string().min(1),
  /**
   * The vendor's origin, to reach an emulator, a proxy or another region (default: the
   * vendor's production origin). Scheme, host and port only; https required except for
   * loopback addresses, so a credential never travels in clear text.
   */
  baseUrl: baseUrlSchema.optional(),
  /**
   * Per operation: one request with its retries and their waits (a batch applies it to each of
   * its requests; a wait for quota does not count). The same meaning as a call's `timeoutMs`.
   */
  timeoutMs: z.number().int().positive().max(2_147_483_647).default(90_000),
  /** Per attempt, including reading the body; never longer than what is left of `timeoutMs`. */
  attemptTimeoutMs: z.number().int().positive().max(2_147_483_647).default(30_000),
  /** Retries after the first attempt (2 = three attempts). */
  maxRetries: z.number().int().min(0).max(10).default(2),
  /** Requests in flight at once for batch work; default: the adapter's `defaultConcurrency`, else 4. */
  concurrency: z.number().int().min(1).max(64).optional(),
  /** First backoff step; it doubles per retry up to 8 s. */
  retryDelayMs: z.number().int().min(0).max(60_000).default(500),
  /** Longest Retry-After / rate-limit reset honoured before failing fast with RATE_LIMITED. */
  maxRetryWaitMs: z.number().int().min(0).max(3_600_000).default(30_000),
  /** Largest response body read (default 16 MiB); a larger one is `INVALID_RESPONSE`. */
  maxResponseBytes: z.number().int().positive().default(16 * 1024 * 1024),
  /** A custom `fetch` (proxies, instrumentation); default: the global one. */
  fetch: z.custom<typeof globalThis.fetch>((v) => typeof v === 'function', 'must be a fetch function').optional(),
  /** For tests: a virtual clock for every wait. */
  clock: clockSchema.optional(),
  /** How requests draw on the vendor's rate limit: a shared store, an operator's limit, waiting (see {@link quotaConfigSchema}). */
  quota: quotaConfigSchema.optional(),
  /**
   * Where to log (console, pino, winston: any object with debug/info/warn/error). Silent by
   * default; `UNIFIED_COLLECTIONS_DEBUG=1` logs at debug level (to the console without one).
   */
  logger: z.custom<Logger>(
    (v) => typeof v === 'object' && v !== null && ['debug', 'info', 'warn', 'error'].some((level) => typeof (v as Record<string, unknown>)[level] === 'function'),
    'must be an object with debug/info/warn/error methods (console works)',
  ).optional(),
  /** The least severe level logged (default `info`). */
  logLevel: z.enum(['debug', 'info', 'warn', 'error']).optional(),
});

/**
 * The common options as an app writes them (defaults optional).
 *
 * @useDeclaredType
 */
export type BaseConfigInput = z.input<typeof baseConfigSchema>;
/**
 * The common options once validated, defaults filled in: what an adapter receives.
 *
 * @useDeclaredType
 */
export type BaseConfig = z.output<typeof baseConfigSchema>;
