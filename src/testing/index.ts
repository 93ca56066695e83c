/**
 * The conformance kit (`unified-collections/testing`): the scenarios every client passes, the
 * built-in adapters and any plug-in alike. Runner-agnostic: `runConformance` returns a report;
 * `conformanceScenarios` can also be mapped onto a test runner's own cases. Assertions use
 * `node:assert`, so no test framework is needed.
 *
 * @packageDocumentation
 */
export {
  CONFORMANCE_WORLD, type ConformanceHarness, type ConformanceReport, type ConformanceScenario, type ConformanceTarget,
  type ConformanceWorld,
} from './conformance-types.js';
export { conformanceScenarios, runConformance, runScenario } from './run-conformance.js';
