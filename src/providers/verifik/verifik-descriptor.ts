import type { VendorDescriptor } from '../../spec/vendor-descriptor.js';

// Defined here, not in the config module, so that the CLI's help can read the descriptor
// without loading zod (the config module re-exports it).
/** Verifik's production origin: where a client goes when its config sets no `baseUrl`. */
export const VERIFIK_DEFAULT_BASE_URL = 'https://api.verifik.co';

export const verifikDescriptor: VendorDescriptor = {
  name: 'verifik',
  displayName: 'Verifik',
  credentialOption: 'token',
  credentialEnvVar: 'VERIFIK_TOKEN',
  baseUrlEnvVar: 'VERIFIK_BASE_URL',
  defaultBaseUrl: VERIFIK_DEFAULT_BASE_URL,
  idHint: 'person ids, 24 hex characters',
  // MongoDB ObjectIds (vendor-apis.md, "Identifiers"); the collection's `code` is a UUID, its name free text.
  collectionId: { pattern: /^[0-9a-f]{24}$/i, shape: 'its _id, 24 hex characters' },
};
