import { type CollectionError, isCollectionError, isMaybeApplied, isNotSent } from '../errors.js';
import type { ChunkOutcome } from '../spec/adapter.js';

export type { ChunkOutcome } from '../spec/adapter.js';

/** Codes that mean the vendor (or we, before sending) refused: nothing happened. */
const REFUSED: ReadonlySet<string> = new Set([
  'CONFIG', 'INVALID_INPUT', 'UNAUTHORIZED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT',
  'PROTECTED_COLLECTION', 'RATE_LIMITED', 'UNSUPPORTED',
]);

/**
 * Whether a failed request certainly changed nothing. A 4xx answer or an error raised before
 * sending did not; a timeout, a reset, a 5xx or an unreadable 2xx may have, so those are unknown.
 */
export function errorCertainlyChangedNothing(error: unknown): boolean {
  if (!isCollectionError(error)) return false;
  // First: an earlier attempt that may have been carried out outweighs anything the final
  // attempt proves (a 4xx after a 5xx, or a retry that could not even be sent).
  if (isMaybeApplied(error)) return false;
  if (isNotSent(error)) return true;
  if (REFUSED.has(error.code)) return true;
  return error.status !== undefined && error.status >= 400 && error.status < 500;
}

/**
 * The rule for per-item outcomes that an attempt which may have applied outweighs what a later
 * attempt says: after such an attempt, a per-item failure is unknown, never failed.
 */
export function settleAfterEarlierAttempts(outcome: ChunkOutcome): ChunkOutcome {
  if (!outcome.earlierAttemptMayHaveApplied || outcome.failed.length === 0) return outcome;
  return { ...outcome, failed: [], unknown: [...outcome.unknown, ...outcome.failed.map((f) => f.id)] };
}

/** The outcome of a chunk whose request threw. */
export function outcomeOfError(ids: readonly string[], error: unknown): ChunkOutcome {
  if (errorCertainlyChangedNothing(error)) {
    const e = error as CollectionError;
    return { succeeded: [], failed: ids.map((id) => ({ id, reason: e.message, code: e.code })), unknown: [] };
  }
  return { succeeded: [], failed: [], unknown: [...ids] };
}
