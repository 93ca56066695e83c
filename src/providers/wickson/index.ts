import type { ProviderDefinition } from '../../di/provider-definition.js';
import { wicksonConfigSchema } from './wickson-config.js';
import { WicksonAdapter } from './wickson-adapter.js';

export const wicksonProviderDefinition: ProviderDefinition<typeof wicksonConfigSchema> = {
  name: 'wickson',
  configSchema: wicksonConfigSchema,
  useClass: WicksonAdapter,
};

export { WicksonAdapter, WICKSON_CAPABILITIES } from './wickson-adapter.js';
export { mapWicksonError } from './wickson-error-mapper.js';
