import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { RunningEmulator } from '../../src/emulator/index.js';
import { OPERATIONS } from './operations.js';
import type { FaultRow } from './rows.js';
import { cellName, runCell } from './run-cell.js';
import { startWorld, VENDORS, worldOf } from './vendors.js';

export interface MatrixOptions {
  /**
   * Run the cells side by side, each on its own emulator. For rows whose every cell waits out
   * attempt timeouts: the waits are idle time, so running them together keeps the family fast.
   */
  concurrent?: boolean;
}

/**
 * One test per cell: rows × the seven operations × both vendors. Sequential cells share one
 * emulator per vendor for reads (faults and stats cleared before each); a cell that may change
 * vendor state gets a freshly seeded emulator of its own.
 */
export function describeFaultMatrix(rows: readonly FaultRow[], options: MatrixOptions = {}): void {
  // Figure 6's "0 unhandled rejections" needs no listener here: Jest 30 fails the test during
  // which one surfaces, even one raised after the test body returned.
  for (const vendor of VENDORS) {
    describe(`fault matrix: ${vendor}`, () => {
      const world = worldOf(vendor);
      let shared: RunningEmulator | undefined;
      if (!options.concurrent) {
        beforeAll(async () => {
          shared = await startWorld(world);
        });
        afterAll(async () => {
          await shared?.close();
        });
      }

      for (const row of rows) {
        describe(row.name, () => {
          for (const op of OPERATIONS.filter((o) => o.appliesTo?.(world) ?? true)) {
            const test = options.concurrent ? it.concurrent : it;
            test(cellName(row, op, world), async () => {
              const reuse = shared !== undefined && !op.mutates;
              const emulator = reuse && shared ? shared : await startWorld(world);
              emulator.faults.clear();
              emulator.stats.reset();
              try {
                await runCell({ world, row, op, emulator });
              } finally {
                if (reuse) emulator.faults.clear();
                else await emulator.close();
              }
            });
          }
        });
      }
    });
  }
}
