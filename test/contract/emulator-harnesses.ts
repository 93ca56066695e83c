import { startEmulator } from '../../src/emulator/index.js';
import type { ContractHarness, ContractTarget, ContractWorld } from './contract-world.js';
import {
  clientsFor, type VendorMapping, VERIFIK_TOKEN, verifikMapping, WICKSON_KEY, wicksonMapping,
} from './vendor-mappings.js';

function emulatorHarness(provider: 'wickson' | 'verifik', map: (world: ContractWorld) => VendorMapping): ContractHarness {
  return {
    name: `${provider} emulator over loopback HTTP`,
    async mount(world) {
      const mapping = map(world);
      const emulator = await startEmulator({
        provider, seed: mapping.seed, credentials: { apiKey: WICKSON_KEY, token: VERIFIK_TOKEN },
      });
      const target: ContractTarget = {
        ...mapping,
        ...clientsFor(mapping, emulator.url),
        requestCount: () => emulator.stats.total,
        close: () => emulator.close(),
      };
      return target;
    },
  };
}

export const emulatorHarnesses: ContractHarness[] = [
  emulatorHarness('wickson', wicksonMapping),
  emulatorHarness('verifik', verifikMapping),
];

