import type { ProviderName } from './spec/models.js';

export const COLLECTION_ERROR_CODES = [
  'CONFIG',
  'INVALID_INPUT',
  'UNAUTHORIZED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'PROTECTED_COLLECTION',
  'RATE_LIMITED',
  'UNSUPPORTED',
  'TIMEOUT',
  'ABORTED',
  'NETWORK',
  'INVALID_RESPONSE',
  'PROVIDER_ERROR',
] as const;

export type CollectionErrorCode = (typeof COLLECTION_ERROR_CODES)[number];

export interface CollectionErrorInit {
  code: CollectionErrorCode;
  message: string;
  provider: ProviderName;
  status?: number;
  vendorCode?: string;
  requestId?: string;
  retryable?: boolean;
  retryAfterMs?: number;
  attempts?: number;
  /** Must already be free of credentials: the http layer passes only sanitized causes. */
  cause?: unknown;
}

const RETRYABLE_BY_DEFAULT: ReadonlySet<CollectionErrorCode> = new Set([
  'RATE_LIMITED', 'TIMEOUT', 'NETWORK',
]);

/**
 * The one error type of the library. Every field is set from an allow-list, so nothing the
 * transport carried (headers, request objects) can reach a log through it.
 */
export class CollectionError extends Error {
  override readonly name = 'CollectionError';
  readonly code: CollectionErrorCode;
  readonly provider: ProviderName;
  readonly status?: number;
  readonly vendorCode?: string;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly retryAfterMs?: number;
  readonly attempts?: number;

  constructor(init: CollectionErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.code = init.code;
    this.provider = init.provider;
    this.retryable = init.retryable
      ?? (RETRYABLE_BY_DEFAULT.has(init.code)
        || (init.status !== undefined && (init.status >= 500 || init.status === 408)));
    // Optional fields are only set when known, so util.inspect and JSON stay uncluttered.
    if (init.status !== undefined) this.status = init.status;
    if (init.vendorCode !== undefined) this.vendorCode = init.vendorCode;
    if (init.requestId !== undefined) this.requestId = init.requestId;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
    if (init.attempts !== undefined) this.attempts = init.attempts;
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      provider: this.provider,
      status: this.status,
      vendorCode: this.vendorCode,
      requestId: this.requestId,
      retryable: this.retryable,
      retryAfterMs: this.retryAfterMs,
      attempts: this.attempts,
    };
  }
}

/** Works across realms (Jest VM contexts, duplicated installs) where `instanceof` can fail. */
export function isCollectionError(value: unknown): value is CollectionError {
  return value instanceof CollectionError
    || (typeof value === 'object' && value !== null
      && (value as { name?: unknown }).name === 'CollectionError'
      && typeof (value as { code?: unknown }).code === 'string');
}

/**
 * Errors known to have been raised before any request could reach the vendor (an abort before
 * sending, a rate-limit pause that failed fast, a refused connection). Batch results use this
 * to report such ids as `failed` rather than `unknown`. Kept off the public error shape.
 */
const notSent = new WeakSet<object>();

export function markNotSent<E extends CollectionError>(error: E): E {
  notSent.add(error);
  return error;
}

export function isNotSent(error: unknown): boolean {
  return typeof error === 'object' && error !== null && notSent.has(error);
}

/**
 * Errors whose final answer was a refusal (a 4xx, a rate-limit pause) but where an earlier
 * attempt of the same call may have been carried out (a 5xx, a timeout, a reset after sending).
 * The refusal then proves nothing about the earlier attempt, so a batch reports such ids as
 * `unknown`, not `failed`. Kept off the public error shape, like `markNotSent`.
 */
const maybeApplied = new WeakSet<object>();

export function markMaybeApplied<E extends CollectionError>(error: E): E {
  maybeApplied.add(error);
  return error;
}

export function isMaybeApplied(error: unknown): boolean {
  return typeof error === 'object' && error !== null && maybeApplied.has(error);
}
