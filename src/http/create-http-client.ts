import type { BaseConfig } from '../config/base-config.js';
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
}

/** What an adapter calls: one logical request, retries included (see HttpClient). */
export type VendorHttp = Pick<HttpClient, 'request'>;

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
  const settings: HttpClientSettings = {
    provider: vendor.provider,
    baseUrl: config.baseUrl ?? vendor.defaultBaseUrl,
    authHeaders: vendor.authHeaders,
    redactor: vendor.redactor,
    mapError: vendor.mapError,
    attemptTimeoutMs: config.timeoutMs,
    operationTimeoutMs: config.operationTimeoutMs,
    maxRetries: config.maxRetries,
    backoff: { baseDelayMs: config.retryDelayMs, maxDelayMs: 8_000 },
    maxServerWaitMs: config.maxRetryWaitMs,
    maxResponseBytes: config.maxResponseBytes,
    clock: config.clock ?? systemClock,
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
  };
}
