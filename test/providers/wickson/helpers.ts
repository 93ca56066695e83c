import nock from 'nock';
import { createCollectionClient } from '../../../src/index.js';
import type { Clock, CollectionError } from '../../../src/index.js';
import type { CollectionProvider } from '../../../src/spec/provider.js';
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

/**
 * Counts every request to the vendor origin, whatever its method and path. Used to prove that
 * input errors and protected collections never reach the network.
 */
export function trapEveryRequest(): { count: () => number } {
  let hits = 0;
  const scope = nock(BASE_URL).persist();
  const reply = () => {
    hits += 1;
    return [599, {}] as [number, object];
  };
  scope.get(/.*/).reply(reply);
  scope.post(/.*/).reply(reply);
  scope.put(/.*/).reply(reply);
  scope.delete(/.*/).reply(reply);
  return { count: () => hits };
}

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const value of iterable) out.push(value);
  return out;
}

/** Awaits a promise that must reject and returns the rejection (expected to be a CollectionError). */
export async function rejectionOf(promise: Promise<unknown>): Promise<CollectionError> {
  try {
    await promise;
  } catch (error) {
    return error as CollectionError;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

/**
 * nock 15 calls a one-argument reply function with the fetch Request (not `(uri, body)` as
 * its README says; a two-argument one is taken as callback style), so read the JSON from it.
 */
export async function jsonBody<T>(request: Request): Promise<T> {
  return (await request.json()) as T;
}
