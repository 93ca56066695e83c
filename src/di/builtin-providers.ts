import { verifikProviderDefinition } from '../providers/verifik/index.js';
import { wicksonProviderDefinition } from '../providers/wickson/index.js';
import { registerProvider } from './provider-registry.js';

// The two vendors this library ships; plug-ins register theirs the same way.
registerProvider(wicksonProviderDefinition);
registerProvider(verifikProviderDefinition);
