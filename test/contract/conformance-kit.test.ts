import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { createCollectionClient, registerProvider, type AdapterCall, type ChunkOutcome } from 'unified-collections';
import { runConformance, type ConformanceHarness } from 'unified-collections/testing';
import { InMemoryAccount, InMemoryAdapter, inMemoryConfigSchema } from '../support/in-memory-provider.js';
import { plugInHarness } from './plug-in-harness.js';

/** Claims every delete succeeded, even for items that do not exist. */
class OverclaimingAdapter extends InMemoryAdapter {
  override async deleteItems(ids: string[], call: AdapterCall): Promise<ChunkOutcome> {
    await super.deleteItems(ids, call);
    return { succeeded: ids, failed: [], unknown: [] };
  }
}

function harnessFor(name: string, build: (config: never) => InMemoryAdapter): ConformanceHarness {
  registerProvider({ name, configSchema: inMemoryConfigSchema.extend({ provider: z.literal(name) }), useFactory: (config) => build(config as never) });
  return {
    name,
    async mount(world) {
      const account = new InMemoryAccount('k-123456', Object.fromEntries(world.collections.map((c) => [c.key, c.items])));
      const config = { provider: name, apiKey: 'k-123456', account } as never;
      return {
        client: createCollectionClient(config),
        unauthorizedClient: createCollectionClient({ ...(config as object), apiKey: 'wrong-0000' } as never),
        collectionId: (key) => key,
        itemId: (label) => label,
        missingCollectionId: 'nope',
        missingItemId: 'missing',
        requestCount: () => account.requests,
        close: async () => undefined,
      };
    },
  };
}

describe('the conformance kit, run outside any test runner\'s own cases', () => {
  it('passes a conforming plug-in: every scenario, no failure', async () => {
    const report = await runConformance(plugInHarness);
    expect(report.failed).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.passed.length).toBeGreaterThanOrEqual(15);
  });

  it('fails an adapter that reports a missing item as deleted, naming the scenario', async () => {
    const report = await runConformance(harnessFor('overclaiming', (config) => new OverclaimingAdapter(config)));
    expect(report.ok).toBe(false);
    // The dry run then disagrees with the run too: the plan said the missing id would fail.
    expect(report.failed.map((f) => f.scenario)).toEqual([
      'deletes items and reports each id honestly',
      'a dry run of deleteItems sends no write, and its plan is what the run then does',
    ]);
  });
});
