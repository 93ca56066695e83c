import nock from 'nock';
import { createCollectionClient } from '../../src/index.js';
import { startEmulator } from '../../src/emulator/index.js';
import { matchRoute, type VendorApp } from '../../src/emulator/emulator-server.js';
import { createVerifikApp } from '../../src/emulator/verifik-emulator.js';
import { createWicksonApp } from '../../src/emulator/wickson-emulator.js';
import type { VerifikSeed, WicksonSeed } from '../../src/emulator/types.js';
import { type ContractHarness, type ContractTarget, type ContractWorld, objectIdFor } from './contract-world.js';

const WICKSON_KEY = 'contract-wickson-key-1234';
const VERIFIK_TOKEN = 'contract-verifik-token-1234';
/** Tests must not sleep: retries (if any) wait 1 ms. */
const FAST = { retryDelayMs: 1, maxRetries: 1 };

interface VendorMapping {
  provider: 'wickson' | 'verifik';
  seed: WicksonSeed | VerifikSeed;
  collectionId(key: string): string;
  itemId(label: string): string;
  missingCollectionId: string;
  missingItemId: string;
}

function wicksonMapping(world: ContractWorld): VendorMapping {
  const itemId = (label: string) => `doc_${label}`;
  return {
    provider: 'wickson',
    seed: { items: world.collections.flatMap((c) => c.items.map((label) => ({ id: itemId(label), collection: c.key }))) },
    collectionId: (key) => key,
    itemId,
    missingCollectionId: 'no_such_collection',
    missingItemId: 'doc_missing',
  };
}

function verifikMapping(world: ContractWorld): VendorMapping {
  return {
    provider: 'verifik',
    seed: {
      collections: world.collections.map((c) => ({ _id: objectIdFor(`collection:${c.key}`), name: c.key })),
      persons: world.collections.flatMap((c) => c.items.map((label) => ({
        _id: objectIdFor(`person:${label}`), name: `Person ${label}`, collections: [objectIdFor(`collection:${c.key}`)],
      }))),
    },
    collectionId: (key) => objectIdFor(`collection:${key}`),
    itemId: (label) => objectIdFor(`person:${label}`),
    missingCollectionId: objectIdFor('collection:missing'),
    missingItemId: objectIdFor('person:missing'),
  };
}

function clientsFor(mapping: VendorMapping, baseUrl: string) {
  const config = mapping.provider === 'wickson'
    ? { provider: 'wickson', apiKey: WICKSON_KEY }
    : { provider: 'verifik', token: VERIFIK_TOKEN };
  const wrong = mapping.provider === 'wickson' ? { apiKey: 'wrong-credential-0000' } : { token: 'wrong-credential-0000' };
  return {
    client: createCollectionClient({ ...config, ...FAST, baseUrl }),
    unauthorizedClient: createCollectionClient({ ...config, ...wrong, ...FAST, baseUrl }),
  };
}

function emulatorHarness(provider: 'wickson' | 'verifik', map: (world: ContractWorld) => VendorMapping): ContractHarness {
  return {
    name: `${provider} emulator over loopback HTTP`,
    async mount(world) {
      const mapping = map(world);
      const emulator = await startEmulator({
        provider, seed: mapping.seed, credentials: { apiKey: WICKSON_KEY, token: VERIFIK_TOKEN },
      });
      const target: ContractTarget = {
        ...mapping,
        ...clientsFor(mapping, emulator.url),
        requestCount: () => emulator.stats.total,
        close: () => emulator.close(),
      };
      return target;
    },
  };
}

/**
 * nock in front of the emulator's request handler: the same vendor behaviour, no sockets.
 * Every request the adapter makes is intercepted; anything else fails (net connect disabled).
 */
function nockHarness(
  provider: 'wickson' | 'verifik', origin: string, map: (world: ContractWorld) => VendorMapping,
  createApp: (seed: VendorMapping['seed']) => VendorApp,
): ContractHarness {
  return {
    name: `${provider} adapter against nock scenarios`,
    async mount(world) {
      const mapping = map(world);
      const app = createApp(mapping.seed);
      let requests = 0;
      nock.disableNetConnect();
      const scope = nock(origin).persist();
      for (const method of ['GET', 'POST', 'PUT', 'DELETE'] as const) {
        // nock 15 hands a reply function the fetch Request itself.
        scope.intercept(() => true, method).reply(async (request: Request) => {
          requests += 1;
          const url = new URL(request.url);
          const matched = matchRoute(app.routes, method, url.pathname);
          const response = app.handle({
            method, pathname: url.pathname, params: matched.params, query: url.searchParams,
            headers: Object.fromEntries(request.headers), body: Buffer.from(await request.text()), route: matched.route,
          });
          return [response.status, JSON.stringify(response.body), { 'content-type': 'application/json', ...response.headers }];
        });
      }
      return {
        ...mapping,
        ...clientsFor(mapping, origin),
        requestCount: () => requests,
        close: async () => {
          nock.cleanAll();
          nock.enableNetConnect();
        },
      };
    },
  };
}

export const emulatorHarnesses: ContractHarness[] = [
  emulatorHarness('wickson', wicksonMapping),
  emulatorHarness('verifik', verifikMapping),
];

export const nockHarnesses: ContractHarness[] = [
  nockHarness('wickson', 'https://api.wickson.ai', wicksonMapping,
    (seed) => createWicksonApp({ seed: seed as WicksonSeed, apiKey: WICKSON_KEY, now: Date.now })),
  nockHarness('verifik', 'https://api.verifik.co', verifikMapping,
    (seed) => createVerifikApp({ seed: seed as VerifikSeed, token: VERIFIK_TOKEN, now: Date.now })),
];
