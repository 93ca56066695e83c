import { CollectionError, markNotSent } from '../errors.js';
import type { ProviderName } from '../spec/models.js';
import type { Clock } from './clock.js';
import { rateLimitResetAt } from './retry-policy.js';

/**
 * Remembers a vendor's `X-RateLimit-Remaining: 0` so the next request waits for the window to
 * reset instead of spending a call on a certain 429.
 */
export class RateLimitGate {
  #blockedUntil = 0;

  constructor(private readonly clock: Clock) {}

  observe(headers: Headers): void {
    const remaining = headers.get('x-ratelimit-remaining')?.trim();
    const resetAt = rateLimitResetAt(headers.get('x-ratelimit-reset'), this.clock.now());
    if (remaining === '0' && resetAt !== undefined) {
      this.#blockedUntil = Math.max(this.#blockedUntil, resetAt);
    } else if (remaining !== undefined && remaining !== '0') {
      this.#blockedUntil = 0;
    }
  }

  /** Milliseconds to wait before sending, 0 when free to go. */
  waitMs(): number {
    return Math.max(0, this.#blockedUntil - this.clock.now());
  }

  /**
   * Waits (on the clock) until the window resets, or fails fast with RATE_LIMITED when the reset
   * is further away than the caller accepts or than its deadline allows.
   */
  async admit(options: {
    signal: AbortSignal; deadline: number; maxWaitMs: number; provider: ProviderName;
    attempts: number; possiblySent: boolean;
  }): Promise<void> {
    const waitMs = this.waitMs();
    if (waitMs === 0) return;
    if (waitMs > options.maxWaitMs || waitMs >= options.deadline - this.clock.now()) {
      const error = new CollectionError({
        code: 'RATE_LIMITED',
        provider: options.provider,
        message: `rate limit exhausted; the window resets in ${Math.ceil(waitMs / 1000)} s (this attempt was not sent)`,
        retryAfterMs: waitMs,
        retryable: true,
        attempts: options.attempts,
      });
      // Only "not sent" when no earlier attempt of this call may have reached the server.
      throw options.possiblySent ? error : markNotSent(error);
    }
    await this.clock.sleep(waitMs, options.signal);
  }
}
