import ky, { type KyInstance } from 'ky';
import { CollectionError, markMaybeApplied } from '../errors.js';
import { abortable } from './abortable.js';
import { CallSignals } from './attempt-signals.js';
import {
  type CallState, earlierAttemptMayHaveApplied, mayHaveApplied, newCallState, noteTransportFailure, possiblySent,
} from './call-state.js';
import type { ProviderName } from '../spec/models.js';
import type { QuotaDefaults, QuotaSnapshot, QuotaStore } from '../spec/quota.js';
import type { Clock } from './clock.js';
import { keepAliveFetch } from './keep-alive-fetch.js';
import type { RequestEvent } from '../spec/telemetry.js';
import { requestChannel, traced } from '../telemetry/channels.js';
import type { LevelledLogger } from '../telemetry/logger.js';
import { VERSION } from '../version.js';
import { failureToError, finalResult, mapErrorResponse, type OutcomeContext } from './http-outcome.js';
import { QuotaScheduler } from './quota-scheduler.js';
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
  /** Debug lines per attempt, info per retry; absent = silent. */
  logger?: LevelledLogger | undefined;
  /** Where request slots are reserved, under which key, with what the config says of the window. */
  quota: { store: QuotaStore; key: string; defaults: QuotaDefaults; probeFirst?: boolean };
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
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    ...(error.cause !== undefined ? { cause: error.cause } : {}),
  });
}

/** The fields of a request's log line: what the tracing event says, plus its time. */
function requestLogFields(event: RequestEvent, started: number): Record<string, unknown> {
  return {
    provider: event.provider, attempt: event.attempt, status: event.status, requestId: event.requestId,
    errorType: event.errorType, ms: Math.round(performance.now() - started),
  };
}

/** The vendor's id for an answered request: `X-Request-Id`, else the body's `request_id` (Wickson). */
function requestIdOf(headers: Headers, raw: unknown, redactor: Redactor): string | undefined {
  const header = headers.get('x-request-id');
  const body = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : undefined;
  const fromBody = typeof body?.request_id === 'string' ? body.request_id : typeof body?.requestId === 'string' ? body.requestId : undefined;
  const id = header || fromBody;
  return id ? redactor.redact(id).slice(0, 200) : undefined;
}

/** The next step after an attempt: retry after a wait, or finish with this response and body. */
type AttemptOutcome =
  | { retryAfterMs: number }
  | { response: Response; body: string };

/** The operation deadline (ms on the clock), moved later by waits for quota the caller sits out. */
interface Deadline {
  at: number;
}

/** 429s a call that waits for quota sits out before giving up (each waits for its window). */
const MAX_QUOTA_REQUEUES = 10;

/**
 * The only place that knows ky. One logical operation is a plain loop: send an attempt, decide
 * (with the pure functions of retry-policy.ts) whether to wait and retry, and finish with a
 * validated body or a CollectionError built from allow-listed fields. ky is configured once per
 * client with its own retries, hooks and timeout off, so an attempt is exactly one fetch.
 */
export class HttpClient {
  readonly #settings: HttpClientSettings;
  readonly #quota: QuotaScheduler;
  readonly #budget = new RetryBudget();
  readonly #ky: KyInstance;

