import type { BaseConfig } from '../config/base-config.js';
import { systemClock } from './clock.js';
import { HttpClient } from './http-client.js';
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

/** Turns a validated config plus a vendor's specifics into its HttpClient. */
export function createHttpClient(config: BaseConfig, vendor: VendorHttpSettings): HttpClient {
  return new HttpClient({
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
  });
}
