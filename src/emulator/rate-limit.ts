/**
 * A fixed window that opens with the first counted request. The docs say the allowance "fully
 * resets every 60 minutes" without saying fixed or rolling; fixed is the simpler reading and
 * gives one reset instant a client can wait for.
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
    if (this.windowStart === undefined || t >= this.windowStart + this.windowMs) {
      this.windowStart = t;
      this.count = 0;
    }
    this.count += 1;
    return { allowed: this.count <= this.limit, resetSeconds: this.resetSeconds(), headers: this.headers() };
  }

  /** The current state without counting (for responses to unauthenticated requests). */
  headers(): Record<string, string> {
    const t = this.now();
    const expired = this.windowStart === undefined || t >= this.windowStart + this.windowMs;
    const used = expired ? 0 : this.count;
    return {
      'x-ratelimit-limit': String(this.limit),
      'x-ratelimit-remaining': String(Math.max(0, this.limit - used)),
      'x-ratelimit-reset': String(this.resetSeconds()),
    };
  }

  private resetSeconds(): number {
    const t = this.now();
    const start = this.windowStart === undefined || t >= this.windowStart + this.windowMs ? t : this.windowStart;
    return Math.ceil((start + this.windowMs) / 1000);
  }
}
