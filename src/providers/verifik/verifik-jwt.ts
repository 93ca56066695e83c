/**
 * Reads a JWT's expiry without verifying it (the client cannot, and need not: the vendor does).
 * Only the numbers leave this module; nothing here throws or quotes the token.
 */

// A JWS in compact form: base64url header, payload and signature. A JWE (five segments) has an
// encrypted payload, so its expiry cannot be read: it is treated like any opaque token.
const COMPACT_JWS = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;

/** The largest time a Date can hold (ms): an `exp` beyond it is not a real expiry. */
const MAX_DATE_MS = 8.64e15;

function decodeSegment(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * When the token expires, in ms since the epoch, from its `exp` claim (seconds), or undefined
 * when it is not a JWT, its payload is not JSON, or `exp` is missing or not a usable number.
 * Such a token is used as it is and never renewed.
 */
export function jwtExpiresAt(token: string): number | undefined {
  const match = COMPACT_JWS.exec(token);
  if (match === null) return undefined;
  const header = decodeSegment(match[1]!);
  if (typeof header !== 'object' || header === null || Array.isArray(header)) return undefined;
  const payload = decodeSegment(match[2]!);
  if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) return undefined;
  const exp = (payload as { exp?: unknown }).exp;
  if (typeof exp !== 'number' || !Number.isFinite(exp) || exp <= 0) return undefined;
  const ms = Math.round(exp * 1000);
  return ms <= MAX_DATE_MS ? ms : undefined;
}
