import { afterEach, describe, expect, it } from '@jest/globals';
import type { BatchResult } from 'unified-collections';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { duration, progressNote } from '../../src/cli/progress.js';
import { runInProcess } from './memory-io.js';
import { parseJson } from './run-cli.js';

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

async function limited(windowMs: number) {
  const ids = Array.from({ length: 500 }, (_, i) => `doc_${i}`);
  const emulator = await startEmulator({
    provider: 'wickson', seed: { items: ids.map((id) => ({ id })) }, rateLimit: { limit: 2, windowMs },
  });
  running.push(emulator);
  return { ids, emulator, args: ['-p', 'wickson', '--base-url', emulator.url, '--json'], env: { WICKSON_API_KEY: 'wk_cli_wait' } };
}

describe('CLI --wait', () => {
  it('items delete --wait sits out the windows (3 of them) and deletes everything, with no 429', async () => {
    const { ids, emulator, args, env } = await limited(1_000);
    const run = await runInProcess(['items', 'delete', '--yes', '--wait', ...args, ...ids], { env });
    expect(run.code).toBe(0);
    const result = parseJson<BatchResult>(run.stdout);
    expect(result.succeeded).toHaveLength(500);
    expect(emulator.stats.byStatus[429] ?? 0).toBe(0);
  }, 30_000);

  it('without --wait, a window an hour away fails the rest fast as RATE_LIMITED, nothing sent for them', async () => {
    const { ids, emulator, args, env } = await limited(3_600_000);
    const run = await runInProcess(['items', 'delete', '--yes', ...args, ...ids], { env });
    expect(run.code).not.toBe(0);
    const result = parseJson<BatchResult>(run.stdout);
    expect(result.succeeded).toHaveLength(200);
    expect(result.failed).toHaveLength(300);
    expect(new Set(result.failed.map((f) => f.code))).toEqual(new Set(['RATE_LIMITED']));
    expect(emulator.stats.byRoute['DELETE /v1/media/batch']).toBe(2);
  });
});

describe('progress note', () => {
  const base = { total: 10, done: 4, succeeded: 4, failed: 0, unknown: 0 };
  it('shows the wait and the ETA when reported, nothing otherwise', () => {
    expect(progressNote(base, 0)).toBe('');
    expect(progressNote({ ...base, waitingUntil: 42_000, etaMs: 185_000 }, 0)).toBe(' | waiting for the rate-limit window: 42 s | ETA 3 min 5 s');
    expect(progressNote({ ...base, waitingUntil: 1_000 }, 2_000)).toBe('');
    expect(progressNote({ ...base, done: 10, etaMs: 5 }, 0)).toBe('');
  });
  it('reads durations coarsely', () => {
    expect([0, 999, 59_000, 60_000, 3_725_000].map(duration)).toEqual(['0 s', '1 s', '59 s', '1 min 0 s', '1 h 2 min']);
  });
});
