import { resolveCredential } from '../../config/parse-config.js';
import { CollectionError, markNotSent } from '../../errors.js';
import { acceptCredential } from '../../http/credential.js';
import type { Redactor } from '../../http/redact.js';
import type { VerifikTokenSource } from './verifik-config.js';

const PROVIDER = 'verifik';

/** Called by the http client before every attempt, so a rotated token is used on retries too. */
export type VerifikAuthHeaders = () => Promise<Record<string, string>>;

/** Accepts the token with or without a `Bearer ` prefix (the docs show both styles), bare. */
function acceptToken(value: string, redactor: Redactor, origin: string): string {
  const token = acceptCredential(PROVIDER, value, origin, redactor, { stripBearer: true });
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
      message: 'the Verifik token function threw, so no token was available and this attempt was not sent',
      retryable: false,
    }));
  }
  if (typeof value !== 'string') {
    throw markNotSent(new CollectionError({
      code: 'CONFIG',
      provider: PROVIDER,
      message: `the Verifik token function returned ${value === null ? 'null' : typeof value} instead of a string; this attempt was not sent`,
      retryable: false,
    }));
  }
  // Every token is registered and kept: a replaced token stays valid for weeks, and a server
  // may still echo it after many rotations.
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
