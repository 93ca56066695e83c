import type { VendorDescriptor } from '../../spec/vendor-descriptor.js';

// Defined here, not in the config module, so that the CLI's help can read the descriptor
// without loading zod (the config module re-exports it).
export const VERIFIK_DEFAULT_BASE_URL = 'https://api.verifik.co';

export const verifikDescriptor: VendorDescriptor = {
  name: 'verifik',
  displayName: 'Verifik',
  credentialOption: 'token',
  credentialEnvVar: 'VERIFIK_TOKEN',
  baseUrlEnvVar: 'VERIFIK_BASE_URL',
  defaultBaseUrl: VERIFIK_DEFAULT_BASE_URL,
  idHint: 'person ids, 24 hex characters',
};
