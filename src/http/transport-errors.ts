/**
 * Recognizes what went wrong below HTTP. Errors from Node's fetch can come from another realm
 * (Jest VM contexts), so they are recognized by shape, never by `instanceof`.
 */

export type TransportFailureKind = 'timeout' | 'network' | 'aborted' | 'other';

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  message?: unknown;
}

function asErrorLike(value: unknown): ErrorLike | undefined {
  return typeof value === 'object' && value !== null ? (value as ErrorLike) : undefined;
}

/**
 * Node's fetch (undici) refuses a port on the Fetch standard's blocked list ("bad ports": 6000,
 * 6667, …) before connecting, with a plain `Error('bad port')` that has no code. It gets this
 * one, so the retry policy sees a request that was never sent and would fail the same way again.
 */
export const FETCH_BLOCKED_PORT = 'FETCH_BLOCKED_PORT';

/**
 * The first system error code (ECONNREFUSED, ECONNRESET, UND_ERR_SOCKET, …) in the cause chain,
 * or FETCH_BLOCKED_PORT.
 */
export function findSystemErrorCode(error: unknown): string | undefined {
  let current = asErrorLike(error);
  for (let depth = 0; current && depth < 8; depth += 1) {
    if (typeof current.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(current.code)) return current.code;
    if (current.message === 'bad port') return FETCH_BLOCKED_PORT;
    current = asErrorLike(current.cause);
  }
  return undefined;
}

export function classifyTransportError(error: unknown): TransportFailureKind {
  const name = asErrorLike(error)?.name;
  if (name === 'TimeoutError') return 'timeout';
  if (name === 'AbortError') return 'aborted';
  if (name === 'NetworkError') return 'network';
  // Node's fetch reports socket failures as `TypeError: fetch failed` with a system cause.
  if (name === 'TypeError' && findSystemErrorCode(error) !== undefined) return 'network';
  if (name === 'TypeError' && asErrorLike(error)?.message === 'fetch failed') return 'network';
  return 'other';
}

/** A credential-free stand-in for a transport error, safe to attach as `cause`. */
export function sanitizedCause(error: unknown, redact: (text: string) => string): Error {
  const like = asErrorLike(error);
  const name = typeof like?.name === 'string' ? like.name : 'Error';
  const code = findSystemErrorCode(error);
  const message = typeof like?.message === 'string' ? like.message : String(error);
  // ky's messages name the full URL; the path holds ids, never credentials, but redact anyway.
  const cause = new Error(redact(code ? `${message} (${code})` : message));
  cause.name = name;
  // The stack of a sanitized stand-in would only point here; leave it short and honest.
  cause.stack = `${cause.name}: ${cause.message}`;
  return cause;
}
