import { z } from 'zod';
import { baseConfigSchema } from '../../config/base-config.js';

export { WICKSON_DEFAULT_BASE_URL } from './wickson-descriptor.js';

export const wicksonConfigSchema = baseConfigSchema.extend({
  provider: z.literal('wickson'),
  /** Defaults to the WICKSON_API_KEY environment variable. */
  apiKey: z.string().min(1).optional(),
});

export type WicksonConfigInput = z.input<typeof wicksonConfigSchema>;
export type WicksonConfig = z.output<typeof wicksonConfigSchema>;
