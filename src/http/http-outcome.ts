import { CollectionError, isCollectionError, markNotSent } from '../errors.js';
import type { ProviderName } from '../spec/models.js';
import { bodyExcerpt, parseJson } from './json-body.js';
import { BodyReadFailure } from './read-body.js';
import type { Redactor } from './redact.js';
import type { HttpResult, RequestSpec, VendorErrorMapper } from './request-spec.js';
import { provesNeverSent, serverRequestedDelay } from './retry-policy.js';
import { FETCH_BLOCKED_PORT, classifyTransportError, findSystemErrorCode, sanitizedCause } from './transport-errors.js';

/**
 * What a call came to, once ky is done: the final response turned into a validated result, or
 * any failure turned into a CollectionError built from allow-listed fields only.
 */
export interface OutcomeContext {
  provider: ProviderName;
  redactor: Redactor;
  mapError: VendorErrorMapper;
  now: number;
  attempts: number;
  maxResponseBytes: number;
  attemptTimeoutMs: number;
}

/**
 * The error a non-2xx body maps to, through the vendor's mapper. The mapper only ever sees the
 * body redacted (on its decoded values): it shortens and quotes vendor text, and a key cut
 * short before redaction would no longer be recognized as the key.
 */
export function mapErrorResponse(status: number, headers: Headers, text: string, ctx: OutcomeContext) {
  const parsed = parseJson(text);
  const body = parsed.ok ? ctx.redactor.redactValue(parsed.value, text) : undefined;
  return ctx.mapError({ status, body, headers }, ctx.now);
}

/** Turns the final response (its body already read, as `text`) into a result, or throws. */
export function finalResult<T>(
  response: Response, text: string, spec: RequestSpec<T>, ctx: OutcomeContext, retryAfterMs: number | undefined,
): Omit<HttpResult<T>, 'earlierAttemptMayHaveApplied'> {
  const { redactor } = ctx;
  const what = `${spec.method} ${spec.path}`;
  const base = { provider: ctx.provider, status: response.status, attempts: ctx.attempts };
  if (response.status >= 300 && response.status < 400) {
    throw new CollectionError({
      ...base,
      code: 'PROVIDER_ERROR',
      message: `${what} answered with a redirect (${response.status}); redirects are never followed so credentials stay with the configured origin`,
    });
  }
  if (!response.ok) {
    const mapped = mapErrorResponse(response.status, response.headers, text, ctx);
    const wait = retryAfterMs ?? mapped.retryAfterMs
      ?? (response.status === 429 || response.status === 503 ? serverRequestedDelay(response.headers, ctx.now, response.status) : undefined);
    throw new CollectionError({
      ...base,
      code: mapped.code,
      message: redactor.redact(String(mapped.message)),
      ...(mapped.vendorCode !== undefined ? { vendorCode: redactor.redact(String(mapped.vendorCode)) } : {}),
      ...(mapped.requestId !== undefined ? { requestId: redactor.redact(String(mapped.requestId)) } : {}),
      ...(wait !== undefined ? { retryAfterMs: wait } : {}),
    });
  }
  const contentType = response.headers.get('content-type') ?? 'no content type';
  const parsed = parseJson(text);
  if (!parsed.ok) {
    // "No Content" is a valid answer where the operation's schema allows no data (a delete).
    if (text === '' && (response.status === 204 || response.status === 205)) {
      const empty = spec.schema.safeParse(undefined);
      if (empty.success) return { data: empty.data, raw: undefined, status: response.status, headers: response.headers, attempts: ctx.attempts };
    }
    throw new CollectionError({
      ...base,
      code: 'INVALID_RESPONSE',
      message: `${what}: expected JSON, got ${contentType}`
        + (text.trim() === '' ? ' with an empty body' : `: "${bodyExcerpt(text, (t) => redactor.redact(t))}"`),
    });
  }
  // A credential the answer carries is registered first, so the redaction below covers it too.
  spec.takeCredentials?.(parsed.value);
  // Before the schema parse, so neither `data`, `raw` nor a schema message can hold a key.
  const body = redactor.redactValue(parsed.value, text);
  const validated = spec.schema.safeParse(body);
  if (!validated.success) {
    const issue = validated.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : 'body';
    throw new CollectionError({
      ...base,
      code: 'INVALID_RESPONSE',
      message: redactor.redact(`${what}: unexpected response shape at ${where}: ${issue?.message ?? 'invalid'}`),
    });
  }
  return { data: validated.data, raw: body, status: response.status, headers: response.headers, attempts: ctx.attempts };
}

