import type { VendorDescriptor } from '../../spec/vendor-descriptor.js';
import { WICKSON_DEFAULT_BASE_URL } from './wickson-config.js';

export const wicksonDescriptor: VendorDescriptor = {
  name: 'wickson',
  displayName: 'Wickson',
  credentialOption: 'apiKey',
  credentialEnvVar: 'WICKSON_API_KEY',
  baseUrlEnvVar: 'WICKSON_BASE_URL',
  defaultBaseUrl: WICKSON_DEFAULT_BASE_URL,
  idHint: 'media ids, e.g. doc_…, img_…',
};
