import { z } from 'zod';
import { baseConfigSchema } from '../../config/base-config.js';

export { WICKSON_DEFAULT_BASE_URL } from './wickson-descriptor.js';

/** Wickson's config: the common options ({@link baseConfigSchema}) and the API key. */
export const wicksonConfigSchema = baseConfigSchema.extend({
  /** Selects Wickson. */
  provider: z.literal('wickson'),
  /**
   * The Wickson API key, sent as `X-Api-Key`. Defaults to the WICKSON_API_KEY environment
   * variable; a missing one is a `CONFIG` error naming it. Never logged nor shown in errors.
   */
  apiKey: z.string().min(1).optional(),
});

/**
 * A Wickson client's config as the app writes it: `{ provider: 'wickson', apiKey?, … }` with the
 * common options of {@link BaseConfigInput}.
 *
 * @example
 * ```ts
 * const media = createCollectionClient({ provider: 'wickson', apiKey: process.env.WICKSON_API_KEY, concurrency: 8 });
 * ```
 *
 * @useDeclaredType
 */
export type WicksonConfigInput = z.input<typeof wicksonConfigSchema>;
/** A Wickson config once validated, defaults filled in: what the adapter receives. */
export type WicksonConfig = z.output<typeof wicksonConfigSchema>;
