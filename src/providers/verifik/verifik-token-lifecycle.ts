import type { CollectionError } from '../../errors.js';
import { isCollectionError } from '../../errors.js';
import type { Clock } from '../../spec/clock.js';
import type { CredentialStatus } from '../../spec/credential.js';
import type { LevelledLogger } from '../../telemetry/logger.js';
import type { VerifikTokenRenewedCallback } from './verifik-config.js';
import { jwtExpiresAt } from './verifik-jwt.js';
import { expiredTokenError, type RenewVerifikToken } from './verifik-session.js';

const iso = (ms: number) => new Date(ms).toISOString();

/** Default `renewBeforeExpiryMs`: a day of a 30-day token, time enough for retries. */
export const DEFAULT_RENEW_BEFORE_EXPIRY_MS = 86_400_000;
/** After a failed renewal, the next one waits this long (less when the token runs out sooner). */
export const RENEWAL_RETRY_MS = 60_000;
const MIN_RENEWAL_RETRY_MS = 1_000;

export interface TokenLifecycleOptions {
  clock: Clock;
  /** Undefined: renewal is off (`renewToken: false`). */
  renew: RenewVerifikToken | undefined;
  renewBeforeExpiryMs: number;
  onTokenRenewed: VerifikTokenRenewedCallback | undefined;
  /** The client's logger: a renewal is logged at info, a failed one at warn (never a token). */
  logger?: LevelledLogger | undefined;
}

interface CurrentToken {
  token: string;
  /** ms since the epoch; undefined for a token without a readable `exp` (never renewed). */
  expiresAt: number | undefined;
  /** When a renewal becomes due; undefined when it never does. */
  renewAt: number | undefined;
}

interface Renewal {
  promise: Promise<void>;
  /** The first renewal of a token holds calls back, so they go out with the new one. */
  holdsCalls: boolean;
}

/**
 * The life of one string token (config.token or VERIFIK_TOKEN): its `exp` is read once, a
 * renewal starts once it is due, and a token past its `exp` is never sent.
 *
 * - One renewal in flight per client: every call that finds one running shares it.
 * - The first renewal of a token holds calls back until it settles (each call still bounded by
 *   its own deadline and signal), so after a renewal no call of this client sends the old token.
 * - A failed renewal is not the calls' failure: they go on with the old token, which is still
 *   valid, and a renewal is tried again `RENEWAL_RETRY_MS` later (sooner near `exp`) without
 *   holding calls back, so a renew endpoint that hangs cannot stall the client again and again.
 * - Once `exp` has passed, every call fails with UNAUTHORIZED before sending anything, saying
 *   when the token expired and why it was not renewed.
 *
 * The token lives only in private fields, which util.inspect cannot show.
 */
export class VerifikTokenLifecycle {
  readonly #options: TokenLifecycleOptions;
  #current: CurrentToken;
  #renewal: Renewal | undefined;
  /** Renewals of the current token that failed, and when the next may start. */
  #failures = 0;
  #nextTryAt = 0;
  #lastFailure: CollectionError | undefined;

  constructor(token: string, options: TokenLifecycleOptions) {
    this.#options = options;
    const expiresAt = jwtExpiresAt(token);
    // The first token's age is unknown: it is renewed once inside the margin, however new.
    const renewAt = options.renew === undefined || expiresAt === undefined
      ? undefined : expiresAt - options.renewBeforeExpiryMs;
    this.#current = { token, expiresAt, renewAt };
  }

  /**
   * The current token's expiry (the renewed one's, once a renewal has landed) and whether it is
   * renewed: only when renewal is on and its `exp` could be read (a token without one never is).
   * Read from private state: no request, and never the token.
   */
  status(): CredentialStatus {
    const { expiresAt } = this.#current;
    if (expiresAt === undefined) return { renews: false };
    return { expiresAt: new Date(expiresAt), renews: this.#options.renew !== undefined };
  }

  /** The token to send now, after the renewal that is due (see the class comment). */
  async token(): Promise<string> {
    for (;;) {
      const current = this.#current;
      const now = this.#options.clock.now();
      if (current.expiresAt !== undefined && now >= current.expiresAt) throw this.#expired(current.expiresAt);
      if (this.#renewal === undefined && current.expiresAt !== undefined && current.renewAt !== undefined
        && now >= current.renewAt && now >= this.#nextTryAt) {
        this.#renewal = this.#startRenewal(current.token, current.expiresAt);
      }
      const renewal = this.#renewal;
      if (renewal === undefined || !renewal.holdsCalls) return current.token;
      await renewal.promise;
    }
  }

  #startRenewal(token: string, expiresAt: number): Renewal {
    const holdsCalls = this.#failures === 0;
    const promise = this.#options.renew!(token, expiresAt).then(
      (renewed) => this.#adopt(renewed.token, renewed.expiresAt),
      (error: unknown) => this.#failed(expiresAt, error),
    ).finally(() => {
      this.#renewal = undefined;
    });
    return { promise, holdsCalls };
  }

  #adopt(token: string, expiresAt: number): void {
    const now = this.#options.clock.now();
    // A renewed token's life is known to start now: it is renewed no earlier than halfway, so a
    // vendor that issues short tokens costs a renewal per half-life, never one per call.
    const margin = Math.min(this.#options.renewBeforeExpiryMs, (expiresAt - now) / 2);
    this.#current = { token, expiresAt, renewAt: expiresAt - margin };
    this.#failures = 0;
    this.#nextTryAt = 0;
    this.#lastFailure = undefined;
    this.#options.logger?.log('info', `Verifik token renewed; the new one expires at ${iso(expiresAt)}`, {
      provider: 'verifik', expiresAt: iso(expiresAt),
    });
    const callback = this.#options.onTokenRenewed;
    if (callback === undefined) return;
    // Called before any request carries the token; not awaited, and what it throws is the app's.
    try {
      Promise.resolve(callback(token, { expiresAt: new Date(expiresAt) })).catch(() => undefined);
    } catch {
      // The renewal stands.
    }
  }

  #failed(expiresAt: number, error: unknown): void {
    this.#failures += 1;
    const now = this.#options.clock.now();
    // A renewal stopped by the expiry itself explains nothing more than the expiry does.
    this.#lastFailure = isCollectionError(error) && now < expiresAt ? error : undefined;
    const wait = Math.min(RENEWAL_RETRY_MS, Math.max(MIN_RENEWAL_RETRY_MS, (expiresAt - now) / 2));
    this.#nextTryAt = now + wait;
    const failure = this.#lastFailure;
    if (failure === undefined) return;
    // The message was built (and redacted) by the http layer.
    this.#options.logger?.log('warn', `Verifik token renewal failed (${failure.code}): ${failure.message}; the current token`
      + ` stays in use until it expires at ${iso(expiresAt)}, and renewal is tried again from ${iso(this.#nextTryAt)}`, {
      provider: 'verifik', code: failure.code, expiresAt: iso(expiresAt), nextAttemptAt: iso(this.#nextTryAt),
    });
  }

  #expired(expiresAt: number): CollectionError {
    if (this.#options.renew === undefined) return expiredTokenError(expiresAt, ' Renewal is off (renewToken: false).');
    const last = this.#lastFailure;
    if (last !== undefined) {
      // The message is already redacted (built by the http layer); it explains why.
      return expiredTokenError(expiresAt, ` The last renewal failed: ${last.message.replace(/\.$/, '')} (${last.code}).`);
    }
    return expiredTokenError(expiresAt, this.#failures > 0 ? ' Its renewal failed.' : '');
  }
}
