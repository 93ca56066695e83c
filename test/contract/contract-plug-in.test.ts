import { runContractSuite } from './contract-suite.js';
import { plugInHarness } from './plug-in-harness.js';

// A provider plugged in from outside keeps every promise the built-in adapters keep.
runContractSuite(plugInHarness);
