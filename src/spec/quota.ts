/**
 * Rate-limit quota shared by every client (and every process) that uses one credential. The
 * http layer reserves a slot in a `QuotaStore` before each attempt and tells it what each answer
 * said (`X-RateLimit-*`, a 429 body), so once the limit is known no request is sent that the
 * vendor would refuse. The default store is in memory; a Redis/Valkey store shares one quota
 * across instances (`createRedisQuotaStore`). A store only keeps counts: never a credential.
 */

/** What a client knows of one credential's current window. */
export interface QuotaSnapshot {
  /** Requests the window allows. */
  limit: number;
  /** Requests left in the window, requests reserved and still in flight counted as spent. */
  remaining: number;
  /** When the window resets, in ms since the epoch; undefined until an answer or the config says. */
  resetAt?: number;
  /** The window's length, when known (configured, or the vendor's documented or reported window). */
  windowMs?: number;
}

/**
 * Holds a reserved slot while its attempt is in flight, so a window that resets meanwhile starts
 * with it counted (it may reach the vendor after the reset). It lapses on its own at `expiresAt`.
 */
export interface QuotaLease {
  /** Unique per attempt (random). */
  id: string;
  /** ms since the epoch. */
  expiresAt: number;
}

/** The answer to a reservation: go, or ask again at `retryAt` (ms since the epoch). */
export type QuotaReservation =
  | {
    /** A slot is reserved: send. */
    granted: true;
  }
  | {
    /** No slot is free in this window. */
    granted: false;
    /** When to ask again (ms since the epoch): the window's reset, or a short poll while the reset is not known. */
    retryAt: number;
  };

/** What one vendor answer said about the window (Wickson `X-RateLimit-*` or a 429 body). */
export interface QuotaObservation {
  /** Absent when the answer did not say (a 429 with only a reset time). */
  limit?: number;
  /** Requests the vendor says are left (`X-RateLimit-Remaining`; 0 for a 429). */
  remaining: number;
  /** When the window resets, in ms since the epoch. */
  resetAt: number;
  /** The window's length, when the answer implies it. */
  windowMs?: number;
}

/** What the config says before any answer has (an operator's limit, a vendor's documented one). */
export interface QuotaDefaults {
  /** Requests per window before any answer says (config `quota.limit`). */
  limit?: number;
  /** The window's length in ms (config `quota.windowMs`, or the vendor's documented one: Wickson's hour). */
  windowMs?: number;
}

/**
 * Where quota state lives. Every method is atomic for one key: two clients (or processes)
 * reserving at once never both get the last slot. Keys are opaque (a hash, never a credential).
 */
export interface QuotaStore {
  /** Takes one request slot at `now`, held by `lease` while the attempt is in flight, or says when to ask again. */
  reserve(key: string, now: number, defaults: QuotaDefaults, lease?: QuotaLease): Promise<QuotaReservation>;
  /**
   * The attempt holding the lease has ended and its answer (if any) has been observed.
   * `landedBefore`: its answer showed it counted in a window that has ended since (a slot it
   * was holding in the current window goes back).
   */
  release?(key: string, leaseId: string, now: number, landedBefore: boolean): Promise<void>;
  /** Merges what an answer said; answers from a window that is already over are ignored. */
  observe(key: string, observation: QuotaObservation, now: number): Promise<void>;
  /** The current window as this store sees it, or undefined when nothing is known yet. */
  snapshot(key: string, now: number, defaults: QuotaDefaults): Promise<QuotaSnapshot | undefined>;
  /** Releases connections (a Redis store); the in-memory store has nothing to release. */
  close?(): Promise<void>;
}

/** Reported while a request waits for its rate-limit window. */
export interface QuotaWait {
  /** When the wait ends (ms since the epoch). */
  until: number;
  /** The window as known when the wait began. */
  quota?: QuotaSnapshot;
}
