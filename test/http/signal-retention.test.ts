import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from '@jest/globals';
import { BUILD_TIMEOUT_MS, ROOT, SPAWN_TEST_TIMEOUT_MS, ensureBuilt } from '../support/build-once.js';

// Issue #6 class 8: a long-lived AbortSignal shared by every call must not accumulate anything
// per call. Measured in a child process with --expose-gc, so the heap is settled on both sides.
const CALLS = 20_000;
/** Per-call heap growth that counts as a leak. The old AbortSignal.any path retained ~100–280 B. */
const LEAK_BYTES_PER_CALL = 24;

beforeAll(ensureBuilt, BUILD_TIMEOUT_MS);

describe('a shared AbortSignal across many calls', () => {
  it(`adds less than ${LEAK_BYTES_PER_CALL} retained bytes per call over ${CALLS} calls, where AbortSignal.any retains more`, () => {
    const script = join(ROOT, 'test', 'http', 'scripts', 'signal-retention.mjs');
    const dist = pathToFileURL(join(ROOT, 'dist', 'index.js')).href;
    const run = spawnSync(process.execPath, ['--expose-gc', script, dist, String(CALLS)], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const { withSignal, withoutSignal, control } = JSON.parse(run.stdout) as Record<string, number>;
    // The control proves the measurement sees a leak of this kind at all.
    expect(control).toBeGreaterThan(LEAK_BYTES_PER_CALL * 2);
    expect(withSignal! - withoutSignal!).toBeLessThan(LEAK_BYTES_PER_CALL);
  }, SPAWN_TEST_TIMEOUT_MS);
});
