import { startEmulator } from '../../src/emulator/index.js';
import { VENDOR_FIXTURES, type VendorFixture } from '../support/vendors.js';
import type { ContractHarness, ContractTarget } from './contract-world.js';
import { CONTRACT_CREDENTIAL, clientsFor, mappingFor } from './vendor-mappings.js';

function emulatorHarness(fixture: VendorFixture): ContractHarness {
  return {
    name: `${fixture.name} emulator over loopback HTTP`,
    async mount(world) {
      const mapping = mappingFor(fixture, world);
      const emulator = await startEmulator({
        provider: fixture.name, seed: mapping.seed, credentials: fixture.emulatorCredentials(CONTRACT_CREDENTIAL),
      });
      const target: ContractTarget = {
        ...mapping,
        ...clientsFor(fixture, emulator.url),
        requestCount: () => emulator.stats.total,
        close: () => emulator.close(),
      };
      return target;
    },
  };
}

export const emulatorHarnesses: ContractHarness[] = VENDOR_FIXTURES.map(emulatorHarness);
