import { expect } from '@jest/globals';
import nock from 'nock';
import { createCollectionClient, isCollectionError, type CollectionError } from '../../../src/index.js';
import type { CollectionProvider } from '../../../src/spec/provider.js';
import { BASE_URL } from './fixtures.js';

export const TOKEN = 'test-token-123456';

// nock is installed per file and removed afterwards: see test/support/use-nock.ts.
export { useNock } from '../../support/use-nock.js';

/** A client against the nocked origin; tiny backoff so retries do not sleep. */
export function verifik(options: Record<string, unknown> = {}): CollectionProvider {
  return createCollectionClient({ provider: 'verifik', token: TOKEN, baseUrl: BASE_URL, retryDelayMs: 1, ...options });
}

/** A nock scope that insists on the documented headers on every request. */
export function vendor(token = TOKEN): nock.Scope {
  return nock(BASE_URL, {
    reqheaders: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
}

/** Counts every request to the vendor origin, to prove that bad input never reaches it. */
export function trapEveryRequest(): { count: () => number } {
  let hits = 0;
  const scope = nock(BASE_URL).persist();
  const reply = (): [number, object] => {
    hits += 1;
    return [599, {}];
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

/** The CollectionError a promise rejects with (fails the test if it resolves or throws something else). */
export async function rejectionOf(promise: Promise<unknown>): Promise<CollectionError> {
  try {
    await promise;
  } catch (error) {
    expect(isCollectionError(error)).toBe(true);
    return error as CollectionError;
  }
  throw new Error('expected the call to reject');
}
