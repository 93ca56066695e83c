import nock from 'nock';
import { matchRoute, type VendorApp } from '../../src/emulator/emulator-server.js';
import { createVerifikApp } from '../../src/emulator/verifik-emulator.js';
import { createWicksonApp } from '../../src/emulator/wickson-emulator.js';
import type { VerifikSeed, WicksonSeed } from '../../src/emulator/types.js';
import type { ContractHarness, ContractWorld } from './contract-world.js';
import {
  clientsFor, type VendorMapping, VERIFIK_TOKEN, verifikMapping, WICKSON_KEY, wicksonMapping,
} from './vendor-mappings.js';

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
        // The file's useNock() disables net connect and removes nock afterwards.
        close: async () => {
          nock.cleanAll();
        },
      };
    },
  };
}

export const nockHarnesses: ContractHarness[] = [
  nockHarness('wickson', 'https://api.wickson.ai', wicksonMapping,
    (seed) => createWicksonApp({ seed: seed as WicksonSeed, apiKey: WICKSON_KEY, now: Date.now })),
  nockHarness('verifik', 'https://api.verifik.co', verifikMapping,
    (seed) => createVerifikApp({ seed: seed as VerifikSeed, token: VERIFIK_TOKEN, now: Date.now })),
];
