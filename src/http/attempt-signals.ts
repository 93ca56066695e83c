/**
 * The signals of one call, built without AbortSignal.any (which, on Node 22, keeps a reference
 * from the caller's signal to every signal derived from it: a long-lived signal shared across
 * calls would grow with each call).
 *
 * - The call signal fires when the caller aborts or the operation deadline passes.
 * - Each attempt gets its own signal, which also fires when the attempt's time is up; only that
 *   attempt ends, and the call may go on with the next one.
 * Listeners are removed and timers cleared as soon as they are no longer needed.
 */

/** Why an attempt's signal fired when its own time ran out (read as a timeout, retryable). */
export class AttemptTimeout extends Error {
  override readonly name = 'TimeoutError';
  constructor() {
    super('the attempt timed out');
  }
}

/** Why the call's signal fired when the operation deadline passed. */
export class OperationDeadline extends Error {
  constructor() {
    super('the operation deadline passed');
  }
}

/** Timers may fire this much apart when due at the same instant. */
const DEADLINE_SLACK_MS = 5;

export class CallSignals {
  readonly #call = new AbortController();
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.#call.abort(this.#caller?.reason);
  #deadlineTimer: ReturnType<typeof setTimeout> | undefined;
  /** Budget left when the deadline timer last started, and when that was. */
  #budgetMs: number;
  #startedAt = 0;

  constructor(caller: AbortSignal | undefined, budgetMs: number) {
    this.#caller = caller;
    this.#budgetMs = budgetMs;
    caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.#startDeadline();
  }

  #startDeadline(): void {
    this.#startedAt = Date.now();
    this.#deadlineTimer = setTimeout(() => this.#call.abort(new OperationDeadline()), Math.max(1, this.#budgetMs));
  }

  /**
   * Runs `wait` with the operation deadline stopped (a wait for the rate-limit window the
   * caller chose to sit out); the caller's abort still ends it at once.
   */
  async withDeadlinePaused(wait: () => Promise<void>): Promise<void> {
    clearTimeout(this.#deadlineTimer);
    this.#budgetMs -= Date.now() - this.#startedAt;
    try {
      await wait();
    } finally {
      if (!this.#call.signal.aborted) this.#startDeadline();
    }
  }

  get signal(): AbortSignal {
    return this.#call.signal;
  }

  /**
   * The operation deadline has passed: its timer fired, or an attempt whose time was cut to
   * what was left of the operation timed out just before that timer (two timers due at the
   * same instant fire in either order).
   */
  get deadlineHit(): boolean {
    if (this.#call.signal.reason instanceof OperationDeadline) return true;
    return !this.#call.signal.aborted && Date.now() - this.#startedAt >= this.#budgetMs - DEADLINE_SLACK_MS;
  }

  /** A signal for one attempt that fires with the call's, or with AttemptTimeout after `timeoutMs`. */
  attempt(timeoutMs: number): { signal: AbortSignal; end: () => void } {
    const controller = new AbortController();
    const onCall = () => controller.abort(this.#call.signal.reason);
    if (this.#call.signal.aborted) onCall();
    else this.#call.signal.addEventListener('abort', onCall, { once: true });
    const timer = setTimeout(() => controller.abort(new AttemptTimeout()), Math.max(1, timeoutMs));
    return {
      signal: controller.signal,
      end: () => {
        clearTimeout(timer);
        this.#call.signal.removeEventListener('abort', onCall);
      },
    };
  }

  dispose(): void {
    clearTimeout(this.#deadlineTimer);
    this.#caller?.removeEventListener('abort', this.#onCallerAbort);
  }
}
