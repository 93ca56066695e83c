import { z } from 'zod';
import { baseConfigSchema } from '../../config/base-config.js';

export { VERIFIK_DEFAULT_BASE_URL } from './verifik-descriptor.js';

/** A fixed token, or a function that returns the current one (so apps can rotate it). */
export type VerifikTokenSource = string | (() => string | Promise<string>);

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
});

export type VerifikConfigInput = z.input<typeof verifikConfigSchema>;
export type VerifikConfig = z.output<typeof verifikConfigSchema>;
