import type { z } from 'zod';
import type { CollectionErrorCode } from '../errors.js';
import type { QuotaCallPolicy, RequestRecorder } from '../spec/adapter.js';
import type { OperationClass } from './retry-policy.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface RequestSpec<T> {
  method: HttpMethod;
  /** Built with `encodePath`, so every id is one percent-encoded segment. */
  path: string;
  query?: URLSearchParams;
  json?: unknown;
  /** Validates the 2xx body; a mismatch is INVALID_RESPONSE. */
  schema: z.ZodType<T>;
  operation: OperationClass;
  signal?: AbortSignal;
  /** Per-operation deadline override (ms). */
  timeoutMs?: number;
  /** Whether to wait out long rate-limit windows, and whom to tell (from the core). */
  quota?: QuotaCallPolicy;
  /** The public call this request belongs to: told its request id and attempts. */
  trace?: RequestRecorder;
  /**
   * For an answer that carries a new credential (Verifik's renewed token): called with the parsed
   * 2xx body before it is redacted, to register the credential with the redactor (and keep it)
   * before anything else sees the body. `data` and `raw` are redacted as always, the new
   * credential included. It may throw a CollectionError to refuse the answer.
   */
  takeCredentials?: (body: unknown) => void;
}

export interface HttpResult<T> {
  data: T;
  /** The parsed body as the vendor sent it, minus `__proto__` keys and with credentials redacted. */
  raw: unknown;
  status: number;
  headers: Headers;
  attempts: number;
  /**
   * Whether an attempt before the final one may have been carried out (it timed out, was reset
   * or got a 5xx). A "not found" in this answer can then mean an earlier attempt did the work.
   */
  earlierAttemptMayHaveApplied: boolean;
}

/** What a provider is told about a non-2xx answer. */
export interface VendorErrorInfo {
  status: number;
  /** Parsed JSON, or undefined when the body was not JSON. */
  body: unknown;
  headers: Headers;
}

/** What a provider says a non-2xx answer means. */
export interface VendorErrorMapping {
  code: CollectionErrorCode;
  message: string;
  vendorCode?: string;
  requestId?: string;
  /** A wait the vendor asked for in its body (Wickson's 429 `details.reset_time`). */
  retryAfterMs?: number;
}

export type VendorErrorMapper = (info: VendorErrorInfo, now: number) => VendorErrorMapping;

/** Joins path segments, percent-encoding each one: an id can never add a segment or a query. */
export function encodePath(strings: TemplateStringsArray, ...segments: string[]): string {
  return strings.reduce(
    (path, text, index) => path + text + (index < segments.length ? encodeURIComponent(segments[index]!) : ''),
    '',
  );
}

/** The per-request part of a caller's options (signal, deadline, quota policy), without `undefined` keys. */
export function perRequest(options: {
  signal?: AbortSignal | undefined; timeoutMs?: number | undefined; quota?: QuotaCallPolicy | undefined;
  trace?: RequestRecorder | undefined;
}): { signal?: AbortSignal; timeoutMs?: number; quota?: QuotaCallPolicy; trace?: RequestRecorder } {
  return {
    ...(options.signal ? { signal: options.signal } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.quota !== undefined ? { quota: options.quota } : {}),
    ...(options.trace !== undefined ? { trace: options.trace } : {}),
  };
}
