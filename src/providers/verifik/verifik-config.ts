import { z } from 'zod';
import { baseConfigSchema } from '../../config/base-config.js';

export { VERIFIK_DEFAULT_BASE_URL } from './verifik-descriptor.js';

/** A fixed token, or a function that returns the current one (so apps can rotate it). */
export type VerifikTokenSource = string | (() => string | Promise<string>);

/** `onTokenRenewed`: the new token (bare, without `Bearer `) and when it expires. */
export type VerifikTokenRenewedCallback = (token: string, info: { expiresAt: Date }) => void | Promise<void>;

/** Verifik tokens last 30 days: a margin as long as that would renew on every call. */
const MAX_RENEW_BEFORE_EXPIRY_MS = 30 * 86_400_000;

export const verifikConfigSchema = baseConfigSchema.extend({
  provider: z.literal('verifik'),
  /** Defaults to the VERIFIK_TOKEN environment variable. */
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
   */
  renewToken: z.boolean().optional(),
  /**
   * How long before `exp` the renewal starts (default 24 h). A renewed token is renewed no earlier
   * than halfway through its remaining life, so short-lived tokens cannot cause a renewal per call.
   */
  renewBeforeExpiryMs: z.number().int().min(1_000).max(MAX_RENEW_BEFORE_EXPIRY_MS).optional(),
  /**
   * Called with each renewed token, before any request carries it, so the app can persist it.
   * Not awaited; what it throws or rejects with is ignored (the renewal stands).
   */
  onTokenRenewed: z.custom<VerifikTokenRenewedCallback>((v) => typeof v === 'function', 'must be a function').optional(),
});

export type VerifikConfigInput = z.input<typeof verifikConfigSchema>;
export type VerifikConfig = z.output<typeof verifikConfigSchema>;
