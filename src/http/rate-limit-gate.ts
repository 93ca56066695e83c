import type { Clock } from './clock.js';

/**
 * Remembers a vendor's `X-RateLimit-Remaining: 0` so the next request waits for the window to
 * reset instead of spending a call on a certain 429.
 */
export class RateLimitGate {
  #blockedUntil = 0;

  constructor(private readonly clock: Clock) {}

  observe(headers: Headers): void {
    const remaining = headers.get('x-ratelimit-remaining')?.trim();
    const reset = headers.get('x-ratelimit-reset')?.trim();
    if (remaining === '0' && reset && /^\d+$/.test(reset)) {
      this.#blockedUntil = Math.max(this.#blockedUntil, Number(reset) * 1000);
    } else if (remaining !== undefined && remaining !== '0') {
      this.#blockedUntil = 0;
    }
  }

  /** Milliseconds to wait before sending, 0 when free to go. */
  waitMs(): number {
    return Math.max(0, this.#blockedUntil - this.clock.now());
  }
}
