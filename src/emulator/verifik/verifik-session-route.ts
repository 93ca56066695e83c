import { isoMillis } from '../prng.js';
import type { EmulatorRequest, RouteDef } from '../emulator-server.js';
import type { EmulatorResponse } from '../wire.js';
import { mintVerifikToken, VERIFIK_TOKEN_LIFETIME_MS } from './verifik-tokens.js';

/** `GET /v2/auth/session` (vendor-apis.md §2.1): renews a token that is still valid. */
export const SESSION_PATH = '/v2/auth/session';

/**
 * The renew page sends the bare token (`Authorization: <token>`); resource pages use `Bearer`
 * and older ones `jwt`. The session route takes all three, since which one the vendor insists
 * on here is not documented.
 */
export function sessionToken(header: string | undefined): string | undefined {
  const match = /^(?:(?:bearer|jwt)\s+)?(\S+)\s*$/i.exec(header ?? '');
  return match?.[1];
}

export interface SessionRoute {
  /** Renews the request's token, which the app has authenticated (still valid). */
  route: RouteDef;
  /** The answer when the token is missing, unknown or expired. */
  refuse(req: EmulatorRequest): EmulatorResponse;
}

export function sessionRoute(now: () => number): SessionRoute {
  let minted = 0;
  const renew = (req: EmulatorRequest): EmulatorResponse => {
    // `expiresIn` counts months (the docs' example asks for 120); without it, 30 days.
    const months = req.query.get('expiresIn');
    if (months !== null && !/^[1-9]\d{0,3}$/.test(months)) {
      return { status: 409, body: { code: 'MissingParameter', message: 'expiresIn must be a whole number of months from 1' } };
    }
    const issuedAt = now();
    minted += 1;
    const accessToken = mintVerifikToken({
      issuedAt, expiresAt: issuedAt + (months === null ? 1 : Number(months)) * VERIFIK_TOKEN_LIFETIME_MS, id: `session-${minted}`,
    });
    // The one Verifik answer without a `data` wrapper.
    return { status: 200, body: { accessToken, tokenType: 'bearer' } };
  };
  return {
    route: { method: 'GET', pattern: SESSION_PATH, handler: renew },
    refuse(req) {
      if ((req.headers.authorization ?? '').trim() === '') {
        return { status: 409, body: { code: 'MissingParameter', message: 'missing Authorization header' } };
      }
      // Only a token that is still valid is renewed; an expired one needs a new OTP login.
      return {
        status: 401,
        body: { code: 'Unauthorized', message: 'Invalid or expired token.', signature: { message: 'Certified by Verifik.co', dateTime: isoMillis(now()) } },
      };
    },
  };
}
