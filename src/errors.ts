import type { ProviderName } from './spec/models.js';

/**
 * Every {@link CollectionErrorCode}, for exhaustive checks and validation (a CLI, a serialized
 * error). Both vendors' errors map onto these, so one `switch` handles either.
 */
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

/**
 * What went wrong, the same on every vendor:
 *
 * - `CONFIG`: the config is invalid or a credential is missing (the message names the
 *   environment variable).
 * - `INVALID_INPUT`: bad ids or options, refused before any request; or the vendor's validation
 *   error (Verifik's 409 `MissingParameter`).
 * - `UNAUTHORIZED`: missing or invalid key or token, or an expired Verifik token (403
 *   `token_expired`, or past its JWT `exp`: then nothing was sent).
 * - `FORBIDDEN`: the credential lacks the capability (Wickson read/write/delete).
 * - `NOT_FOUND`: the collection, item or person does not exist.
 * - `CONFLICT`: duplicates and failed preconditions (Verifik 409 `duplicated_person`, 412).
 * - `PROTECTED_COLLECTION`: Wickson's `default` collection cannot be deleted.
 * - `RATE_LIMITED`: 429 after retries, or a reset too far away to wait for (see `retryAfterMs`).
 * - `UNSUPPORTED`: the vendor cannot do this (Wickson `createCollection`), thrown before any request.
 * - `TIMEOUT`: an attempt or the whole operation ran out of time (body reads included), or the
 *   server answered 408.
 * - `ABORTED`: the caller's `AbortSignal` fired.
 * - `NETWORK`: the connection failed (or a Redis quota store could not be reached).
 * - `INVALID_RESPONSE`: a 2xx whose body is not the documented JSON (HTML, truncated, wrong
 *   shape, too large).
 * - `PROVIDER_ERROR`: a vendor 5xx, an unexpected status, a redirect (never followed), or an
 *   adapter that threw something other than a `CollectionError`.
 */
export type CollectionErrorCode = (typeof COLLECTION_ERROR_CODES)[number];

/** What a {@link CollectionError} is built from (for adapters of plug-in providers). */
export interface CollectionErrorInit {
  /** What went wrong. */
  code: CollectionErrorCode;
  /** One line for people; it must hold no credential (the library's own messages never do). */
  message: string;
  /** The provider the error concerns (`'unknown'` when none does). */
  provider: ProviderName;
  /** The HTTP status of the vendor's answer, when there was one. */
  status?: number;
  /** The vendor's own error code (Wickson `error.code`, Verifik `code`). */
  vendorCode?: string;
  /** The vendor's request id, to quote to its support. */
  requestId?: string;
  /**
   * Whether the same call may succeed later. Default: true for `RATE_LIMITED`, `TIMEOUT`,
   * `NETWORK`, a 5xx and a 408; false otherwise.
   */
  retryable?: boolean;
  /** How long to wait before retrying, in ms, when known (a 429's `Retry-After` or reset). */
  retryAfterMs?: number;
  /** HTTP attempts made, retries included. */
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
 *
 * @remarks
 * Every call rejects with it, whichever vendor answered; branch on `code`. Check with
 * {@link isCollectionError} rather than `instanceof`, which fails across realms and duplicated
 * installs. Batch calls report per-id failures in their result instead of throwing.
 *
 * @example
 * ```ts
 * try {
 *   await client.deleteCollection(id);
 * } catch (error) {
 *   if (isCollectionError(error) && error.code === 'PROTECTED_COLLECTION') {
 *     // Wickson's `default`: refused before any request
 *   } else throw error;
 * }
 * ```
 */
export class CollectionError extends Error {
  /** Always `'CollectionError'`. */
  override readonly name = 'CollectionError';
  /** What went wrong (see {@link CollectionErrorCode}). */
  readonly code: CollectionErrorCode;
  /** The provider the error concerns (`'unknown'` for a quota store's or a config's error that names none). */
  readonly provider: ProviderName;
  /** The HTTP status of the vendor's answer, when there was one. */
  readonly status?: number;
  /** The vendor's own error code (Wickson `error.code`, Verifik `code`), when it sent one. */
  readonly vendorCode?: string;
  /** The vendor's request id, when it sent one: quote it to the vendor's support. */
  readonly requestId?: string;
  /**
   * Whether the same call may succeed later (a rate limit, a timeout, a network failure, a 5xx).
   * False where the request may have arrived and repeating it is unsafe (Verifik's create).
   */
  readonly retryable: boolean;
  /** How long to wait before retrying, in ms, when the vendor said (`RATE_LIMITED`). */
  readonly retryAfterMs?: number;
  /** HTTP attempts made, retries included, when a request was sent. */
  readonly attempts?: number;

  /**
   * @param init - The fields; `cause` must already be free of credentials. Optional fields left
   * undefined are not set, so `util.inspect` and JSON stay uncluttered.
   */
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

  /**
   * The allow-listed fields (no `cause`, no stack), so `JSON.stringify(error)` is safe to log.
   *
   * @returns `name`, `code`, `message`, `provider`, `status`, `vendorCode`, `requestId`,
   * `retryable`, `retryAfterMs` and `attempts`.
   */
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

/**
 * Whether `value` is a {@link CollectionError}. Works across realms (Jest VM contexts,
 * duplicated installs) where `instanceof` can fail: it also accepts an error named
 * `CollectionError` with a string `code`.
 *
 * @param value - Anything caught.
 * @returns True when it is a `CollectionError` (and narrows the type).
 */
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
