import nock from 'nock';
import { createCollectionClient, type Clock } from '../../../src/index.js';
import type { CollectionProvider } from '../../../src/spec/provider.js';
import { trapEveryRequest as sharedTrap } from '../../support/test-helpers.js';
import { BASE_URL } from './fixtures.js';

export const API_KEY = 'test-key-123456';
/** A key that must never show up in any output, error or inspection. */
export const CANARY_KEY = 'canary-KEY-7f3e9a1b2c4d5e6f';

export function wickson(options: Record<string, unknown> = {}): CollectionProvider {
  return createCollectionClient({ provider: 'wickson', apiKey: API_KEY, baseUrl: BASE_URL, retryDelayMs: 1, ...options });
}

/** A nock scope that insists on the credential header on every request. */
export function vendor(apiKey = API_KEY): nock.Scope {
  return nock(BASE_URL, { reqheaders: { 'x-api-key': apiKey } });
}

/** A virtual clock: waits are recorded and advance time instantly. */
export function fakeClock(start = 1_741_000_000_000): Clock & { waits: number[]; t: () => number } {
  let t = start;
  const waits: number[] = [];
  return {
    waits,
    t: () => t,
    now: () => t,
    sleep: async (ms: number) => {
      waits.push(ms);
      t += ms;
    },
  };
}

/** Counts every request to the vendor origin, to prove that bad input never reaches it. */
export const trapEveryRequest = () => sharedTrap(BASE_URL);

export { collect, rejectionOf } from '../../support/test-helpers.js';

/**
 * nock 15 calls a one-argument reply function with the fetch Request (not `(uri, body)` as
 * its README says; a two-argument one is taken as callback style), so read the JSON from it.
 */
export async function jsonBody<T>(request: Request): Promise<T> {
  return (await request.json()) as T;
}
