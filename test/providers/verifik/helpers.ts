import nock from 'nock';
import { createCollectionClient } from '../../../src/index.js';
import type { CollectionProvider } from '../../../src/spec/provider.js';
import { trapEveryRequest as sharedTrap } from '../../support/test-helpers.js';
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
export const trapEveryRequest = () => sharedTrap(BASE_URL);

export { collect, rejectionOf } from '../../support/test-helpers.js';
