import type { QuotaDefaults, QuotaLease, QuotaObservation, QuotaReservation, QuotaSnapshot } from '../spec/quota.js';

/**
 * The quota model every store runs (the Redis store runs the same steps in one Lua script, so
 * both are atomic per key and agree; test/quota checks them against each other). Pure functions
 * over a flat record, so the state fits a Redis hash as it is.
 *
 * A slot is reserved before each attempt and counts as used from then on, answered or not; an
 * answer can only raise `used` (the vendor has seen at least `limit - remaining`), so requests
 * this store has not heard of (another client of the key) are never forgotten. A fixed window
 * ends at `resetAt`; the next opens with the next request (Wickson's window resets "every 60
 * minutes"). Each slot is held by a lease until its attempt ends: a request still in flight when
 * the window resets may reach the vendor in the new window, so the new window starts with those
 * counted ("carried"); one whose answer then shows it landed in the old window gives its slot
 * back. A lease lapses on its own (a process killed mid-request cannot hold slots forever).
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
  /** 1 when an answer said nothing remains in this window, whether or not it named the limit. */
  exhausted?: number;
  /** Attempts in flight: lease id → when the lease lapses (ms since the epoch). */
  leases: Record<string, number>;
  /** Attempts that were in flight when the previous window ended, counted in this one. */
  carried: Record<string, number>;
}

/** How soon to ask again when the window's end is not known, or only guessed (the next answer will say). */
export const POLL_MS = 100;

export function emptyQuotaState(): QuotaState {
  return { used: 0, leases: {}, carried: {} };
}

/** The leases that have not lapsed at `now`. */
function liveLeases(leases: Record<string, number>, now: number): Record<string, number> {
  const live: Record<string, number> = {};
  for (const [id, expiresAt] of Object.entries(leases)) if (expiresAt > now) live[id] = expiresAt;
  return live;
}

/**
 * Opens the next window when the current one is over: the attempts still in flight count in it
 * (their answers will say where they landed), and its end is unknown until an answer names it.
 */
function rolled(state: QuotaState, now: number): QuotaState {
  if (state.resetAt === undefined || now < state.resetAt) return state;
  const { resetAt: _ended, guessed: _guessed, exhausted: _exhausted, ...rest } = state;
  const carried = liveLeases({ ...state.carried, ...state.leases }, now);
  return { ...rest, leases: {}, carried, used: Object.keys(carried).length };
}

/** Whether any attempt is still in flight (its answer may still name the window). */
function inFlight(state: QuotaState, now: number): boolean {
  return Object.keys(liveLeases({ ...state.carried, ...state.leases }, now)).length > 0;
}

/** Takes one slot at `now` (held by `lease` until released), or says when to ask again. */
export function reserveSlot(
  current: QuotaState, now: number, defaults: QuotaDefaults, lease?: QuotaLease,
): { state: QuotaState; reservation: QuotaReservation } {
  let state = rolled(current, now);
  const limit = state.limit ?? defaults.limit;
  const windowMs = state.windowMs ?? defaults.windowMs;
  // A guess of the window's end is never earlier than the truth: every request of this window
  // reached the vendor at or before `now` (none in flight), so its window ends by now + windowMs.
  const guess = (): QuotaState => ({ ...state, resetAt: now + windowMs!, guessed: 1 });
  if (state.exhausted === 1 || (limit !== undefined && state.used >= limit)) {
    if (state.resetAt === undefined && windowMs !== undefined && !inFlight(state, now)) state = guess();
    // A guessed end may be far too late (the documented hour against a shorter real window):
    // ask again soon, by when an answer will have named the real one.
    const retryAt = state.resetAt === undefined || state.guessed === 1 ? Math.min(state.resetAt ?? Infinity, now + POLL_MS) : state.resetAt;
    return { state, reservation: { granted: false, retryAt } };
  }
  if (state.resetAt === undefined && windowMs !== undefined && state.limit === undefined && defaults.limit !== undefined
    && !inFlight(state, now)) {
    // A window of the operator's own (a configured limit no answer has reported): this request
    // opens it. A vendor's window is never guessed here: it opens when a request *arrives*,
    // which may be well after now, so a guess could end before the truth.
    state = guess();
  }
  const leases = lease === undefined ? state.leases : { ...liveLeases(state.leases, now), [lease.id]: lease.expiresAt };
  return { state: { ...state, used: state.used + 1, leases }, reservation: { granted: true } };
}

/**
 * The attempt holding `leaseId` has ended, its answer (if any) already observed. `landedBefore`:
 * its answer showed it counted in a window that ended by `now` (or it got no answer at all and
 * was never in flight across a reset). A slot carried into this window then goes back.
 */
export function releaseSlot(current: QuotaState, leaseId: string, now: number, landedBefore: boolean): QuotaState {
  const leases = liveLeases(current.leases, now);
  const carried = liveLeases(current.carried, now);
  const wasCarried = leaseId in current.carried;
  delete leases[leaseId];
  delete carried[leaseId];
  const used = wasCarried && landedBefore ? Math.max(0, current.used - 1) : current.used;
  return { ...current, leases, carried, used };
}

/**
 * Merges what an answer said. From an answer about a window that is already over, only the
 * allowance is kept (it belongs to the key, not to the window).
 */
export function observeWindow(current: QuotaState, observation: QuotaObservation, now: number): QuotaState {
  if (!(observation.resetAt > now)) {
    const known = {
      ...(observation.limit !== undefined ? { limit: observation.limit } : {}),
      ...(observation.windowMs !== undefined ? { windowMs: observation.windowMs } : {}),
    };
    return Object.keys(known).length === 0 ? current : { ...current, ...known };
  }
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
