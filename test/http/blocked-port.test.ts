import { describe, expect, it } from '@jest/globals';
import { createCollectionClient } from '../../src/index.js';
import { isNotSent } from '../../src/errors.js';
import { isRetryableTransportFailure, provesNeverSent, type OperationClass } from '../../src/http/retry-policy.js';
import { FETCH_BLOCKED_PORT, findSystemErrorCode } from '../../src/http/transport-errors.js';
import { closedPort } from '../support/loopback-server.js';
import { itemSchema, makeClient, rejectionOf } from '../support/http-harness.js';
import { VENDOR_FIXTURES } from '../support/vendors.js';

// Node's fetch refuses a port on the Fetch standard's blocked list before connecting, with no
// error code: such a request provably never left, and every attempt would be refused alike.
// And every network failure names the host it could not reach.

const METHOD_FOR = { read: 'GET', 'idempotent-write': 'PUT', 'non-idempotent-write': 'POST' } as const;
const OPERATIONS = ['read', 'idempotent-write', 'non-idempotent-write'] as const;
/** A few of the blocked ports, low and high. */
const BLOCKED_PORTS = [1, 6000, 6667, 10080];

function countingFetch(): { fetch: typeof fetch; count: () => number } {
  let fetches = 0;
  return {
    fetch: (input, init) => {
      fetches += 1;
      return fetch(input, init);
    },
    count: () => fetches,
  };
}

describe('a blocked port (fetch\'s "bad port")', () => {
  it('is recognized in the cause chain Node\'s fetch builds, and proves the request never left', () => {
    const chain = Object.assign(new Error('Request failed due to a network error: GET http://127.0.0.1:6000/x'), {
      name: 'NetworkError',
      cause: new TypeError('fetch failed', { cause: new Error('bad port') }),
    });
    expect(findSystemErrorCode(chain)).toBe(FETCH_BLOCKED_PORT);
    expect(findSystemErrorCode(new TypeError('fetch failed', { cause: new Error('other') }))).toBeUndefined();
    expect(provesNeverSent(FETCH_BLOCKED_PORT)).toBe(true);
    for (const operation of OPERATIONS) expect(isRetryableTransportFailure(operation, 'network', FETCH_BLOCKED_PORT)).toBe(false);
  });

  it.each(OPERATIONS.flatMap((operation) => BLOCKED_PORTS.map((port) => [operation, port] as const)))(
    '%s on port %d: one attempt, NETWORK naming the host and port, not sent, not retryable',
    async (operation: OperationClass, port) => {
      const counting = countingFetch();
      const { client } = makeClient(`http://127.0.0.1:${port}`, { fetch: counting.fetch });
      const error = await rejectionOf(client.request({ method: METHOD_FOR[operation], path: '/x', schema: itemSchema, operation }));
      expect(error.code).toBe('NETWORK');
      expect(error.message).toBe(`${METHOD_FOR[operation]} /x: fetch refuses to connect to 127.0.0.1:${port}: port ${port} is on its list `
        + 'of blocked ports ("bad port"), so nothing was sent; use another port');
      expect({ attempts: error.attempts, fetches: counting.count(), retryable: error.retryable }).toEqual({ attempts: 1, fetches: 1, retryable: false });
      expect(isNotSent(error)).toBe(true);
    },
  );

  it.each(VENDOR_FIXTURES.map((fixture) => [fixture.name, fixture] as const))('%s: every id of every batch is failed, none unknown', async (_name, fixture) => {
    for (const port of BLOCKED_PORTS) {
      const client = createCollectionClient({ ...fixture.clientConfig('k'), baseUrl: `http://127.0.0.1:${port}` });
      const ids = ['0123456789abcdef01234567', '0123456789abcdef01234568'];
      const collection = fixture.descriptor.collectionId === undefined ? 'research_papers' : '0123456789abcdef0123456a';
      const results = [
        await client.deleteItems(ids),
        await client.addItems(collection, ids),
        ...(client.capabilities.removeItems === false ? [] : [await client.removeItems(collection, ids)]),
      ];
      for (const result of results) {
        expect({ port, unknown: result.unknown, failed: result.failed.map((failure) => failure.id).sort() }).toEqual({ port, unknown: [], failed: ids });
        for (const failure of result.failed) expect(failure.reason).toContain(`port ${port} is on its list of blocked ports`);
      }
    }
  });
});

describe('network failures name the host', () => {
  it.each(OPERATIONS)('%s against a refused connection: "could not connect to <host:port>"', async (operation) => {
    const origin = await closedPort();
    const { client } = makeClient(origin);
    const error = await rejectionOf(client.request({ method: METHOD_FOR[operation], path: '/things/1', schema: itemSchema, operation, query: new URLSearchParams({ q: 'secret-query' }) }));
    expect(error.code).toBe('NETWORK');
    expect(error.message).toBe(`${METHOD_FOR[operation]} /things/1: could not connect to ${new URL(origin).host}: connection refused (ECONNREFUSED)`);
  });
});
