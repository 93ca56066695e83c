import { batchScenarios } from './scenarios-batches.js';
import { lifecycleScenarios } from './scenarios-lifecycle.js';
import { planScenarios } from './scenarios-plans.js';
import { readScenarios } from './scenarios-reads.js';
import {
  CONFORMANCE_WORLD, type ConformanceHarness, type ConformanceReport, type ConformanceScenario,
} from './conformance-types.js';

/**
 * Every promise a client makes, whatever the vendor behind it: reads, batches, lifecycle, dry
 * runs and sync. A scenario that depends on a capability (createCollection, removeItems, …)
 * checks the `UNSUPPORTED` answer instead when the client lacks it. Frozen; map it onto a test
 * runner's cases (each one mounting a fresh world), or let {@link runConformance} run it.
 *
 * @example
 * ```ts
 * describe('my vendor', () => {
 *   let target: ConformanceTarget;
 *   beforeEach(async () => { target = await harness.mount(CONFORMANCE_WORLD); });
 *   afterEach(() => target.close());
 *   for (const scenario of conformanceScenarios) it(scenario.name, () => scenario.run(target));
 * });
 * ```
 */
export const conformanceScenarios: readonly ConformanceScenario[] = Object.freeze([
  ...readScenarios, ...batchScenarios, ...lifecycleScenarios, ...planScenarios,
]);

/**
 * Runs one scenario on a freshly mounted world ({@link CONFORMANCE_WORLD}); the world is closed
 * whatever happens.
 *
 * @param harness - Mounts the world on the vendor under test.
 * @param scenario - One of {@link conformanceScenarios}.
 * @throws Whatever the scenario throws (an `AssertionError`, or the client's `CollectionError`),
 * or what `mount` or `close` throws.
 */
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
 * reports instead of throwing, so it fits any test runner or a plain script. Each scenario gets
 * a freshly mounted {@link CONFORMANCE_WORLD}, closed after it.
 *
 * @param harness - Mounts the world on the vendor under test.
 * @param options - `only`: the names of the scenarios to run (others are skipped, in neither list).
 * @returns The report; `ok` is false when any scenario failed (a failing `mount` or `close`
 * fails that scenario).
 *
 * @example
 * ```ts
 * const report = await runConformance({ name: 'my vendor', mount: (world) => mountOnMyVendor(world) });
 * if (!report.ok) console.error(report.failed); // [{ scenario, message }]
 * ```
 */
export async function runConformance(
  harness: ConformanceHarness,
  options: {
    /** Names of the scenarios to run (`ConformanceScenario.name`); default: all of them. */
    only?: readonly string[];
  } = {},
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
