import { BUILTIN_VENDORS } from './providers/descriptors.js';

// The vendors this library ships (listed in src/providers/descriptors.ts), registered by the
// entry point so that `di` never imports a provider; plug-ins register theirs the same way.
for (const vendor of BUILTIN_VENDORS) vendor.register();
