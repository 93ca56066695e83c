import { describe, expect, it } from '@jest/globals';
import { BUILTIN_EMULATORS } from '../../src/emulator/builtin-emulators.js';
import { knownProviders } from '../../src/index.js';
import { builtinVendorDescriptors } from '../../src/providers/descriptors.js';
import { VENDOR_FIXTURES } from '../support/vendors.js';

// The CLI keys an emulator's `credentials` by the client's credential option and offers
// `--emulator` for every built-in vendor, so the two tables must describe the same vendors.
describe('vendor descriptors and emulator descriptors', () => {
  it('name the same vendors, each registered with the client', () => {
    const vendors = builtinVendorDescriptors().map((vendor) => vendor.name);
    expect(BUILTIN_EMULATORS.map((emulator) => emulator.provider)).toEqual(vendors);
    expect(knownProviders()).toEqual(expect.arrayContaining(vendors));
  });

  it.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s: one credential name, a valid demo seed', (_name, fixture) => {
    expect(fixture.emulator.credentialField).toBe(fixture.descriptor.credentialOption);
    expect(fixture.emulator.isSeed(fixture.emulator.demoSeed())).toBe(true);
    expect(fixture.emulator.isSeed(fixture.emulator.emptySeed())).toBe(true);
    expect(fixture.emulator.isSeed({})).toBe(false);
    expect(fixture.descriptor.defaultBaseUrl).toMatch(/^https:\/\//);
  });
});