  constructor(settings: HttpClientSettings) {
    this.#settings = settings;
    this.#quota = new QuotaScheduler({
      ...settings.quota, clock: settings.clock, provider: settings.provider, leaseMs: settings.attemptTimeoutMs + 5_000,
    });
    this.#ky = ky.create({
      headers: { accept: 'application/json', 'user-agent': `unified-collections/${VERSION}`, ...settings.defaultHeaders },
      throwHttpErrors: false,
      retry: 0,
      timeout: false,
      // Following a redirect could carry credentials to another origin: never follow one.
      redirect: 'manual',
      // An app's own fetch is used as given; ours keeps connections alive across batch deletes.
      fetch: settings.fetch ?? keepAliveFetch,
    });
  }

  get provider(): ProviderName {
    return this.#settings.provider;
  }

  /** The window of this client's quota, as its store knows it (no request). */
  quotaStatus(): Promise<QuotaSnapshot | undefined> {
    return this.#quota.snapshot();
  }

  async request<T>(spec: RequestSpec<T>): Promise<HttpResult<T>> {
    const { clock } = this.#settings;
    const budgetMs = spec.timeoutMs ?? this.#settings.operationTimeoutMs;
    const deadline: Deadline = { at: clock.now() + budgetMs };
    const signals = new CallSignals(spec.signal, budgetMs);
    const state = newCallState();
    const url = new URL(spec.path, this.#settings.baseUrl);
    if (spec.query) url.search = spec.query.toString();
    try {
      if (spec.signal?.aborted) throw spec.signal.reason;
      for (;;) {
        let outcome: AttemptOutcome;
        try {
          outcome = await this.#attempt(spec, url, signals, state, deadline);
        } finally {
          // However it ended, its answer (if any) is recorded: its slot's lease ends, and
          // requests held behind a first one go.
          if (state.lease !== undefined) this.#quota.release(state.lease, state.answeredResetAt);
          delete state.lease;
          delete state.answeredResetAt;
          this.#quota.attemptEnded();
        }
        if ('retryAfterMs' in outcome) {
          if (outcome.retryAfterMs > 0) {
            this.#settings.logger?.log('info', `retrying ${spec.method} ${spec.path} in ${outcome.retryAfterMs} ms`, {
              provider: this.provider, attempt: state.attempts + 1, status: state.status,
            });
          }
          await clock.sleep(outcome.retryAfterMs, signals.signal);
          continue;
        }
        if (outcome.response.ok) this.#budget.onSuccess();
        const result = finalResult(outcome.response, outcome.body, spec, this.#outcomeContext(state), state.retryAfterMs);
        spec.trace?.record({ attempts: state.attempts, requestId: requestIdOf(outcome.response.headers, result.raw, this.#settings.redactor) });
        return { ...result, earlierAttemptMayHaveApplied: earlierAttemptMayHaveApplied(state) };
      }
    } catch (error) {
      noteTransportFailure(error, state);
      spec.trace?.record({ attempts: state.attempts });
      const failure = failureToError(error, spec as RequestSpec<unknown>, {
        ...this.#outcomeContext(state),
        callerAborted: spec.signal?.aborted ?? false,
        deadlineHit: signals.deadlineHit,
        budgetMs,
        possiblySent: possiblySent(state),
        ...(state.status !== undefined ? { status: state.status } : {}),
        host: url.host,
      });
      // A failed read changed nothing, whatever happened to its attempts.
      if (spec.operation === 'read' || !mayHaveApplied(state)) throw failure;
      throw markMaybeApplied(spec.operation === 'non-idempotent-write' ? outcomeUnknown(failure) : failure);
    } finally {
      signals.dispose();
    }
  }

  /** One attempt: wait for the rate-limit window, send, read the body, decide what comes next. */
  async #attempt<T>(spec: RequestSpec<T>, url: URL, signals: CallSignals, state: CallState, deadline: Deadline): Promise<AttemptOutcome> {
    const { clock } = this.#settings;
    state.lease = await this.#quota.admit({
      signal: signals.signal, remainingMs: deadline.at - clock.now(), maxWaitMs: this.#settings.maxServerWaitMs,
      wait: spec.quota?.wait ?? false, onWait: spec.quota?.onWait, attempts: state.attempts, possiblySent: possiblySent(state),
    }, async (wait) => {
      // The deadline stands still while the caller sits out a window it chose to wait for.
      const from = clock.now();
      await signals.withDeadlinePaused(wait);
      deadline.at += clock.now() - from;
    });
    const headers = await abortable(this.#settings.authHeaders(), signals.signal);
    state.attempts += 1;
    delete state.status;
    const attempt = signals.attempt(Math.min(this.#settings.attemptTimeoutMs, deadline.at - clock.now()));
    try {
      let response: Response;
      try {
        response = await this.#send(spec, url, headers, attempt.signal, state.attempts);
      } catch (error) {
        noteTransportFailure(error, state);
        const kind = classifyTransportError(error);
        const delayMs = kind === 'network' || kind === 'timeout'
          ? this.#transportRetryDelay(spec, kind, findSystemErrorCode(error), signals.signal, state, deadline.at) : undefined;
        if (delayMs === undefined) throw error;
        return { retryAfterMs: delayMs };
      }
      return await this.#afterResponse(response, spec, attempt.signal, signals.signal, state, deadline);
    } finally {
      attempt.end();
    }
  }

  /**
   * Sends one attempt. When someone listens on the request tracing channel or logs at debug
   * level, it is published and logged: method, redacted URL, attempt, status, request id; never
   * a header or a body.
   */
  async #send(spec: RequestSpec<unknown>, url: URL, headers: Record<string, string>, signal: AbortSignal, attempt: number): Promise<Response> {
    const send = () => this.#ky(url, { method: spec.method, json: spec.json, headers, signal });
    const { logger, redactor } = this.#settings;
    const logging = logger?.enabled('debug') === true;
    if (!requestChannel.hasSubscribers && !logging) return send();
    const event: RequestEvent = {
      provider: this.provider,
      method: spec.method,
      url: redactor.redact(url.href),
      serverAddress: url.hostname,
      ...(url.port !== '' ? { serverPort: Number(url.port) } : {}),
      attempt,
      ...(spec.trace !== undefined ? { operationEvent: spec.trace.event } : {}),
    };
    const started = performance.now();
    try {
      const response = await traced(requestChannel, event, async () => {
        const answer = await send();
        event.status = answer.status;
        const requestId = answer.headers.get('x-request-id');
        if (requestId) event.requestId = redactor.redact(requestId).slice(0, 200);
        if (answer.status >= 400) event.errorType = String(answer.status);
        return answer;
      });
      if (logging) logger!.log('debug', `${spec.method} ${event.url} -> ${response.status}`, requestLogFields(event, started));
      return response;
    } catch (error) {
      event.errorType = classifyTransportError(error) ?? 'error';
      if (logging) logger!.log('debug', `${spec.method} ${event.url} failed (${event.errorType})`, requestLogFields(event, started));
      throw error;
    }
  }

  /** Decides a status retry, or reads the final body within this attempt (retrying a broken one). */
  async #afterResponse<T>(
    response: Response, spec: RequestSpec<T>, attemptSignal: AbortSignal, callSignal: AbortSignal,
    state: CallState, deadline: Deadline,
  ): Promise<AttemptOutcome> {
    state.status = response.status;
    if (response.status >= 400 && response.status < 500) state.refused.add(state.attempts);
    if (response.status !== 429) state.answeredResetAt = await this.#quota.observe(response.headers, response.status, undefined);
    if (!response.ok) {
      let text: string | undefined;
      if (isRetryableStatus(response.status, spec.operation)) {
        let vendorHintMs: number | undefined;
        if (response.status === 429 && !response.headers.has('retry-after')) {
          // Wickson puts the reset time in the 429 body; read it only when it is needed.
          text = await this.#readErrorBody(response, attemptSignal);
          vendorHintMs = mapErrorResponse(response.status, response.headers, text, this.#outcomeContext(state)).retryAfterMs;
        }
        if (response.status === 429) {
          const now = this.#settings.clock.now();
          state.answeredResetAt = await this.#quota.observe(response.headers, 429, serverRequestedDelay(response.headers, now, 429, vendorHintMs));
          // A call that waits for quota sits the window out (the next admission waits for it)
          // instead of spending its retries: a 429 proves the request was not carried out.
          const resetKnown = serverRequestedDelay(response.headers, now, 429, vendorHintMs) !== undefined;
          if (spec.quota?.wait && resetKnown && state.quotaRequeues < MAX_QUOTA_REQUEUES) {
            state.quotaRequeues += 1;
            if (text === undefined) response.body?.cancel().catch(() => undefined);
            return { retryAfterMs: 0 };
          }
        }
        const delayMs = this.#statusRetryDelay(response, spec, state, deadline.at, vendorHintMs);
        if (delayMs !== undefined) {
          if (text === undefined) response.body?.cancel().catch(() => undefined);
          return { retryAfterMs: delayMs };
        }
      }
      return { response, body: text ?? await this.#readErrorBody(response, attemptSignal) };
    }
    try {
      const body = await readBodyText(response, { maxBytes: this.#settings.maxResponseBytes, signal: attemptSignal, strictUtf8: true });
      // undici returns the socket to its pool just after the body ends; letting that happen
      // before the next request goes out keeps a batch on `concurrency` connections (without
      // this turn the next chunk often opens a spare one). Only writes come in such batches:
      // a read, often a single call, does not pay the turn.
      if (spec.method !== 'GET') await new Promise((resolve) => setImmediate(resolve));
      return { response, body };
    } catch (error) {
      // A stalled or broken 2xx body is a transport failure of this attempt, retried like one.
      if (error instanceof BodyReadFailure && (error.kind === 'timeout' || error.kind === 'network')) {
        const delayMs = this.#transportRetryDelay(spec, error.kind, undefined, callSignal, state, deadline.at);
        if (delayMs !== undefined) return { retryAfterMs: delayMs };
      }
      throw error;
    }
  }

  #outcomeContext(state: CallState): OutcomeContext {
    const { provider, redactor, mapError, maxResponseBytes, attemptTimeoutMs, clock } = this.#settings;
    return { provider, redactor, mapError, maxResponseBytes, attemptTimeoutMs, now: clock.now(), attempts: state.attempts };
  }

  /** An error body only describes a status we already have: if it cannot be read, map without it. */
  async #readErrorBody(response: Response, signal: AbortSignal): Promise<string> {
    try {
      return await readBodyText(response, { maxBytes: this.#settings.maxResponseBytes, signal, strictUtf8: false });
    } catch (error) {
      if (error instanceof BodyReadFailure && error.kind === 'aborted') throw error;
      return '';
    }
  }

  /** The wait before retrying a transport failure, or undefined to stop and report it. */
  #transportRetryDelay<T>(
    spec: RequestSpec<T>, kind: 'network' | 'timeout', systemCode: string | undefined,
    callSignal: AbortSignal, state: CallState, deadline: number,
  ): number | undefined {
    if (callSignal.aborted || state.attempts > this.#settings.maxRetries) return undefined;
    if (!isRetryableTransportFailure(spec.operation, kind, systemCode)) return undefined;
    const delayMs = backoffDelay(state.attempts, this.#settings.backoff, this.#settings.random);
    if (delayMs >= deadline - this.#settings.clock.now() || !this.#budget.tryAcquire()) return undefined;
    return delayMs;
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
