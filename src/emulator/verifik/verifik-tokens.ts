import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The emulator's JWTs: HS256 over a fixed, public key. They prove nothing to anyone but the
 * emulator, which accepts the tokens it minted (signature intact, `exp` ahead) as Verifik accepts
 * its own. Tests mint one with `mintVerifikToken` to start a client with a token of any age.
 */
const SIGNING_KEY = 'unified-collections verifik emulator (not a secret)';
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');
/** Verifik's default validity (vendor-apis.md §2.1), and its "month" for `expiresIn`. */
export const VERIFIK_TOKEN_LIFETIME_MS = 30 * 86_400_000;

/** The times (and id) written into a token minted by {@link mintVerifikToken}. */
export interface MintVerifikTokenOptions {
  /** When it expires, ms since the epoch (written as `exp`, whole seconds, rounded down). */
  expiresAt: number;
  /** When it was issued, ms since the epoch (`iat`); default: 30 days before `expiresAt`. */
  issuedAt?: number;
  /** Makes tokens with the same times differ (`jti`); default `'minted'`. */
  id?: string;
}

function sign(data: string): string {
  return createHmac('sha256', SIGNING_KEY).update(data).digest('base64url');
}

/**
 * A JWT the Verifik emulator accepts until `expiresAt` (on the emulator's clock), whatever its
 * `credentials.token`, and renews through `GET /v2/auth/session` while it is valid. Tests use it
 * to start a client with a token of any age, e.g. one that the client should renew right away.
 *
 * @remarks The token is signed with a fixed, public key: it proves nothing to anyone but the
 * emulator, and the real Verifik API refuses it.
 *
 * @param options - When the token expires (and was issued).
 * @returns The token, ready to pass as a Verifik client's `token`.
 * @throws TypeError when `expiresAt` or `issuedAt` is not a finite number.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ provider: 'verifik' });
 * const token = mintVerifikToken({ expiresAt: Date.now() + 120_000 }); // two minutes left
 * const faces = createCollectionClient({ provider: 'verifik', baseUrl: emulator.url, token });
 * await faces.listCollections(); // renews first: emulator.stats.byRoute['GET /v2/auth/session'] is 1
 * ```
 */
export function mintVerifikToken(options: MintVerifikTokenOptions): string {
  const { expiresAt, issuedAt = expiresAt - VERIFIK_TOKEN_LIFETIME_MS, id = 'minted' } = options;
  if (!Number.isFinite(expiresAt) || !Number.isFinite(issuedAt)) throw new TypeError('expiresAt and issuedAt must be finite numbers (ms)');
  const payload = Buffer.from(JSON.stringify({
    sub: 'verifik-emulator', iat: Math.floor(issuedAt / 1000), exp: Math.floor(expiresAt / 1000), jti: id,
  })).toString('base64url');
  return `${HEADER}.${payload}.${sign(`${HEADER}.${payload}`)}`;
}

function decodeJson(segment: string): unknown {
  try {
    return JSON.parse(Buffer.from(segment, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** The `exp` (in ms) of any JWT-shaped token, signed by us or not; undefined when it has none. */
export function tokenExpiresAt(token: string): number | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  const payload = decodeJson(parts[1]!);
  const exp = typeof payload === 'object' && payload !== null ? (payload as { exp?: unknown }).exp : undefined;
  return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : undefined;
}

/** Whether the emulator minted this token (its signature checks out). Expiry is checked apart. */
export function isMintedToken(token: string): boolean {
  const parts = token.split('.');
  if (parts.length !== 3) return false;
  const expected = Buffer.from(sign(`${parts[0]}.${parts[1]}`));
  const given = Buffer.from(parts[2]!);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
