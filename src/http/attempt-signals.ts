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

export class CallSignals {
  readonly #call = new AbortController();
  readonly #caller: AbortSignal | undefined;
  readonly #onCallerAbort = () => this.#call.abort(this.#caller?.reason);
  readonly #deadlineTimer: ReturnType<typeof setTimeout>;

  constructor(caller: AbortSignal | undefined, budgetMs: number) {
    this.#caller = caller;
    caller?.addEventListener('abort', this.#onCallerAbort, { once: true });
    this.#deadlineTimer = setTimeout(() => this.#call.abort(new OperationDeadline()), budgetMs);
  }

  get signal(): AbortSignal {
    return this.#call.signal;
  }

  get deadlineHit(): boolean {
    return this.#call.signal.reason instanceof OperationDeadline;
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