export interface FailureContext extends OutcomeContext {
  callerAborted: boolean;
  deadlineHit: boolean;
  budgetMs: number;
  /** False while every attempt so far provably never reached the server. */
  possiblySent: boolean;
  /** Status of the last response, reported only for failures while reading its body. */
  status?: number;
  /** `host:port` of the request, for network failures (never a path, query or credential). */
  host: string;
}

/** What a connection that never got through met, for the codes that prove it never did. */
const CONNECT_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host name lookup failed',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  UND_ERR_CONNECT_TIMEOUT: 'connect timeout',
};

/** A network failure naming the host, so a wrong base URL shows in the message. */
function networkFailure(what: string, code: string | undefined, host: string): string {
  if (code === FETCH_BLOCKED_PORT) {
    const port = /:(\d+)$/.exec(host)?.[1] ?? 'of the URL';
    return `${what}: fetch refuses to connect to ${host}: port ${port} is on its list of blocked ports ("bad port"), so nothing was sent; use another port`;
  }
  if (code !== undefined && provesNeverSent(code)) return `${what}: could not connect to ${host}: ${CONNECT_FAILURES[code] ?? 'failed'} (${code})`;
  return `${what}: network failure talking to ${host}${code ? ` (${code})` : ''}`;
}

/** Any failure of a call (ky, fetch, body, hooks, our own bugs) as a CollectionError. */
export function failureToError(error: unknown, spec: RequestSpec<unknown>, ctx: FailureContext): CollectionError {
  if (isCollectionError(error)) return error;
  const redact = (text: string) => ctx.redactor.redact(text);
  const what = `${spec.method} ${spec.path}`;
  const base = { provider: ctx.provider, attempts: ctx.attempts, cause: sanitizedCause(error, redact) };
  const notSentIf = (e: CollectionError) => (ctx.possiblySent ? e : markNotSent(e));
  if (ctx.callerAborted) {
    return notSentIf(new CollectionError({ ...base, code: 'ABORTED', message: `${what} was aborted by the caller`, retryable: false }));
  }
  if (ctx.deadlineHit) {
    return notSentIf(new CollectionError({ ...base, code: 'TIMEOUT', message: `${what} did not complete within the ${ctx.budgetMs} ms operation deadline` }));
  }
  if (error instanceof BodyReadFailure) {
    // The headers arrived, so the status is known: a broken 2xx body is not a refusal.
    const withStatus = { ...base, ...(ctx.status !== undefined ? { status: ctx.status } : {}) };
    if (error.kind === 'too-large') {
      return new CollectionError({ ...withStatus, code: 'INVALID_RESPONSE', message: `${what}: response body exceeds ${ctx.maxResponseBytes} bytes` });
    }
    if (error.kind === 'encoding') {
      return new CollectionError({ ...withStatus, code: 'INVALID_RESPONSE', message: `${what}: response body is not valid UTF-8` });
    }
    if (error.kind === 'timeout') {
      return new CollectionError({ ...withStatus, code: 'TIMEOUT', message: `${what}: response body not received within the ${ctx.attemptTimeoutMs} ms attempt timeout` });
    }
    return new CollectionError({ ...withStatus, code: 'NETWORK', message: `${what}: connection failed while reading the response body` });
  }
  const kind = classifyTransportError(error);
  const systemCode = findSystemErrorCode(error);
  if (kind === 'timeout') {
    return new CollectionError({ ...base, code: 'TIMEOUT', message: `${what}: no response within the ${ctx.attemptTimeoutMs} ms attempt timeout` });
  }
  if (kind === 'network') {
    return notSentIf(new CollectionError({
      ...base,
      code: 'NETWORK',
      message: networkFailure(what, systemCode, redact(ctx.host)),
      ...(systemCode === FETCH_BLOCKED_PORT ? { retryable: false } : {}),
    }));
  }
  return new CollectionError({
    ...base,
    code: 'PROVIDER_ERROR',
    message: `${what}: unexpected client failure: ${base.cause.message}`,
    retryable: false,
  });
}
