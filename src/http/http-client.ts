import ky from 'ky';
import { CollectionError, isCollectionError, markNotSent } from '../errors.js';
import type { ProviderName } from '../spec/models.js';
import type { Clock } from './clock.js';
import { bodyExcerpt, parseJson } from './json-body.js';
import { RateLimitGate } from './rate-limit-gate.js';
import { BodyReadFailure, readBodyText } from './read-body.js';
import type { HttpResult, RequestSpec, VendorErrorMapper } from './request-spec.js';
import { RetryBudget } from './retry-budget.js';
import {
  type BackoffSettings, backoffDelay, decideStatusRetry, isRetryableStatus,
  isRetryableTransportFailure, provesNeverSent, serverRequestedDelay,
} from './retry-policy.js';
import type { Redactor } from './redact.js';
import { classifyTransportError, findSystemErrorCode, sanitizedCause } from './transport-errors.js';

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

/** Per-call bookkeeping shared by the ky hooks of one operation. */
interface CallState {
  attempts: number;
  attemptStartedAt: number;
  pendingDelayMs: number;
  retryAfterMs?: number;
  /** False while every attempt so far provably never reached the server. */
  possiblySent: boolean;
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
    const deadlineController = new AbortController();
    const deadlineTimer = setTimeout(() => deadlineController.abort(new OperationDeadline()), budgetMs);
    const signal = spec.signal ? AbortSignal.any([spec.signal, deadlineController.signal]) : deadlineController.signal;
    const state: CallState = { attempts: 0, attemptStartedAt: clock.now(), pendingDelayMs: 0, possiblySent: false };
    try {
      if (spec.signal?.aborted) throw spec.signal.reason;
      const response = await this.#send(spec, signal, state, deadline);
      return await this.#finish(response, spec, signal, state, deadline);
    } catch (error) {
      throw this.#toCollectionError(error, spec, state, deadlineController.signal, budgetMs);
    } finally {
      clearTimeout(deadlineTimer);
    }
  }

  async #send<T>(spec: RequestSpec<T>, signal: AbortSignal, state: CallState, deadline: number): Promise<Response> {
    const { clock, maxRetries } = this.#settings;
    const url = new URL(spec.path, this.#settings.baseUrl);
    if (spec.query) url.search = spec.query.toString();

    const startAttempt = async (request: Request) => {
      await this.#waitForRateLimit(signal, deadline);
      for (const [name, value] of Object.entries(await this.#settings.authHeaders())) request.headers.set(name, value);
      state.attempts += 1;
      state.attemptStartedAt = clock.now();
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
        shouldRetry: ({ error }) => this.#shouldRetryTransport(spec, error, signal, state, deadline),
      },
      hooks: {
        beforeRequest: [async ({ request }) => startAttempt(request)],
        beforeRetry: [async ({ request }) => {
          const wait = state.pendingDelayMs;
          state.pendingDelayMs = 0;
          await clock.sleep(wait, signal);
          await startAttempt(request);
        }],
        afterResponse: [async ({ response, retryCount }) => {
          state.possiblySent = true;
          this.#gate.observe(response.headers);
          if (response.ok || !isRetryableStatus(response.status, spec.operation)) return undefined;
          const delayMs = await this.#statusRetryDelay(response, spec, retryCount + 1, state, deadline, signal);
          if (delayMs === undefined) return undefined;
          state.pendingDelayMs = delayMs;
          return ky.retry({ delay: 0, code: `HTTP_${response.status}` });
        }],
      },
    });
  }

  #shouldRetryTransport<T>(
    spec: RequestSpec<T>, error: unknown, signal: AbortSignal, state: CallState, deadline: number,
  ): boolean {
    const kind = classifyTransportError(error);
    const systemCode = findSystemErrorCode(error);
    if (kind !== 'network' || !provesNeverSent(systemCode)) state.possiblySent = true;
    if (signal.aborted || (kind !== 'network' && kind !== 'timeout')) return false;
    if (!isRetryableTransportFailure(spec.operation, kind, systemCode)) return false;
    const delayMs = backoffDelay(state.attempts, this.#settings.backoff, this.#settings.random);
    if (delayMs >= deadline - this.#settings.clock.now() || !this.#budget.tryAcquire()) return false;
    state.pendingDelayMs = delayMs;
    return true;
  }

  /** The wait before retrying this status, or undefined to stop and report it. */
  async #statusRetryDelay<T>(
    response: Response, spec: RequestSpec<T>, retryNumber: number, state: CallState, deadline: number,
    signal: AbortSignal,
  ): Promise<number | undefined> {
    const { clock } = this.#settings;
    let vendorHintMs: number | undefined;
    if (response.status === 429 && !response.headers.has('retry-after')) {
      // Wickson puts the reset time in the 429 body; read it (bounded) only when needed.
      const text = await readBodyText(response, { timeoutMs: 2_000, maxBytes: 64 * 1024, signal }).catch(() => '');
      const parsed = parseJson(text);
      vendorHintMs = this.#settings.mapError(
        { status: response.status, body: parsed.ok ? parsed.value : undefined, headers: response.headers },
        clock.now(),
      ).retryAfterMs;
    }
    const now = clock.now();
    const serverDelayMs = serverRequestedDelay(response.headers, now, vendorHintMs);
    const decision = decideStatusRetry({
      status: response.status,
      operation: spec.operation,
      retryNumber,
      maxRetries: this.#settings.maxRetries,
      serverDelayMs,
      maxServerWaitMs: this.#settings.maxServerWaitMs,
      remainingMs: deadline - now,
      backoff: this.#settings.backoff,
      ...(this.#settings.random ? { random: this.#settings.random } : {}),
    });
    if (!decision.retry) {
      state.retryAfterMs = decision.retryAfterMs;
      return undefined;
    }
    if (!this.#budget.tryAcquire()) {
      state.retryAfterMs = serverDelayMs;
      return undefined;
    }
    return decision.delayMs;
  }

  async #waitForRateLimit(signal: AbortSignal, deadline: number): Promise<void> {
    const waitMs = this.#gate.waitMs();
    if (waitMs === 0) return;
    if (waitMs > this.#settings.maxServerWaitMs || waitMs >= deadline - this.#settings.clock.now()) {
      throw markNotSent(new CollectionError({
        code: 'RATE_LIMITED',
        provider: this.provider,
        message: `rate limit exhausted; the window resets in ${Math.ceil(waitMs / 1000)} s (request not sent)`,
        retryAfterMs: waitMs,
        retryable: true,
      }));
    }
    await this.#settings.clock.sleep(waitMs, signal);
  }

  async #finish<T>(
    response: Response, spec: RequestSpec<T>, signal: AbortSignal, state: CallState, deadline: number,
  ): Promise<HttpResult<T>> {
    const { clock, redactor } = this.#settings;
    const attemptDeadline = Math.min(state.attemptStartedAt + this.#settings.attemptTimeoutMs, deadline);
    const text = await readBodyText(response, {
      timeoutMs: attemptDeadline - clock.now(), maxBytes: this.#settings.maxResponseBytes, signal,
    });
    const base = { provider: this.provider, status: response.status, attempts: state.attempts };
    if (response.status >= 300 && response.status < 400) {
      throw new CollectionError({
        ...base,
        code: 'PROVIDER_ERROR',
        message: `${spec.method} ${spec.path} answered with a redirect (${response.status}); redirects are never followed so credentials stay with the configured origin`,
      });
    }
    const parsed = parseJson(text);
    if (!response.ok) {
      const mapped = this.#settings.mapError(
        { status: response.status, body: parsed.ok ? parsed.value : undefined, headers: response.headers },
        clock.now(),
      );
      const retryAfterMs = state.retryAfterMs ?? mapped.retryAfterMs
        ?? (response.status === 429 || response.status === 503
          ? serverRequestedDelay(response.headers, clock.now()) : undefined);
      throw new CollectionError({
        ...base,
        code: mapped.code,
        message: redactor.redact(mapped.message),
        ...(mapped.vendorCode !== undefined ? { vendorCode: redactor.redact(mapped.vendorCode) } : {}),
        ...(mapped.requestId !== undefined ? { requestId: redactor.redact(mapped.requestId) } : {}),
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
      });
    }
    this.#budget.onSuccess();
    const contentType = response.headers.get('content-type') ?? 'no content type';
    if (!parsed.ok) {
      throw new CollectionError({
        ...base,
        code: 'INVALID_RESPONSE',
        message: `${spec.method} ${spec.path}: expected JSON, got ${contentType}`
          + (text.trim() === '' ? ' with an empty body' : `: "${bodyExcerpt(text, (t) => redactor.redact(t))}"`),
      });
    }
    const validated = spec.schema.safeParse(parsed.value);
    if (!validated.success) {
      const issue = validated.error.issues[0];
      const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'body';
      throw new CollectionError({
        ...base,
        code: 'INVALID_RESPONSE',
        message: redactor.redact(`${spec.method} ${spec.path}: unexpected response shape at ${where}: ${issue?.message ?? 'invalid'}`),
      });
    }
    return { data: validated.data, raw: parsed.value, status: response.status, headers: response.headers, attempts: state.attempts };
  }

  #toCollectionError<T>(
    error: unknown, spec: RequestSpec<T>, state: CallState, deadlineSignal: AbortSignal, budgetMs: number,
  ): CollectionError {
    if (isCollectionError(error)) return error;
    const redact = (text: string) => this.#settings.redactor.redact(text);
    const what = `${spec.method} ${spec.path}`;
    const base = { provider: this.provider, attempts: state.attempts, cause: sanitizedCause(error, redact) };
    const notSentIf = (e: CollectionError) => (state.possiblySent ? e : markNotSent(e));
    if (spec.signal?.aborted) {
      return notSentIf(new CollectionError({ ...base, code: 'ABORTED', message: `${what} was aborted by the caller`, retryable: false }));
    }
    if (deadlineSignal.aborted) {
      return notSentIf(new CollectionError({ ...base, code: 'TIMEOUT', message: `${what} did not complete within the ${budgetMs} ms operation deadline` }));
    }
    if (error instanceof BodyReadFailure) {
      if (error.kind === 'too-large') {
        return new CollectionError({ ...base, code: 'INVALID_RESPONSE', message: `${what}: response body exceeds ${this.#settings.maxResponseBytes} bytes` });
      }
      if (error.kind === 'timeout') {
        return new CollectionError({ ...base, code: 'TIMEOUT', message: `${what}: response body not received within the ${this.#settings.attemptTimeoutMs} ms attempt timeout` });
      }
      return new CollectionError({ ...base, code: 'NETWORK', message: `${what}: connection failed while reading the response body` });
    }
    const kind = classifyTransportError(error);
    const systemCode = findSystemErrorCode(error);
    if (kind === 'timeout') {
      state.possiblySent = true;
      return new CollectionError({ ...base, code: 'TIMEOUT', message: `${what}: no response within the ${this.#settings.attemptTimeoutMs} ms attempt timeout` });
    }
    if (kind === 'network') {
      if (!provesNeverSent(systemCode)) state.possiblySent = true;
      return notSentIf(new CollectionError({ ...base, code: 'NETWORK', message: `${what}: network failure${systemCode ? ` (${systemCode})` : ''}` }));
    }
    return new CollectionError({ ...base, code: 'PROVIDER_ERROR', message: redact(`${what}: unexpected client failure: ${error instanceof Error ? error.message : String(error)}`), retryable: false });
  }
}
