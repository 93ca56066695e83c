/**
 * `npm run bench` (builds first): how the library compares with plain fetch against the same
 * vendor server. The server runs in a child process (bench/server.ts), variants run
 * interleaved over rounds, and every ratio is against a baseline measured in the same run.
 * Sizes and rounds: bench/config.ts (env overrides). Targets are printed, never enforced; the
 * exit code is non-zero only when something went wrong (a wrong result, a crash, a timeout).
 */
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
// @ts-ignore TS5097: Node runs bench/ as .ts source, and the root tsconfig has no allowImportingTsExtensions.
import { killAllChildren } from './children.ts';
// @ts-ignore TS5097 (see above)
import { config, type Section } from './config.ts';
// @ts-ignore TS5097 (see above)
import { printSummary } from './report.ts';
// @ts-ignore TS5097 (see above)
import { listItems } from './scenarios/list-items.ts';
// @ts-ignore TS5097 (see above)
import { perCall } from './scenarios/per-call.ts';
// @ts-ignore TS5097 (see above)
import { quota } from './scenarios/quota.ts';
// @ts-ignore TS5097 (see above)
import { startup } from './scenarios/startup.ts';
// @ts-ignore TS5097 (see above)
import { verifikAdd } from './scenarios/verifik-add.ts';
// @ts-ignore TS5097 (see above)
import { wicksonDelete } from './scenarios/wickson-delete.ts';

const SCENARIOS: Record<Section, () => Promise<void>> = {
  'per-call': perCall,
  'wickson-delete': wicksonDelete,
  'verifik-add': verifikAdd,
  'list-items': listItems,
  startup,
  quota,
};

// Children must not outlive the bench, however it ends.
process.once('exit', killAllChildren);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    killAllChildren();
    process.exit(130);
  });
}

const began = performance.now();
console.log(`unified-collections benchmark: node ${process.version}, ${availableParallelism()} CPUs, `
  + `${config.rounds} rounds (startup ${config.startupRounds}), server latency ${config.latencyMs} ms where stated`);
console.log('Vendor server: emulator in a child process on 127.0.0.1. Variants interleaved round-robin, first variant '
  + 'rotated each round. Times: median [min–max]; ratios: median [min–max] of per-round ratios.');

let failures = 0;
try {
  for (const name of config.sections) {
    try {
      await SCENARIOS[name]();
    } catch (error) {
      // A broken section (e.g. the library mid-rewrite) must not hide the others' figures.
      failures += 1;
      console.log(`  ERROR in ${name}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  printSummary();
} finally {
  killAllChildren();
}
console.log(`\nbench took ${((performance.now() - began) / 1000).toFixed(1)} s${failures > 0 ? `; ${failures} section(s) failed` : ''}`);
if (failures > 0) process.exitCode = 1;
