import type { ProviderDefinition } from '../../di/provider-definition.js';
import { verifikConfigSchema } from './verifik-config.js';
import { VerifikAdapter } from './verifik-adapter.js';

export { VerifikAdapter, VERIFIK_CAPABILITIES } from './verifik-adapter.js';
export { mapVerifikError } from './verifik-mappers.js';
export { verifikConfigSchema, type VerifikConfig, type VerifikConfigInput } from './verifik-config.js';

/** How the DI registry builds a Verifik client (see src/builtin-providers.ts). */
export const verifikProviderDefinition: ProviderDefinition<typeof verifikConfigSchema> = {
  name: 'verifik',
  configSchema: verifikConfigSchema,
  // A factory rather than a decorated class: the adapter then needs no tsyringe, which the
  // library loads only when the first client is built.
  useFactory: (config) => new VerifikAdapter(config),
};
