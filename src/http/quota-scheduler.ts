import { CollectionError, markNotSent } from '../errors.js';
import type { ProviderName } from '../spec/models.js';
import type { QuotaDefaults, QuotaObservation, QuotaSnapshot, QuotaStore, QuotaWait } from '../spec/quota.js';
import { randomUUID } from 'node:crypto';
import { abortable } from './abortable.js';
import type { Clock } from './clock.js';
import { rateLimitResetAt } from './retry-policy.js';

export interface QuotaSchedulerSettings {
  store: QuotaStore;
  /** Opaque, credential-free key of the quota this client draws on. */
  key: string;
  defaults: QuotaDefaults;
  /** Send this client's first request alone: its answer reports the window (Wickson). */
  probeFirst?: boolean;
  /** How long a slot's lease lasts if its attempt never reports back (longer than an attempt). */
  leaseMs: number;
  clock: Clock;
  provider: ProviderName;
}

export interface AdmitOptions {
  /** The call's signal: fires on the caller's abort or the operation deadline. */
  signal: AbortSignal;
  /** ms left before the operation deadline. */
  remainingMs: number;
  /** Longest wait accepted before failing fast (ignored when `wait`). */
  maxWaitMs: number;
  /** Wait as long as the window needs; the caller pauses its deadline meanwhile. */
  wait: boolean;
  onWait?: ((wait: QuotaWait) => void) | undefined;
  attempts: number;
  /** Whether an earlier attempt of this call may have reached the server. */
  possiblySent: boolean;
}

/**
 * Reserves a slot in the quota store before every attempt, so once the window is known no
 * request goes out that the vendor would refuse, at any concurrency and across every client
 * sharing the store. Waits on the injected clock; fails fast with RATE_LIMITED (not sent) when
 * the window reopens later than the caller accepts, unless the call waits for quota.
 */
export class QuotaScheduler {
  readonly #settings: QuotaSchedulerSettings;
  /** While the first request is out alone: resolves when it has ended (answered or not). */
  #probe: { ended: Promise<void>; end: () => void } | undefined;
  #probed: boolean;

  constructor(settings: QuotaSchedulerSettings) {
    this.#settings = settings;
    this.#probed = settings.probeFirst !== true;
  }

