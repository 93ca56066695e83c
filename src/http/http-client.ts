import ky from 'ky';
import { CollectionError, markMaybeApplied } from '../errors.js';
import { abortable } from './abortable.js';
import {
  type CallState, earlierAttemptMayHaveApplied, mayHaveApplied, newCallState, noteTransportFailure, possiblySent,
} from './call-state.js';
import type { ProviderName } from '../spec/models.js';
import type { Clock } from './clock.js';
import { failureToError, finalResult, mapErrorResponse, type OutcomeContext } from './http-outcome.js';
import { RateLimitGate } from './rate-limit-gate.js';
import { BodyReadFailure, readBodyText } from './read-body.js';
import type { HttpResult, RequestSpec, VendorErrorMapper } from './request-spec.js';
import { RetryBudget } from './retry-budget.js';
import {
  type BackoffSettings, backoffDelay, decideStatusRetry, isRetryableStatus,
  isRetryableTransportFailure, serverRequestedDelay,
} from './retry-policy.js';
import type { Redactor } from './redact.js';
import { classifyTransportError, findSystemErrorCode } from './transport-errors.js';

export interface HttpClientSettings {
  provider: ProviderName;
  /** Origin the paths are resolved against. */
  baseUrl: string;
  /** Called before every attempt, so rotating tokens are picked up on retries. */
  authHeaders: () => Promise<Record<string, string>>;
  redactor: Redactor;
  mapError: VendorErrorMapper;
  attemptTimeoutMs: number;
  operationTimeoutMs: number;
  maxRetries: number;
  backoff: BackoffSettings;
  /** Longest server-requested wait honoured before failing fast with RATE_LIMITED. */
  maxServerWaitMs: number;
  maxResponseBytes: number;
  clock: Clock;
  fetch?: typeof globalThis.fetch;
  random?: () => number;
  defaultHeaders?: Record<string, string>;
}

/**
 * A create that may have reached the server must not be repeated blindly: the error says so and
 * is not retryable, so the caller checks (e.g. lists collections) before trying again.
 */
function outcomeUnknown(error: CollectionError): CollectionError {
  return new CollectionError({
    code: error.code,
    provider: error.provider,
    message: `${error.message}; it may have been carried out: check before retrying`,
    retryable: false,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.vendorCode !== undefined ? { vendorCode: error.vendorCode } : {}),
    ...(error.requestId !== undefined ? { requestId: error.requestId } : {}),
    ...(error.attempts !== undefined ? { attempts: error.attempts } : {}),
    ...(error.cause !== undefined ? { cause: error.cause } : {}),
  });
}

class OperationDeadline extends Error {}

/**
 * The only place that knows ky. It sends one logical operation (with its retries) and returns
 * a validated body, or throws a CollectionError built from allow-listed fields.
 */
export class HttpClient {
  readonly #settings: HttpClientSettings;
  readonly #gate: RateLimitGate;
  readonly #budget = new RetryBudget();

  constructor(settings: HttpClientSettings) {
    this.#settings = settings;
    this.#gate = new RateLimitGate(settings.clock);
  }

  get provider(): ProviderName {
    return this.#settings.provider;
  }

