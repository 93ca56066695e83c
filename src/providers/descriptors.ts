import type { z } from 'zod';
import type { ProviderDefinition } from '../di/provider-definition.js';
import { registerProvider } from '../di/provider-registry.js';
import type { VendorDescriptor } from '../spec/vendor-descriptor.js';
import { verifikProviderDefinition } from './verifik/index.js';
import { verifikDescriptor } from './verifik/verifik-descriptor.js';
import { wicksonProviderDefinition } from './wickson/index.js';
import { wicksonDescriptor } from './wickson/wickson-descriptor.js';

/** A vendor this library ships: how tools describe it, and how it joins the DI registry. */
export interface BuiltinVendor {
  readonly descriptor: VendorDescriptor;
  register(): void;
}

// A closure keeps each definition's own config schema type (definitions of different schemas
// do not share one array element type).
function builtin<S extends z.ZodType>(definition: ProviderDefinition<S>, descriptor: VendorDescriptor): BuiltinVendor {
  return { descriptor, register: () => registerProvider(definition) };
}

/**
 * The built-in vendors, one line each. src/builtin-providers.ts registers them;
 * the CLI looks their descriptors up by provider name.
 */
export const BUILTIN_VENDORS: readonly BuiltinVendor[] = [
  builtin(wicksonProviderDefinition, wicksonDescriptor),
  builtin(verifikProviderDefinition, verifikDescriptor),
];

const BY_NAME: ReadonlyMap<string, VendorDescriptor> = new Map(BUILTIN_VENDORS.map(({ descriptor }) => [descriptor.name, descriptor]));

/** The descriptor of a built-in vendor; undefined for plug-ins and unknown names. */
export function vendorDescriptor(name: string): VendorDescriptor | undefined {
  return BY_NAME.get(name);
}

export function builtinVendorDescriptors(): VendorDescriptor[] {
  return BUILTIN_VENDORS.map(({ descriptor }) => descriptor);
}
