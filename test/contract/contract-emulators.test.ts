import { runContractSuite } from './contract-suite.js';
import { emulatorHarnesses } from './emulator-harnesses.js';

// The adapters and the emulators keep each other honest over real loopback HTTP.
for (const harness of emulatorHarnesses) runContractSuite(harness);
