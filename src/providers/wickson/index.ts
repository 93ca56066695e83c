import type { ProviderDefinition } from '../../di/provider-definition.js';
import { wicksonConfigSchema } from './wickson-config.js';
import { WicksonAdapter } from './wickson-adapter.js';

export const wicksonProviderDefinition: ProviderDefinition<typeof wicksonConfigSchema> = {
  name: 'wickson',
  configSchema: wicksonConfigSchema,
  // A factory rather than a decorated class: the adapter then needs no tsyringe, which the
  // library loads only when the first client is built.
  useFactory: (config) => new WicksonAdapter(config),
};

export { WicksonAdapter, WICKSON_CAPABILITIES } from './wickson-adapter.js';
export { mapWicksonError } from './wickson-error-mapper.js';
