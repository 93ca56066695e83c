import type { QuotaDefaults, QuotaObservation, QuotaReservation, QuotaSnapshot } from '../spec/quota.js';

/**
 * The quota model every store runs (the Redis store runs the same steps in one Lua script, so
 * both are atomic per key and agree; test/quota checks them against each other). Pure functions
 * over a flat record of numbers, so the state fits a Redis hash as it is.
 *
 * A slot is reserved before each attempt and counts as used from then on, in flight or not; an
 * answer can only raise `used` (the vendor has seen at least `limit - remaining`), so requests
 * this store has not heard of yet (another client of the key) are never forgotten, and requests
 * in flight are never counted as free. A fixed window ends at `resetAt`; the next one opens
 * with the next request (Wickson's window resets "every 60 minutes").
 */
export interface QuotaState {
  /** The window's allowance, once an answer or the config said. */
  limit?: number;
  /** Slots taken in the current window. */
  used: number;
  /** When the current window ends (ms since the epoch), when known. */
  resetAt?: number;
  /** 1 when `resetAt` is our own guess (window length from config), not the vendor's word. */
  guessed?: number;
  windowMs?: number;
  /** Slots taken just before `resetAt`: they may reach the vendor in the next window. */
  carry: number;
  /** 1 when an answer said nothing remains in this window, whether or not it named the limit. */
  exhausted?: number;
}

/** A slot taken this close to the reset may arrive after it: it is counted in both windows. */
export const CARRY_GUARD_MS = 1_000;
/** How soon to ask again when the window's end is not known yet (the next answer will say). */
export const POLL_MS = 100;

export function emptyQuotaState(): QuotaState {
  return { used: 0, carry: 0 };
}

/** Opens the next window when the current one is over. */
function rolled(state: QuotaState, now: number): QuotaState {
  if (state.resetAt === undefined || now < state.resetAt) return state;
  const { resetAt: _ended, guessed: _guessed, exhausted: _exhausted, ...rest } = state;
  return { ...rest, used: state.carry, carry: 0 };
}

/** Takes one slot at `now`, or says when to ask again. */
export function reserveSlot(current: QuotaState, now: number, defaults: QuotaDefaults): { state: QuotaState; reservation: QuotaReservation } {
  let state = rolled(current, now);
  const limit = state.limit ?? defaults.limit;
  const windowMs = state.windowMs ?? defaults.windowMs;
  if (state.exhausted === 1 || (limit !== undefined && state.used >= limit)) {
    return { state, reservation: { granted: false, retryAt: state.resetAt ?? now + POLL_MS } };
  }
  if (state.resetAt === undefined && windowMs !== undefined && limit !== undefined) {
    // Our own guess of the window this request opens; the vendor's answer replaces it.
    state = { ...state, resetAt: now + windowMs, guessed: 1 };
  }
  const nearReset = state.resetAt !== undefined && state.resetAt - now < CARRY_GUARD_MS;
  return {
    state: { ...state, used: state.used + 1, carry: state.carry + (nearReset ? 1 : 0) },
    reservation: { granted: true },
  };
}

/** Merges what an answer said. An answer about a window that is already over changes nothing. */
export function observeWindow(current: QuotaState, observation: QuotaObservation, now: number): QuotaState {
  if (!(observation.resetAt > now)) return current;
  const state = rolled(current, now);
  const limit = observation.limit ?? state.limit;
  const seen = limit === undefined ? 0 : Math.max(0, limit - observation.remaining);
  const { guessed: _guessed, ...rest } = state;
  return {
    ...rest,
    ...(limit !== undefined ? { limit } : {}),
    ...(observation.windowMs !== undefined ? { windowMs: observation.windowMs } : {}),
    resetAt: observation.resetAt,
    used: Math.max(state.used, seen),
    ...(observation.remaining === 0 ? { exhausted: 1 } : {}),
  };
}

/** The window as this state sees it at `now`, or undefined when no limit is known. */
export function snapshotOf(current: QuotaState, now: number, defaults: QuotaDefaults): QuotaSnapshot | undefined {
  const state = rolled(current, now);
  const limit = state.limit ?? defaults.limit;
  if (limit === undefined) return undefined;
  const windowMs = state.windowMs ?? defaults.windowMs;
  return {
    limit,
    remaining: state.exhausted === 1 ? 0 : Math.max(0, limit - state.used),
    ...(state.resetAt !== undefined ? { resetAt: state.resetAt } : {}),
    ...(windowMs !== undefined ? { windowMs } : {}),
  };
}
