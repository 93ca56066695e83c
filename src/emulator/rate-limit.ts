/**
 * A fixed window that opens with the first counted request. The docs say the allowance "fully
 * resets every 60 minutes" without saying fixed or rolling; fixed is the simpler reading and
 * gives one reset instant a client can wait for. `X-RateLimit-Reset` is in whole seconds, so a
 * window of whole seconds opens on the second its first request falls in: the reset the header
 * names is then the exact instant (a window opened mid-second would reset up to a second before
 * the header says, and a client trusting the header would idle that long every window).
 */
export class FixedWindowLimiter {
  private windowStart: number | undefined;
  private count = 0;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {
    if (!Number.isInteger(limit) || limit < 0) throw new TypeError('rateLimit.limit must be a non-negative integer');
    if (!Number.isFinite(windowMs) || windowMs <= 0) throw new TypeError('rateLimit.windowMs must be positive');
  }

  /** Counts one request; `allowed` is false once the window's allowance is spent. */
  hit(): { allowed: boolean; resetSeconds: number; headers: Record<string, string> } {
    const t = this.now();
    if (this.expired()) {
      this.windowStart = this.windowMs % 1000 === 0 ? Math.floor(t / 1000) * 1000 : t;
      this.count = 0;
    }
    this.count += 1;
    return { allowed: this.count <= this.limit, resetSeconds: this.resetSeconds(), headers: this.headers() };
  }

  /** The current state without counting (for responses to unauthenticated requests). */
  headers(): Record<string, string> {
    const used = this.expired() ? 0 : this.count;
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.limit - used)),
      'x-ratelimit-reset': String(this.resetSeconds()),
    };
  }

  /** True before the first request and once the window has run out: same as a fresh limiter. */
  expired(): boolean {
    return this.windowStart === undefined || this.now() >= this.windowStart + this.windowMs;
  }

  private resetSeconds(): number {
    const start = this.expired() ? this.now() : (this.windowStart as number);
    return Math.ceil((start + this.windowMs) / 1000);
  }
}

/** Below this many windows nothing is swept: a handful of keys never costs a scan. */
const SWEEP_FLOOR = 1024;

/**
 * One window per credential. Both vendors count per key (Wickson: "per API key, not per IP or
 * account"), so two keys of one account never spend each other's allowance, and one key's
 * 429 never reaches another key.
 */
export class PerKeyLimiter {
  private readonly windows = new Map<string, FixedWindowLimiter>();
  /** Never counted: answers for keys that have not spent anything. */
  private readonly fresh: FixedWindowLimiter;
  private sweepAt = SWEEP_FLOOR;

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly now: () => number,
  ) {
    this.fresh = new FixedWindowLimiter(limit, windowMs, now);
  }

  /** Counts one request against `key`'s window. */
  hit(key: string): ReturnType<FixedWindowLimiter['hit']> {
    let window = this.windows.get(key);
    if (window === undefined) {
      this.sweep();
      window = new FixedWindowLimiter(this.limit, this.windowMs, this.now);
      this.windows.set(key, window);
    }
    return window.hit();
  }

  /** `key`'s window without counting; a key that never counted (or none) shows a full allowance. */
  headers(key?: string): Record<string, string> {
    return (key === undefined ? undefined : this.windows.get(key))?.headers() ?? this.fresh.headers();
  }

  /**
   * An expired window equals a fresh one, so it can go. Sweeping only when the map has doubled
   * keeps memory bounded under many throwaway keys at O(1) amortized per new key.
   */
  private sweep(): void {
    if (this.windows.size < this.sweepAt) return;
    for (const [key, window] of this.windows) if (window.expired()) this.windows.delete(key);
    this.sweepAt = Math.max(SWEEP_FLOOR, 2 * this.windows.size);
  }
}
