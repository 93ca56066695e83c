import { CollectionError } from '../errors.js';
import { BodyReadFailure } from './read-body.js';
import { provesNeverSent } from './retry-policy.js';
import { classifyTransportError, findSystemErrorCode } from './transport-errors.js';

/**
 * What the attempts of one call prove, so the final error can say whether the call may have
 * taken effect (which decides `failed` versus `unknown` in a batch).
 */
export interface CallState {
  attempts: number;
  retryAfterMs?: number;
  /** Attempts that provably never reached the server (connection refused, DNS). */
  unsent: Set<number>;
  /** Attempts the server refused with a 4xx: nothing happened. */
  refused: Set<number>;
  /** Status of the response being read, for errors raised while reading its body. */
  status?: number;
  /** 429s sat out by a call that waits for quota (not counted as retries). */
  quotaRequeues: number;
  /** The quota lease of the attempt in progress. */
  lease?: string;
  /** The end of the rate-limit window its answer said it counted in. */
  answeredResetAt?: number | undefined;
}

export function newCallState(): CallState {
  return { attempts: 0, unsent: new Set(), refused: new Set(), quotaRequeues: 0 };
}

/** False while every attempt so far provably never reached the server. */
export const possiblySent = (state: CallState): boolean => state.attempts > state.unsent.size;

/** True when some attempt was neither unsent nor refused: it may have been carried out. */
export const mayHaveApplied = (state: CallState): boolean => state.attempts > state.unsent.size + state.refused.size;

/** Like mayHaveApplied, for the attempts before a final one that answered 2xx. */
export const earlierAttemptMayHaveApplied = (state: CallState): boolean =>
  state.attempts - 1 > state.unsent.size + state.refused.size;

/** Records what a transport failure proves about the current attempt; idempotent per attempt. */
export function noteTransportFailure(error: unknown, state: CallState): void {
  if (state.attempts === 0 || error instanceof CollectionError || error instanceof BodyReadFailure) return;
  if (classifyTransportError(error) === 'network' && provesNeverSent(findSystemErrorCode(error))) {
    state.unsent.add(state.attempts);
  }
}
