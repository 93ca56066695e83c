import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { createCollectionClient, registerProvider, type AdapterCall, type ChunkOutcome } from 'unified-collections';
import { InMemoryAccount, InMemoryAdapter, inMemoryConfigSchema } from '../support/in-memory-provider.js';

// What the core guarantees whatever a plug-in does: it never trusts an adapter's shape,
// capabilities or errors beyond what it checked itself.

function clientWith(name: string, build: (config: never) => InMemoryAdapter) {
  registerProvider({ name, configSchema: inMemoryConfigSchema.extend({ provider: z.literal(name) }), useFactory: (config) => build(config as never) });
  const account = new InMemoryAccount('in-memory-key', { c: ['a', 'b', 'c'], d: [] });
  return { client: createCollectionClient({ provider: name, account } as never), account };
}

describe('the core around a misbehaving plug-in', () => {
  it('an adapter with a removeItems method but no removeItems capability is UNSUPPORTED, with nothing sent', async () => {
    class Sneaky extends InMemoryAdapter {
      async removeItems(): Promise<ChunkOutcome> { throw new Error('must not be called'); }
    }
    const { client, account } = clientWith('sneaky-remove', (config) => new Sneaky(config));
    expect(client.capabilities.removeItems).toBe(false);
    const before = account.requests;
    await expect(client.removeItems('c', ['a'])).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(account.requests).toBe(before);
  });

  it('a malformed chunk outcome leaves its ids unknown instead of losing the batch to a TypeError', async () => {
    class Partial extends InMemoryAdapter {
      override async deleteItems(ids: string[], call: AdapterCall): Promise<ChunkOutcome> {
        await super.deleteItems(ids, call);
        return ids.includes('a') ? ({ succeeded: ids } as ChunkOutcome) : (null as unknown as ChunkOutcome);
      }
    }
    const { client } = clientWith('partial-outcome', (config) => new Partial(config));
    const result = await client.deleteItems(['a', 'b', 'c']); // maxDeleteBatch 2: [a, b] then [c]
    expect(result.succeeded).toEqual(['a', 'b']);
    expect(result.unknown).toEqual(['c']);
    expect(result.failed).toEqual([]);
  });

  it('a plain Error thrown by an adapter comes out as PROVIDER_ERROR without quoting it', async () => {
    class Throwing extends InMemoryAdapter {
      override async getCollection(): Promise<never> { throw new Error('secret-token-abcdef leaked in a message'); }
    }
    const { client } = clientWith('throwing', (config) => new Throwing(config));
    const error = await client.getCollection('c').then(() => undefined, (e: unknown) => e as Error & { code?: string });
    expect(error?.code).toBe('PROVIDER_ERROR');
    expect(JSON.stringify(error)).not.toContain('secret-token');
    expect(String(error?.message)).not.toContain('secret-token');
  });

  it.each([0, -1, 1.5, Number.NaN])('a declared maxPageSize of %p is a CONFIG error when the client is built', (bad) => {
    class Broken extends InMemoryAdapter {
      constructor(config: never) {
        super(config);
        this.capabilities.maxPageSize = bad;
      }
    }
    expect(() => clientWith(`broken-page-${String(bad)}`, (config) => new Broken(config))).toThrow(/maxPageSize/);
  });
});
