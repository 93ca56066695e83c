import { z } from 'zod';
import { baseConfigSchema } from '../../config/base-config.js';

export { VERIFIK_DEFAULT_BASE_URL } from './verifik-descriptor.js';

/**
 * A fixed token, or a function that returns the current one (so apps can rotate it).
 *
 * @remarks
 * A string token (a JWT) is renewed by the client before its `exp` (see `renewToken`). A
 * function is called before every attempt and is the app's to renew: the client never renews
 * nor checks what it returns.
 */
export type VerifikTokenSource = string | (() => string | Promise<string>);

/**
 * `onTokenRenewed`: the new token (bare, without `Bearer `) and when it expires. Called before
 * any request carries the token; not awaited, and what it throws is ignored.
 *
 * @inline
 */
export type VerifikTokenRenewedCallback = (token: string, info: { expiresAt: Date }) => void | Promise<void>;

/** Verifik tokens last 30 days: a margin as long as that would renew on every call. */
const MAX_RENEW_BEFORE_EXPIRY_MS = 30 * 86_400_000;

/** Verifik's config: the common options ({@link baseConfigSchema}), the token and its renewal. */
export const verifikConfigSchema = baseConfigSchema.extend({
  /** Selects Verifik. */
  provider: z.literal('verifik'),
  /**
   * The Verifik token (sent as `Authorization: Bearer …`; a leading `Bearer ` is dropped), or a
   * function returning it. Defaults to the VERIFIK_TOKEN environment variable; a missing one is
   * a `CONFIG` error naming it. Never logged nor shown in errors.
   */
  token: z.custom<VerifikTokenSource>(
    (v) => (typeof v === 'string' && v.trim() !== '') || typeof v === 'function',
    'must be a non-empty string or a function returning one',
  ).optional(),
  /**
   * Persons one `PUT …/collections/{_id}` with `people` may list, for `syncCollection` (default
   * 1000; the docs name no cap). Larger desired sets are synced per person; 0 always syncs per person.
   */
  maxReplaceMembers: z.number().int().min(0).max(100_000).optional(),
  /**
   * Renew a string token (or VERIFIK_TOKEN) through `GET /v2/auth/session` before its JWT `exp`
   * (default true). A token without a readable `exp`, and a function token, are never renewed.
   * The client never calls `renew-and-revoke`, which would log out every other instance. With
   * `false`, an expired token still fails (`UNAUTHORIZED`) before anything is sent.
   */
  renewToken: z.boolean().optional(),
  /**
   * How long before `exp` the renewal starts (default 24 h). A renewed token is renewed no earlier
   * than halfway through its remaining life, so short-lived tokens cannot cause a renewal per call.
   * 1 s to 30 days; a `CONFIG` error with a function token or `renewToken: false`.
   */
  renewBeforeExpiryMs: z.number().int().min(1_000).max(MAX_RENEW_BEFORE_EXPIRY_MS).optional(),
  /**
   * Called with each renewed token, before any request carries it, so the app can persist it.
   * Not awaited; what it throws or rejects with is ignored (the renewal stands). A `CONFIG`
   * error with a function token or `renewToken: false`, where it could never be called.
   */
  onTokenRenewed: z.custom<VerifikTokenRenewedCallback>((v) => typeof v === 'function', 'must be a function').optional(),
});

/**
 * A Verifik client's config as the app writes it: `{ provider: 'verifik', token?, renewToken?,
 * renewBeforeExpiryMs?, onTokenRenewed?, maxReplaceMembers?, … }` with the common options of
 * {@link BaseConfigInput}.
 *
 * @example
 * ```ts
 * const faces = createCollectionClient({
 *   provider: 'verifik',
 *   token: await secrets.get('verifik-token'),
 *   onTokenRenewed: (token, { expiresAt }) => secrets.put('verifik-token', token, { expiresAt }),
 * });
 * ```
 *
 * @useDeclaredType
 */
export type VerifikConfigInput = z.input<typeof verifikConfigSchema>;
/** A Verifik config once validated, defaults filled in: what the adapter receives. */
export type VerifikConfig = z.output<typeof verifikConfigSchema>;
