import { createCollectionClient, registerProvider } from '../../src/index.js';
import { InMemoryAccount, InMemoryAdapter, inMemoryConfigSchema } from '../support/in-memory-provider.js';
import type { ContractHarness } from './contract-world.js';

const KEY = 'contract-plug-in-key-1234';

/**
 * The third provider, registered from outside through the public API only. It implements only
 * request-level methods; the contract suite proves it gets every promise from the core.
 */
export const plugInHarness: ContractHarness = {
  name: 'in-memory plug-in registered from outside',
  async mount(world) {
    registerProvider({ name: 'in-memory', configSchema: inMemoryConfigSchema, useFactory: (config) => new InMemoryAdapter(config) });
    const account = new InMemoryAccount(KEY, Object.fromEntries(world.collections.map((c) => [c.key, c.items])));
    return {
      client: createCollectionClient({ provider: 'in-memory', apiKey: KEY, account }),
      unauthorizedClient: createCollectionClient({ provider: 'in-memory', apiKey: 'wrong-key-0000', account }),
      collectionId: (key) => key,
      itemId: (label) => label,
      missingCollectionId: 'no_such_collection',
      missingItemId: 'missing_item',
      requestCount: () => account.requests,
      close: async () => undefined,
    };
  },
};
