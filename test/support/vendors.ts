import { BUILTIN_EMULATORS } from '../../src/emulator/builtin-emulators.js';
import type { EmulatorDescriptor } from '../../src/emulator/emulator-descriptor.js';
import type { EmulatorCredentials, EmulatorProvider } from '../../src/emulator/index.js';
import { createCollectionClient, type ProviderCapabilities } from '../../src/index.js';
import { builtinVendorDescriptors } from '../../src/providers/descriptors.js';
import type { VendorDescriptor } from '../../src/spec/vendor-descriptor.js';

/**
 * What tests need to know of a built-in vendor, built from its descriptor and its emulator's,
 * so harnesses loop over vendors instead of naming them. Where vendors behave differently,
 * tests read `capabilities` (what the client itself declares), never the vendor's name.
 */
export interface VendorFixture {
  /** The provider name, typed for `startEmulator`. */
  name: EmulatorProvider;
  descriptor: VendorDescriptor;
  emulator: EmulatorDescriptor;
  /** A client config carrying `credential` in the vendor's option (`{ provider, apiKey }`). */
  clientConfig(credential: string): { provider: string; [option: string]: unknown };
  /** Emulator `credentials` that accept `credential` and nothing else. */
  emulatorCredentials(credential: string): EmulatorCredentials;
  /** The environment the CLI reads `credential` from. */
  env(credential: string): Record<string, string>;
  /** The client's declared capabilities (a client is built once, offline, to read them). */
  readonly capabilities: ProviderCapabilities;
}

function fixtureOf(descriptor: VendorDescriptor): VendorFixture {
  const emulator = BUILTIN_EMULATORS.find((candidate) => candidate.provider === descriptor.name);
  if (emulator === undefined) throw new Error(`built-in vendor ${descriptor.name} has no emulator in src/emulator/builtin-emulators.ts`);
  const clientConfig = (credential: string) => ({ provider: descriptor.name, [descriptor.credentialOption]: credential });
  let capabilities: ProviderCapabilities | undefined;
  return {
    name: emulator.provider,
    descriptor,
    emulator,
    clientConfig,
    emulatorCredentials: (credential) => ({ [emulator.credentialField]: credential }),
    env: (credential) => ({ [descriptor.credentialEnvVar]: credential }),
    get capabilities() {
      capabilities ??= createCollectionClient(clientConfig('capabilities-only')).capabilities;
      return capabilities;
    },
  };
}

/** Every built-in vendor, in registration order. */
export const VENDOR_FIXTURES: readonly VendorFixture[] = builtinVendorDescriptors().map(fixtureOf);

export function vendorFixture(name: string): VendorFixture {
  const fixture = VENDOR_FIXTURES.find((candidate) => candidate.name === name);
  if (fixture === undefined) throw new Error(`no built-in vendor named ${name}`);
  return fixture;
}

/** Looks up a vendor's entry in a per-vendor table of test data, failing loudly when it is missing. */
export function perVendor<T>(table: Readonly<Record<string, T>>, fixture: VendorFixture, what: string): T {
  const entry = table[fixture.name];
  if (entry === undefined) throw new Error(`no ${what} for ${fixture.name}: add one next to the others`);
  return entry;
}
