import type { VendorDescriptor } from '../spec/vendor-descriptor.js';
import { verifikDescriptor } from './verifik/verifik-descriptor.js';
import { wicksonDescriptor } from './wickson/wickson-descriptor.js';

/**
 * The built-in vendors as tools describe them, one line each; the CLI looks them up by provider
 * name. Their provider definitions are registered by src/builtin-providers.ts.
 * The two lists are apart so that this one loads neither zod nor an adapter: the CLI's help and
 * usage errors read it without loading the library (test/cli/cli-startup.test.ts).
 */
const BUILTIN_DESCRIPTORS: readonly VendorDescriptor[] = [wicksonDescriptor, verifikDescriptor];

const BY_NAME: ReadonlyMap<string, VendorDescriptor> = new Map(BUILTIN_DESCRIPTORS.map((descriptor) => [descriptor.name, descriptor]));

/** The descriptor of a built-in vendor; undefined for plug-ins and unknown names. */
export function vendorDescriptor(name: string): VendorDescriptor | undefined {
  return BY_NAME.get(name);
}

export function builtinVendorDescriptors(): VendorDescriptor[] {
  return [...BUILTIN_DESCRIPTORS];
}