  /** Called when an attempt has ended and its answer (if any) has been observed. */
  attemptEnded(): void {
    if (this.#probe === undefined) return;
    this.#probed = true;
    this.#probe.end();
    this.#probe = undefined;
  }

  /** Holds every request but the first until the first has ended. */
  async #afterProbe(signal: AbortSignal): Promise<void> {
    while (!this.#probed) {
      if (this.#probe === undefined) {
        let end!: () => void;
        const ended = new Promise<void>((resolve) => {
          end = resolve;
        });
        this.#probe = { ended, end };
        return;
      }
      await abortable(this.#probe.ended, signal);
    }
  }

  /**
   * Resolves once a slot is reserved. `holdDeadline` is called with each long wait while
   * waiting for quota, so the operation's deadline does not run during it.
   */
  async admit(options: AdmitOptions, holdDeadline: (wait: () => Promise<void>) => Promise<void>): Promise<string> {
    const { clock, store, key, defaults } = this.#settings;
    // Waiting behind the first request is a wait for the window too (it may take a while: the
    // first request of a process also loads the http stack).
    if (options.wait && !this.#probed) await holdDeadline(() => this.#afterProbe(options.signal));
    else await this.#afterProbe(options.signal);
    let told = false;
    for (;;) {
      const now = clock.now();
      const lease = { id: randomUUID(), expiresAt: now + this.#settings.leaseMs };
      const reservation = await this.#store('reserve', () => store.reserve(key, now, defaults, lease), options);
      if (reservation.granted) return lease.id;
      const waitMs = Math.max(1, reservation.retryAt - clock.now());
      if (!options.wait && (waitMs > options.maxWaitMs || waitMs >= options.remainingMs)) throw this.#exhausted(waitMs, options);
      if (!told && options.onWait !== undefined) {
        // Once per wait, not per poll: progress shows when the window reopens.
        told = true;
        const quota = await this.snapshot().catch(() => undefined);
        try {
          options.onWait({ until: reservation.retryAt, ...(quota ? { quota } : {}) });
        } catch {
          // A faulty listener must not fail the request it listens to.
        }
      }
      const sleep = () => clock.sleep(waitMs, options.signal);
      if (options.wait) await holdDeadline(sleep);
      else await sleep();
    }
  }

  /**
   * The attempt holding the lease has ended; its answer (if any) was observed first and named
   * the window ending at `answeredResetAt`.
   */
  release(leaseId: string, answeredResetAt: number | undefined): void {
    const now = this.#settings.clock.now();
    const landedBefore = answeredResetAt !== undefined && answeredResetAt <= now;
    // Nothing waits on it: a lease the store fails to drop lapses on its own.
    this.#settings.store.release?.(this.#settings.key, leaseId, now, landedBefore).catch(() => undefined);
  }

  /** Tells the store what an answer said about the window (headers, or a 429 body's reset). */
  /** Returns the end of the window the answer counted in, when it said. */
  async observe(headers: Headers, status: number, vendorRetryAfterMs: number | undefined): Promise<number | undefined> {
    const observation = observationOf(headers, status, vendorRetryAfterMs, this.#settings.clock.now());
    if (observation === undefined) return undefined;
    // An answer already arrived: a store that cannot record it must not turn it into a failure.
    await this.#settings.store.observe(this.#settings.key, observation, this.#settings.clock.now()).catch(() => undefined);
    return observation.resetAt;
  }

  snapshot(): Promise<QuotaSnapshot | undefined> {
    return this.#settings.store.snapshot(this.#settings.key, this.#settings.clock.now(), this.#settings.defaults);
  }

  /** A store that fails gives a clear, retryable error; the attempt was not sent. */
  async #store<T>(what: string, run: () => Promise<T>, options: AdmitOptions): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (options.signal.aborted) throw options.signal.reason;
      const detail = error instanceof CollectionError ? error.message : 'the store did not answer';
      // A store that refuses our configuration (Redis credentials refused) will refuse again:
      // CONFIG, not retryable; anything else is an outage that may pass.
      const misconfigured = error instanceof CollectionError && error.code === 'CONFIG';
      const failure = new CollectionError({
        code: misconfigured ? 'CONFIG' : 'NETWORK', provider: this.#settings.provider, retryable: !misconfigured,
        attempts: options.attempts,
        message: `the quota store could not ${what} a request slot (${detail}); this attempt was not sent`,
      });
      throw options.possiblySent ? failure : markNotSent(failure);
    }
  }

  #exhausted(waitMs: number, options: AdmitOptions): CollectionError {
    const error = new CollectionError({
      code: 'RATE_LIMITED',
      provider: this.#settings.provider,
      message: `rate limit exhausted; the window resets in ${Math.ceil(waitMs / 1000)} s (this attempt was not sent; pass waitForQuota to wait for it)`,
      retryAfterMs: waitMs,
      retryable: true,
      attempts: options.attempts,
    });
    // Only "not sent" when no earlier attempt of this call may have reached the server.
    return options.possiblySent ? error : markNotSent(error);
  }
}

function headerNumber(headers: Headers, name: string): number | undefined {
  const value = headers.get(name)?.trim();
  return value !== undefined && /^\d+$/.test(value) ? Number(value) : undefined;
}

/**
 * What an answer says about the window: `X-RateLimit-Limit/Remaining/Reset` (Wickson sends
 * them on every answer), or for a 429 without them, the reset its body named (remaining 0).
 */
export function observationOf(
  headers: Headers, status: number, vendorRetryAfterMs: number | undefined, now: number,
): QuotaObservation | undefined {
  const remaining = headerNumber(headers, 'x-ratelimit-remaining');
  const limit = headerNumber(headers, 'x-ratelimit-limit');
  const resetAt = rateLimitResetAt(headers.get('x-ratelimit-reset'), now);
  if (remaining !== undefined && resetAt !== undefined) {
    return { remaining: status === 429 ? 0 : remaining, resetAt, ...(limit !== undefined ? { limit } : {}) };
  }
  if (status === 429 && vendorRetryAfterMs !== undefined) {
    return { remaining: 0, resetAt: now + vendorRetryAfterMs, ...(limit !== undefined ? { limit } : {}) };
  }
  return undefined;
}
