import { runContractSuite } from './contract-suite.js';
import { nockHarnesses } from './harnesses.js';

// The same suite with nock intercepting every request (network connections disabled).
for (const harness of nockHarnesses) runContractSuite(harness);
