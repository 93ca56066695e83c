import { CollectionError, markNotSent } from '../errors.js';
import type { Redactor } from './redact.js';

// Keys and JWTs are visible ASCII. Anything else would make fetch throw a TypeError that quotes
// the header value, or be trimmed by fetch so the server sees (and may echo) a form we never
// registered for redaction: both are refused up front.
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/**
 * Cleans a credential before first use: surrounding whitespace (a key read from a file ends in
 * a newline) is trimmed, the value must be header-safe, and every form that can go on the wire
 * is registered with the redactor. Messages never quote the value.
 */
export function acceptCredential(
  provider: string, value: string, origin: string, redactor: Redactor, options: { stripBearer?: boolean } = {},
): string {
  const trimmed = value.trim();
  const credential = options.stripBearer ? trimmed.replace(/^bearer\s+/i, '') : trimmed;
  const refuse = (message: string) => markNotSent(new CollectionError({ code: 'CONFIG', provider, message, retryable: false }));
  if (credential === '') throw refuse(`${origin} is empty`);
  if (!HEADER_SAFE.test(credential)) {
    throw refuse(`${origin} contains whitespace or characters not allowed in an HTTP header (the value is not shown)`);
  }
  redactor.add(value);
  redactor.add(credential);
  return credential;
}
