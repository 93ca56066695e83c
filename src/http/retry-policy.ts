import { parseHttpDate } from './http-date.js';
import { FETCH_BLOCKED_PORT } from './transport-errors.js';

/**
 * Pure retry decisions, apart from any I/O, so they can be tested exhaustively.
 * The figures are the ones in the reliability promises: 3 attempts, 408/429/5xx only,
 * never 409, server-requested waits honoured up to a cap.
 */

/** How safe a call is to repeat. */
export type OperationClass = 'read' | 'idempotent-write' | 'non-idempotent-write';

export const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

export interface BackoffSettings {
  /** First retry waits about this long (doubled each time). */
  baseDelayMs: number;
  /** No single computed backoff exceeds this. */
  maxDelayMs: number;
}


/** May this status be retried for this operation class? */
export function isRetryableStatus(status: number, operation: OperationClass): boolean {
  if (!RETRYABLE_STATUSES.has(status)) return false;
  // A create that reached the server may have happened; only an explicit "not now" is safe.
  if (operation === 'non-idempotent-write') return status === 429;
  return true;
}

/** Network error codes that prove the request never reached the server. */
const NEVER_SENT_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', FETCH_BLOCKED_PORT,
]);

export function provesNeverSent(errorCode: string | undefined): boolean {
  return errorCode !== undefined && NEVER_SENT_CODES.has(errorCode);
}

/** May a transport failure (no response) be retried? */
export function isRetryableTransportFailure(
  operation: OperationClass, kind: 'network' | 'timeout', errorCode: string | undefined,
): boolean {
  // fetch refuses the port itself: every attempt would be refused alike.
  if (errorCode === FETCH_BLOCKED_PORT) return false;
  if (operation !== 'non-idempotent-write') return true;
  return kind === 'network' && provesNeverSent(errorCode);
}

/** Exponential backoff with "equal jitter": never less than half the step, never above the cap. */
export function backoffDelay(retryNumber: number, settings: BackoffSettings, random: () => number = Math.random): number {
  const step = Math.min(settings.maxDelayMs, settings.baseDelayMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * The wait the server asked for, in ms from `now`: `Retry-After` (seconds or an HTTP-date),
 * then a vendor hint (Wickson's 429 `details.reset_time`), then `X-RateLimit-Reset` (Unix s).
 * Unparseable values are ignored rather than trusted.
 */
export function serverRequestedDelay(
  headers: Headers, now: number, status: number, vendorHintMs?: number,
): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const date = parseHttpDate(retryAfter, now);
    if (date !== undefined) return Math.max(0, date - now);
  }
  // The rate-limit window's end says when quota returns, which only matters for a 429: Wickson
  // sends X-RateLimit-Reset on most answers, and a 503 must not wait out the hourly window.
  if (status !== 429) return undefined;
  if (vendorHintMs !== undefined) return Math.max(0, vendorHintMs);
  const resetAt = rateLimitResetAt(headers.get('x-ratelimit-reset'), now);
  if (resetAt !== undefined) return Math.max(0, resetAt - now);
  return undefined;
}

/** Values below this are too small to be Unix seconds (they predate 2001): read them as a delay. */
const SMALLEST_UNIX_SECONDS = 1_000_000_000;

/**
 * When an `X-RateLimit-Reset` window ends, in ms since the epoch. Wickson sends Unix seconds;
 * some gateways send seconds-from-now, and reading those as a 1970 date would mean "retry now".
 */
export function rateLimitResetAt(header: string | null | undefined, now: number): number | undefined {
  const value = header?.trim();
  if (!value || !/^\d+$/.test(value)) return undefined;
  const seconds = Number(value);
  return seconds < SMALLEST_UNIX_SECONDS ? now + seconds * 1000 : seconds * 1000;
}

export type RetryDecision =
  | { retry: true; delayMs: number }
  | { retry: false; retryAfterMs?: number };

export interface StatusRetryInput {
  status: number;
  operation: OperationClass;
  /** 1 for the first retry. */
  retryNumber: number;
  maxRetries: number;
  serverDelayMs: number | undefined;
  /** Longest server-requested wait we accept before failing fast. */
  maxServerWaitMs: number;
  /** Time left before the operation deadline. */
  remainingMs: number;
  backoff: BackoffSettings;
  random?: () => number;
}

export function decideStatusRetry(input: StatusRetryInput): RetryDecision {
  const { serverDelayMs } = input;
  const failFast = (): RetryDecision => (serverDelayMs === undefined
    ? { retry: false } : { retry: false, retryAfterMs: serverDelayMs });
  if (!isRetryableStatus(input.status, input.operation)) return { retry: false };
  if (input.retryNumber > input.maxRetries) return failFast();
  if (serverDelayMs !== undefined && serverDelayMs > input.maxServerWaitMs) return failFast();
  const delayMs = serverDelayMs ?? backoffDelay(input.retryNumber, input.backoff, input.random);
  if (delayMs >= input.remainingMs) return failFast();
  return { retry: true, delayMs };
}
