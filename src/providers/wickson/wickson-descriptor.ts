import type { VendorDescriptor } from '../../spec/vendor-descriptor.js';

// Defined here, not in the config module, so that the CLI's help can read the descriptor
// without loading zod (the config module re-exports it).
/** Wickson's production origin: where a client goes when its config sets no `baseUrl`. */
export const WICKSON_DEFAULT_BASE_URL = 'https://api.wickson.ai';

export const wicksonDescriptor: VendorDescriptor = {
  name: 'wickson',
  displayName: 'Wickson',
  credentialOption: 'apiKey',
  credentialEnvVar: 'WICKSON_API_KEY',
  baseUrlEnvVar: 'WICKSON_BASE_URL',
  defaultBaseUrl: WICKSON_DEFAULT_BASE_URL,
  idHint: 'media ids, e.g. doc_…, img_…',
};
