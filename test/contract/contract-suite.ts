import { afterEach, beforeEach, describe, it } from '@jest/globals';
import {
  CONFORMANCE_WORLD, conformanceScenarios, type ConformanceHarness, type ConformanceTarget,
} from 'unified-collections/testing';

/**
 * The conformance kit's scenarios as jest cases: each harness mounts the same world on a vendor
 * (emulator, nock, or a plug-in) and every scenario runs against a fresh one.
 */
export function runContractSuite(harness: ConformanceHarness): void {
  describe(`contract: ${harness.name}`, () => {
    let target: ConformanceTarget;
    beforeEach(async () => {
      target = await harness.mount(CONFORMANCE_WORLD);
    });
    afterEach(async () => {
      await target.close();
    });
    for (const scenario of conformanceScenarios) it(scenario.name, () => scenario.run(target));
  });
}
