import { batchScenarios } from './scenarios-batches.js';
import { lifecycleScenarios } from './scenarios-lifecycle.js';
import { planScenarios } from './scenarios-plans.js';
import { readScenarios } from './scenarios-reads.js';
import {
  CONFORMANCE_WORLD, type ConformanceHarness, type ConformanceReport, type ConformanceScenario,
} from './conformance-types.js';

/** Every promise a client makes, whatever the vendor behind it. */
export const conformanceScenarios: readonly ConformanceScenario[] = Object.freeze([
  ...readScenarios, ...batchScenarios, ...lifecycleScenarios, ...planScenarios,
]);

/** Runs one scenario on a freshly mounted world; the world is closed whatever happens. */
export async function runScenario(harness: ConformanceHarness, scenario: ConformanceScenario): Promise<void> {
  const target = await harness.mount(CONFORMANCE_WORLD);
  try {
    await scenario.run(target);
  } finally {
    await target.close();
  }
}

/**
 * Runs every scenario (or those named in `only`) against a harness, one after another, and
 * reports instead of throwing, so it fits any test runner or a plain script.
 */
export async function runConformance(
  harness: ConformanceHarness, options: { only?: readonly string[] } = {},
): Promise<ConformanceReport> {
  const report: ConformanceReport = { harness: harness.name, ok: true, passed: [], failed: [] };
  for (const scenario of conformanceScenarios) {
    if (options.only && !options.only.includes(scenario.name)) continue;
    try {
      await runScenario(harness, scenario);
      report.passed.push(scenario.name);
    } catch (error) {
      report.ok = false;
      report.failed.push({ scenario: scenario.name, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
