import { resolveCredential } from '../../config/parse-config.js';
import { CollectionError, markNotSent } from '../../errors.js';
import type { Redactor } from '../../http/redact.js';
import type { VerifikTokenSource } from './verifik-config.js';

const PROVIDER = 'verifik';

/** Called by the http client before every attempt, so a rotated token is used on retries too. */
export type VerifikAuthHeaders = () => Promise<Record<string, string>>;

// A JWT is base64url segments and dots. Anything outside visible ASCII would make fetch throw a
// TypeError that quotes the header value, i.e. the token, so it is refused before that.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

function configError(message: string): CollectionError {
  return markNotSent(new CollectionError({ code: 'CONFIG', provider: PROVIDER, message, retryable: false }));
}

/**
 * Accepts the token with or without a `Bearer ` prefix (the docs show both styles), registers
 * every form we send with the redactor, and returns it bare. Messages never quote the value.
 */
function acceptToken(value: string, redactor: Redactor, origin: string): string {
  const token = value.trim().replace(/^bearer\s+/i, '');
  if (token === '') throw configError(`${origin} is empty; a Verifik token (JWT) is required`);
  if (!HEADER_SAFE.test(token)) {
    throw configError(`${origin} contains whitespace or characters not allowed in an HTTP header (the value is not shown)`);
  }
  redactor.add(value);
  redactor.add(token);
  redactor.add(`Bearer ${token}`);
  return token;
}

async function callTokenFunction(source: () => string | Promise<string>, redactor: Redactor): Promise<string> {
  let value: unknown;
  try {
    value = await source();
  } catch {
    // The function's own error is dropped on purpose: it may quote the token it failed to refresh.
    throw markNotSent(new CollectionError({
      code: 'UNAUTHORIZED',
      provider: PROVIDER,
      message: 'the Verifik token function threw, so no token was available and no request was sent',
      retryable: false,
    }));
  }
  if (typeof value !== 'string') {
    throw configError(`the Verifik token function returned ${value === null ? 'null' : typeof value} instead of a string; no request was sent`);
  }
  return acceptToken(value, redactor, 'the token returned by the Verifik token function');
}

/**
 * Token resolution. A string (or VERIFIK_TOKEN when `token` is absent) is checked once, now, so
 * a missing token fails at client creation; a function is called before every attempt.
 * The token lives only in this closure, never on an object that util.inspect could show.
 */
export function createVerifikAuth(source: VerifikTokenSource | undefined, redactor: Redactor): VerifikAuthHeaders {
  if (typeof source === 'function') {
    return async () => ({ authorization: `Bearer ${await callTokenFunction(source, redactor)}` });
  }
  const origin = source === undefined ? 'the VERIFIK_TOKEN environment variable' : 'config.token';
  const token = acceptToken(resolveCredential(PROVIDER, source, 'token', 'VERIFIK_TOKEN'), redactor, origin);
  return async () => ({ authorization: `Bearer ${token}` });
}
