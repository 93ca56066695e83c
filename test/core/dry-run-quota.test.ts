import { afterEach, describe, expect, it } from '@jest/globals';
import { createCollectionClient } from 'unified-collections';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { rejectionOf } from '../support/promises.js';
import { VENDOR_FIXTURES } from '../support/vendors.js';

// A dry run reads what the run would find out; under an exhausted quota those reads wait out
// the window when the call (or the client's quota.wait) says to, as the run's own requests do.

const running: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((emulator) => emulator.close()));
});

describe.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s', (_name, fixture) => {
  async function setup(limit: number) {
    const emulator = await startEmulator({ provider: fixture.name, seed: 'demo', rateLimit: { limit, windowMs: 1000 } });
    running.push(emulator);
    // Verifik documents no limit and answers a bare 429: the operator states the quota (README).
    const quota = { limit, windowMs: 1000 };
    const client = createCollectionClient({ ...fixture.clientConfig(emulator.credential ?? 'any'), baseUrl: emulator.url, quota } as never);
    // Ids that do not exist: every vendor reads each one to plan a delete, and none can be listed away.
    const ids = Array.from({ length: 12 }, (_, index) => `ffffffffffffffffffff${String(index).padStart(4, '0')}`);
    return { emulator, client, ids };
  }

  it('waits for the window with waitForQuota and plans every id', async () => {
    const { client, ids } = await setup(4);
    const plan = await client.deleteItems(ids, { dryRun: true, waitForQuota: true });
    expect(plan.requested).toBe(ids.length);
    expect(plan.affected.length + plan.skipped.length).toBe(ids.length);
  }, 20_000);

  it('without it, ends RATE_LIMITED when the window is longer than the retry wait allows', async () => {
    const emulator = await startEmulator({ provider: fixture.name, seed: 'demo', rateLimit: { limit: 2, windowMs: 60_000 } });
    running.push(emulator);
    const client = createCollectionClient({ ...fixture.clientConfig(emulator.credential ?? 'any'), baseUrl: emulator.url, maxRetryWaitMs: 100 } as never);
    const ids = Array.from({ length: 12 }, (_, index) => `ffffffffffffffffffff${String(index).padStart(4, '0')}`);
    const error = await rejectionOf(client.deleteItems(ids, { dryRun: true }));
    expect(error).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
