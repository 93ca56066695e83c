import { registerProvider } from './di/provider-registry.js';
import { verifikProviderDefinition } from './providers/verifik/index.js';
import { wicksonProviderDefinition } from './providers/wickson/index.js';

// The vendors this library ships (described in src/providers/descriptors.ts), registered by the
// entry point so that `di` never imports a provider; plug-ins register theirs the same way.
registerProvider(wicksonProviderDefinition);
registerProvider(verifikProviderDefinition);
