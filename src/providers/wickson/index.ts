import type { ProviderDefinition } from '../../di/provider-definition.js';
import { wicksonConfigSchema } from './wickson-config.js';
import { WicksonProvider } from './wickson-provider.js';

export const wicksonProviderDefinition: ProviderDefinition<typeof wicksonConfigSchema> = {
  name: 'wickson',
  configSchema: wicksonConfigSchema,
  useClass: WicksonProvider,
};

export { WicksonProvider, WICKSON_CAPABILITIES } from './wickson-provider.js';
export { mapWicksonError } from './wickson-error-mapper.js';
