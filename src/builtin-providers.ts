import { registerProvider } from './di/provider-registry.js';
import { verifikProviderDefinition } from './providers/verifik/index.js';
import { wicksonProviderDefinition } from './providers/wickson/index.js';

// The two vendors this library ships, registered by the entry point so that `di` never imports
// a provider; plug-ins register theirs the same way.
registerProvider(wicksonProviderDefinition);
registerProvider(verifikProviderDefinition);
