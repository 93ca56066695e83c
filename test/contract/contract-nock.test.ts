import { useNock } from '../support/use-nock.js';
import { runContractSuite } from './contract-suite.js';
import { nockHarnesses } from './nock-harnesses.js';

// The same suite with nock intercepting every request (network connections disabled).
useNock();
for (const harness of nockHarnesses) runContractSuite(harness);
