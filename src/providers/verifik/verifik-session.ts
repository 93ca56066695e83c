import { z } from 'zod';
import { CollectionError, markNotSent } from '../../errors.js';
import { createHttpClient } from '../../http/create-http-client.js';
import type { Redactor } from '../../http/redact.js';
import type { Clock } from '../../spec/clock.js';
import { VERIFIK_DEFAULT_BASE_URL, type VerifikConfig } from './verifik-config.js';
import { jwtExpiresAt } from './verifik-jwt.js';
import { mapVerifikError } from './verifik-mappers.js';

const PROVIDER = 'verifik';
/** vendor-apis.md §2.1. Never `POST /v2/auth/renew-and-revoke`: it logs out every other instance. */
export const VERIFIK_SESSION_PATH = '/v2/auth/session';
const HEADER_SAFE = /^[\x21-\x7e]+$/;

/** The renewal answer has no `data` wrapper. The token itself is read before redaction. */
const sessionSchema = z.object({ accessToken: z.string(), tokenType: z.string().optional() });

export interface RenewedToken {
  token: string;
  expiresAt: number;
}

/** Renews `token` (valid until `expiresAt`): one logical request, retries included. */
export type RenewVerifikToken = (token: string, expiresAt: number) => Promise<RenewedToken>;

/**
 * The error for a token past its `exp`: nothing is sent with it, not even to the renew endpoint.
 * `context` is a sentence on how it came to expire (e.g. the last renewal failure), or ''.
 */
export function expiredTokenError(expiresAt: number, context: string): CollectionError {
  return markNotSent(new CollectionError({
    code: 'UNAUTHORIZED',
    provider: PROVIDER,
    retryable: false,
    message: `the Verifik token expired at ${new Date(expiresAt).toISOString()}, so nothing was sent.${context}`
      + ' An expired token cannot be renewed: log in again for a new one (POST /v2/projects/email-login,'
      + ' then /v2/projects/email-login/confirm) and pass it as `token` or VERIFIK_TOKEN',
  }));
}

function invalidRenewal(reason: string): CollectionError {
  return new CollectionError({
    code: 'INVALID_RESPONSE', provider: PROVIDER, retryable: false,
    message: `GET ${VERIFIK_SESSION_PATH}: the renewed token ${reason} (the value is not shown)`,
  });
}

/**
 * The renew call, through its own http client: the same timeouts, retries (a read: a repeated
 * renewal only mints one more token) and redaction as every call, but not the resource calls'
 * quota. Renewal is one request a month that must not starve behind a full window while the
 * token runs out, nor take a slot from the calls it serves.
 *
 * The current token goes bare in `Authorization`, as the renew page documents it (resource
 * calls use `Bearer`). Before every attempt, retries included, the token's `exp` is checked:
 * an expired token is never sent. `expiresIn` is not sent, so the vendor's default lifetime
 * (30 days per its docs) applies.
 */
export function createVerifikRenewal(config: VerifikConfig, redactor: Redactor, clock: Clock): RenewVerifikToken {
  const { quota: _resourceQuota, ...withoutQuota } = config;
  // The token being renewed; one renewal is in flight per client at most (the lifecycle's rule).
  let renewing: { token: string; expiresAt: number } | undefined;
  const http = createHttpClient(withoutQuota, {
    provider: PROVIDER,
    defaultBaseUrl: VERIFIK_DEFAULT_BASE_URL,
    authHeaders: async () => {
      const current = renewing;
      if (current === undefined) throw new Error('no token is being renewed');
      if (clock.now() >= current.expiresAt) {
        throw expiredTokenError(current.expiresAt, ' It ran out while a renewal was under way.');
      }
      return { authorization: current.token };
    },
    redactor,
    mapError: mapVerifikError,
  });

  return async (token, expiresAt) => {
    renewing = { token, expiresAt };
    let renewed: RenewedToken | undefined;
    try {
      await http.request({
        method: 'GET',
        path: VERIFIK_SESSION_PATH,
        query: new URLSearchParams({ origin: 'refresh' }),
        schema: sessionSchema,
        operation: 'read',
        takeCredentials: (body) => {
          renewed = undefined;
          const value = (body as { accessToken?: unknown } | null)?.accessToken;
          if (typeof value !== 'string') return; // the schema reports the shape
          const next = value.trim().replace(/^bearer\s+/i, '');
          // Registered before it is checked, quoted or used, in every form that can go on the wire.
          redactor.add(value);
          redactor.add(next);
          redactor.add(`Bearer ${next}`);
          if (next === '' || !HEADER_SAFE.test(next)) throw invalidRenewal('is empty or not a valid header value');
          const nextExpiresAt = jwtExpiresAt(next);
          if (nextExpiresAt === undefined) throw invalidRenewal('is not a JWT with an `exp`');
          if (nextExpiresAt <= clock.now()) throw invalidRenewal(`had already expired (at ${new Date(nextExpiresAt).toISOString()})`);
          renewed = { token: next, expiresAt: nextExpiresAt };
        },
      });
    } finally {
      renewing = undefined;
    }
    if (renewed === undefined) throw invalidRenewal('was missing from the answer');
    return renewed;
  };
}
