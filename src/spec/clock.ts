/**
 * Every wait the library makes (retry backoff, Retry-After, rate-limit pauses) goes through a
 * Clock, so tests can inject a virtual one and assert the waits without sleeping.
 */
export interface Clock {
  /** The current time in ms since the epoch (as `Date.now()`). */
  now(): number;
  /** Resolves after `ms`, or rejects with `signal.reason` as soon as the signal aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}
