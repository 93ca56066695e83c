import nock from 'nock';
import { matchRoute } from '../../src/emulator/emulator-server.js';
import { VENDOR_FIXTURES, type VendorFixture } from '../support/vendors.js';
import type { ContractHarness } from './contract-world.js';
import { CONTRACT_CREDENTIAL, clientsFor, mappingFor } from './vendor-mappings.js';

/**
 * nock in front of the emulator's request handler: the same vendor behaviour, no sockets.
 * Every request the adapter makes is intercepted; anything else fails (net connect disabled).
 */
function nockHarness(fixture: VendorFixture): ContractHarness {
  // The vendor's real origin, which nock intercepts.
  const origin = fixture.descriptor.defaultBaseUrl;
  return {
    name: `${fixture.name} adapter against nock scenarios`,
    async mount(world) {
      const mapping = mappingFor(fixture, world);
      const app = fixture.emulator.create({
        seed: mapping.seed, credentials: fixture.emulatorCredentials(CONTRACT_CREDENTIAL), now: Date.now,
      });
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
        ...clientsFor(fixture, origin),
        requestCount: () => requests,
        // The file's useNock() disables net connect and removes nock afterwards.
        close: async () => {
          nock.cleanAll();
        },
      };
    },
  };
}

export const nockHarnesses: ContractHarness[] = VENDOR_FIXTURES.map(nockHarness);
