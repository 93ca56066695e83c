import type { VendorDescriptor } from '../../spec/vendor-descriptor.js';
import { VERIFIK_DEFAULT_BASE_URL } from './verifik-config.js';

export const verifikDescriptor: VendorDescriptor = {
  name: 'verifik',
  displayName: 'Verifik',
  credentialOption: 'token',
  credentialEnvVar: 'VERIFIK_TOKEN',
  baseUrlEnvVar: 'VERIFIK_BASE_URL',
  defaultBaseUrl: VERIFIK_DEFAULT_BASE_URL,
  idHint: 'person ids, 24 hex characters',
};
