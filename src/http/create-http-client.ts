import { createHash } from 'node:crypto';
import type { BaseConfig } from '../config/base-config.js';
import { MemoryQuotaStore } from '../quota/memory-quota-store.js';
import { createLogger } from '../telemetry/logger.js';
import type { QuotaDefaults } from '../spec/quota.js';
import { systemClock } from './clock.js';
import type { HttpClient, HttpClientSettings } from './http-client.js';
import type { Redactor } from './redact.js';
import type { VendorErrorMapper } from './request-spec.js';

export interface VendorHttpSettings {
  provider: string;
  defaultBaseUrl: string;
  authHeaders: () => Promise<Record<string, string>>;
  redactor: Redactor;
  mapError: VendorErrorMapper;
  defaultHeaders?: Record<string, string>;
  /**
   * What the vendor's rate limit is counted by (Wickson: the API key). Only a hash of it,
   * with the base URL, names the quota in its store.
   */
  quotaPartition?: string;
  /** The vendor's documented window, before any answer reports it. */
  quotaDefaults?: QuotaDefaults;
  /**
   * The vendor reports its window on every answer (Wickson): a client's first request goes
   * alone, so a burst at start-up cannot overrun a window smaller than documented.
   */
  reportsQuota?: boolean;
}

/** What an adapter calls: one logical request, retries included (see HttpClient). */
export type VendorHttp = Pick<HttpClient, 'request' | 'quotaStatus'>;

/** The store key of a quota: the app's name for it, or a hash (never the credential itself). */
function quotaKey(provider: string, baseUrl: string, partition: string | undefined, named: string | undefined): string {
  if (named !== undefined) return `uc:quota:${provider}:${named}`;
  const digest = createHash('sha256').update(`${baseUrl}\n${partition ?? ''}`).digest('hex').slice(0, 32);
  return `uc:quota:${provider}:${digest}`;
}

// http-client.js brings ky, and ky touches fetch's Request class when it loads, which makes
// Node load its fetch implementation: together most of what importing the library cost. Only
// a request needs them, so the module is imported by the first request of the process; after
// that, clients are built synchronously, as before.
let httpModule: typeof import('./http-client.js') | undefined;

/**
 * Turns a validated config plus a vendor's specifics into its HttpClient, built on the first
 * request (one per adapter, as the rate-limit gate and retry budget are per client).
 */
export function createHttpClient(config: BaseConfig, vendor: VendorHttpSettings): VendorHttp {
  const baseUrl = config.baseUrl ?? vendor.defaultBaseUrl;
  const clock = config.clock ?? systemClock;
  // An operator's limit replaces the documented one; the vendor's answers correct either.
  const defaults: QuotaDefaults = {
    ...vendor.quotaDefaults,
    ...(config.quota?.limit !== undefined ? { limit: config.quota.limit } : {}),
    ...(config.quota?.windowMs !== undefined ? { windowMs: config.quota.windowMs } : {}),
  };
  const quota = {
    store: config.quota?.store ?? new MemoryQuotaStore(),
    key: quotaKey(vendor.provider, baseUrl, vendor.quotaPartition, config.quota?.key),
    defaults,
    probeFirst: vendor.reportsQuota === true,
  };
  const settings: HttpClientSettings = {
    provider: vendor.provider,
    baseUrl,
    authHeaders: vendor.authHeaders,
    redactor: vendor.redactor,
    mapError: vendor.mapError,
    attemptTimeoutMs: config.attemptTimeoutMs,
    operationTimeoutMs: config.timeoutMs,
    maxRetries: config.maxRetries,
    backoff: { baseDelayMs: config.retryDelayMs, maxDelayMs: 8_000 },
    maxServerWaitMs: config.maxRetryWaitMs,
    maxResponseBytes: config.maxResponseBytes,
    clock,
    quota,
    logger: createLogger(config.logger, config.logLevel),
    ...(config.fetch ? { fetch: config.fetch } : {}),
    ...(vendor.defaultHeaders ? { defaultHeaders: vendor.defaultHeaders } : {}),
  };
  let client: HttpClient | undefined;
  const built = (loaded: typeof import('./http-client.js')): HttpClient => (client ??= new loaded.HttpClient(settings));
  return {
    request(spec) {
      if (httpModule !== undefined) return built(httpModule).request(spec);
      return import('./http-client.js').then((loaded) => {
        httpModule = loaded;
        return built(loaded).request(spec);
      });
    },
    // Read from the store directly: asking for the quota is no reason to load the http stack.
    quotaStatus: () => quota.store.snapshot(quota.key, clock.now(), quota.defaults),
  };
}