  async request<T>(spec: RequestSpec<T>): Promise<HttpResult<T>> {
    const { clock } = this.#settings;
    const budgetMs = spec.timeoutMs ?? this.#settings.operationTimeoutMs;
    const deadline = clock.now() + budgetMs;
    // One signal per call that fires on the caller's abort or the deadline. Not AbortSignal.any:
    // on Node 22 it keeps a reference from the caller's signal to every signal ever derived from
    // it, so a long-lived signal shared across calls would grow with each call. A listener that
    // is removed when the call ends leaves nothing behind.
    const controller = new AbortController();
    const deadlineTimer = setTimeout(() => controller.abort(new OperationDeadline()), budgetMs);
    const callerSignal = spec.signal;
    const onCallerAbort = () => controller.abort(callerSignal?.reason);
    callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
    const { signal } = controller;
    const state = newCallState();
    try {
      if (spec.signal?.aborted) throw spec.signal.reason;
      const response = await this.#send(spec, signal, state, deadline);
      // The hook read the body from its copy; this one would only hold buffered bytes.
      response.body?.cancel().catch(() => undefined);
      if (response.ok) this.#budget.onSuccess();
      return {
        ...finalResult(response, state.body ?? '', spec, this.#outcomeContext(state), state.retryAfterMs),
        earlierAttemptMayHaveApplied: earlierAttemptMayHaveApplied(state),
      };
    } catch (error) {
      noteTransportFailure(error, state);
      const failure = failureToError(error, spec as RequestSpec<unknown>, {
        ...this.#outcomeContext(state),
        callerAborted: spec.signal?.aborted ?? false,
        deadlineHit: signal.reason instanceof OperationDeadline,
        budgetMs,
        possiblySent: possiblySent(state),
        ...(state.status !== undefined ? { status: state.status } : {}),
      });
      // A failed read changed nothing, whatever happened to its attempts.
      if (spec.operation === 'read' || !mayHaveApplied(state)) throw failure;
      throw markMaybeApplied(spec.operation === 'non-idempotent-write' ? outcomeUnknown(failure) : failure);
    } finally {
      clearTimeout(deadlineTimer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    }
  }

  #outcomeContext(state: CallState): OutcomeContext {
    const { provider, redactor, mapError, maxResponseBytes, attemptTimeoutMs, clock } = this.#settings;
    return { provider, redactor, mapError, maxResponseBytes, attemptTimeoutMs, now: clock.now(), attempts: state.attempts };
  }

  async #send<T>(spec: RequestSpec<T>, signal: AbortSignal, state: CallState, deadline: number): Promise<Response> {
    const { clock, maxRetries } = this.#settings;
    const url = new URL(spec.path, this.#settings.baseUrl);
    if (spec.query) url.search = spec.query.toString();

    const startAttempt = async (request: Request) => {
      await this.#gate.admit({
        signal, deadline, maxWaitMs: this.#settings.maxServerWaitMs, provider: this.provider,
        attempts: state.attempts, possiblySent: possiblySent(state),
      });
      const headers = await abortable(this.#settings.authHeaders(), signal);
      for (const [name, value] of Object.entries(headers)) request.headers.set(name, value);
      state.attempts += 1;
      state.attemptStartedAt = performance.now();
      delete state.body;
      delete state.status;
    };

    return ky(url, {
      method: spec.method,
      json: spec.json,
      headers: { accept: 'application/json', ...this.#settings.defaultHeaders },
      signal,
      timeout: Math.max(1, Math.min(this.#settings.attemptTimeoutMs, deadline - clock.now())),
      throwHttpErrors: false,
      // Following a redirect could carry credentials to another origin: never follow one.
      redirect: 'manual',
      ...(this.#settings.fetch ? { fetch: this.#settings.fetch } : {}),
      retry: {
        limit: maxRetries,
        methods: ['get', 'post', 'put', 'delete'],
        // Status retries are decided in afterResponse, where the body and our clock are at hand.
        statusCodes: [],
        afterStatusCodes: [],
        // Waits happen in beforeRetry through the injectable clock, not in ky's own timer.
        delay: () => 0,
        shouldRetry: ({ error }) => {
          noteTransportFailure(error, state);
          const kind = classifyTransportError(error);
          if (kind !== 'network' && kind !== 'timeout') return false;
          return this.#mayRetryTransport(spec, kind, findSystemErrorCode(error), signal, state, deadline);
        },
      },
      hooks: {
        beforeRequest: [async ({ request }) => startAttempt(request)],
        beforeRetry: [async ({ request }) => {
          const wait = state.pendingDelayMs;
          state.pendingDelayMs = 0;
          await clock.sleep(wait, signal);
          await startAttempt(request);
        }],
        afterResponse: [async ({ response }) => this.#afterResponse(response, spec, signal, state, deadline)],
      },
    });
  }

  /** Decides a status retry, or reads the final body within this attempt (retrying a broken one). */
  async #afterResponse<T>(
    response: Response, spec: RequestSpec<T>, signal: AbortSignal, state: CallState, deadline: number,
  ) {
    this.#gate.observe(response.headers);
    state.status = response.status;
    if (response.status >= 400 && response.status < 500) state.refused.add(state.attempts);
    let text: string | undefined;
    if (!response.ok && isRetryableStatus(response.status, spec.operation)) {
      let vendorHintMs: number | undefined;
      if (response.status === 429 && !response.headers.has('retry-after')) {
        // Wickson puts the reset time in the 429 body; read it only when it is needed.
        text = await this.#readErrorBody(response, state, signal);
        vendorHintMs = mapErrorResponse(response.status, response.headers, text, this.#outcomeContext(state)).retryAfterMs;
      }
      const delayMs = this.#statusRetryDelay(response, spec, state, deadline, vendorHintMs);
      if (delayMs !== undefined) {
        state.pendingDelayMs = delayMs;
        return ky.retry({ delay: 0, code: `HTTP_${response.status}` });
      }
    }
    if (!response.ok) {
      state.body = text ?? await this.#readErrorBody(response, state, signal);
      return undefined;
    }
    try {
      state.body = await readBodyText(response, this.#bodyOptions(state, signal, true));
    } catch (error) {
      // A stalled or broken 2xx body is a transport failure of this attempt, retried like one.
      if (error instanceof BodyReadFailure && (error.kind === 'timeout' || error.kind === 'network')
        && this.#mayRetryTransport(spec, error.kind, undefined, signal, state, deadline)) {
        return ky.retry({ delay: 0, code: `BODY_${error.kind.toUpperCase()}` });
      }
      throw error;
    }
    return undefined;
  }

  #bodyOptions(state: CallState, signal: AbortSignal, strictUtf8: boolean) {
    const elapsed = performance.now() - state.attemptStartedAt;
    return { timeoutMs: this.#settings.attemptTimeoutMs - elapsed, maxBytes: this.#settings.maxResponseBytes, signal, strictUtf8 };
  }

  /** An error body only describes a status we already have: if it cannot be read, map without it. */
  async #readErrorBody(response: Response, state: CallState, signal: AbortSignal): Promise<string> {
    try {
      return await readBodyText(response, this.#bodyOptions(state, signal, false));
    } catch (error) {
      if (error instanceof BodyReadFailure && error.kind === 'aborted') throw error;
      return '';
    }
  }

  #mayRetryTransport<T>(
    spec: RequestSpec<T>, kind: 'network' | 'timeout', systemCode: string | undefined,
    signal: AbortSignal, state: CallState, deadline: number,
  ): boolean {
    // ky enforces the limit too, but a ky.retry() past it would surface as ky's own error.
    if (signal.aborted || state.attempts > this.#settings.maxRetries) return false;
    if (!isRetryableTransportFailure(spec.operation, kind, systemCode)) return false;
    const delayMs = backoffDelay(state.attempts, this.#settings.backoff, this.#settings.random);
    if (delayMs >= deadline - this.#settings.clock.now() || !this.#budget.tryAcquire()) return false;
    state.pendingDelayMs = delayMs;
    return true;
  }

  /** The wait before retrying this status, or undefined to stop and report it. */
  #statusRetryDelay<T>(
    response: Response, spec: RequestSpec<T>, state: CallState, deadline: number, vendorHintMs: number | undefined,
  ): number | undefined {
    const now = this.#settings.clock.now();
    const serverDelayMs = serverRequestedDelay(response.headers, now, response.status, vendorHintMs);
    const decision = decideStatusRetry({
      status: response.status,
      operation: spec.operation,
      retryNumber: state.attempts,
      maxRetries: this.#settings.maxRetries,
      serverDelayMs,
      maxServerWaitMs: this.#settings.maxServerWaitMs,
      remainingMs: deadline - now,
      backoff: this.#settings.backoff,
      ...(this.#settings.random ? { random: this.#settings.random } : {}),
    });
    if (!decision.retry) {
      if (decision.retryAfterMs !== undefined) state.retryAfterMs = decision.retryAfterMs;
      return undefined;
    }
    if (!this.#budget.tryAcquire()) {
      if (serverDelayMs !== undefined) state.retryAfterMs = serverDelayMs;
      return undefined;
    }
    return decision.delayMs;
  }
}
