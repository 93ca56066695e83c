import { describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { errorCertainlyChangedNothing } from '../../src/batch/chunk-outcome.js';
import type { OperationClass } from '../../src/http/retry-policy.js';
import { itemSchema, makeClient, rejectionOf } from '../support/http-harness.js';
import { useNock } from '../support/use-nock.js';

// Figure 1: attempts, counted where they land (the nock interceptor), for every status cell.
const ORIGIN = 'https://vendor.test';
const METHOD_FOR: Record<OperationClass, 'GET' | 'PUT' | 'POST'> = {
  read: 'GET', 'idempotent-write': 'PUT', 'non-idempotent-write': 'POST',
};

useNock();

/** Answers every request with `reply(n)` and counts them. */
function serve(method: string, reply: (n: number) => [number, unknown, Record<string, string>?]): { hits: () => number } {
  let hits = 0;
  nock(ORIGIN).intercept('/things/1', method).reply(() => {
    hits += 1;
    const [status, body, headers] = reply(hits);
    return [status, typeof body === 'string' ? body : JSON.stringify(body), { 'content-type': 'application/json', ...headers }];
  }).persist();
  return { hits: () => hits };
}

function call(operation: OperationClass, signal?: AbortSignal) {
  const { client, clock } = makeClient(ORIGIN);
  const promise = client.request({
    method: METHOD_FOR[operation], path: '/things/1', schema: itemSchema, operation,
    ...(operation === 'read' ? {} : { json: { name: 'x' } }),
    ...(signal ? { signal } : {}),
  });
  return { promise, clock };
}

const RETRYABLE = [408, 429, 500, 502, 503, 504];
const FINAL = [400, 401, 403, 404, 409, 412, 501];

describe('attempts per status and operation class', () => {
  for (const operation of ['read', 'idempotent-write'] as const) {
    it.each(RETRYABLE)(`${operation}: %i is tried 3 times`, async (status) => {
      const server = serve(METHOD_FOR[operation], () => [status, { message: 'nope' }]);
      const error = await rejectionOf(call(operation).promise);
      expect(server.hits()).toBe(3);
      expect(error.attempts).toBe(3);
      expect(error.status).toBe(status);
    });
  }

  for (const operation of ['read', 'idempotent-write', 'non-idempotent-write'] as const) {
    it.each(FINAL)(`${operation}: %i is tried once`, async (status) => {
      const server = serve(METHOD_FOR[operation], () => [status, { message: 'no' }]);
      const error = await rejectionOf(call(operation).promise);
      expect(server.hits()).toBe(1);
      expect(error.attempts).toBe(1);
      expect(error.status).toBe(status);
    });
  }

  it.each([408, 500, 502, 503, 504])('non-idempotent-write: %i is tried once (it may have happened)', async (status) => {
    const server = serve('POST', () => [status, { message: 'maybe' }]);
    const error = await rejectionOf(call('non-idempotent-write').promise);
    expect(server.hits()).toBe(1);
    expect(error.status).toBe(status);
  });

  it('non-idempotent-write: 429 is retried (the vendor refused it)', async () => {
    const server = serve('POST', () => [429, { message: 'slow down' }]);
    const { promise, clock } = call('non-idempotent-write');
    const error = await rejectionOf(promise);
    expect(server.hits()).toBe(3);
    expect(error.code).toBe('RATE_LIMITED');
    expect(clock.sleeps).toHaveLength(2);
  });

  it('500 then 200 succeeds on the second attempt', async () => {
    const server = serve('GET', (n) => (n === 1 ? [500, { message: 'oops' }] : [200, { id: 'a1' }]));
    const result = await call('read').promise;
    expect(result).toMatchObject({ data: { id: 'a1' }, status: 200, attempts: 2 });
    expect(server.hits()).toBe(2);
  });

  it.each(['read', 'idempotent-write', 'non-idempotent-write'] as const)('%s: a schema failure is not retried', async (operation) => {
    const server = serve(METHOD_FOR[operation], () => [200, { id: 42 }]);
    const error = await rejectionOf(call(operation).promise);
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(server.hits()).toBe(1);
  });
});

describe('attempts on network errors (nock replyWithError)', () => {
  /** Counts the requests nock answered: each one decrements the interceptor's remaining uses. */
  function failWith(method: string, code: string): { hits: () => number } {
    const interceptor = nock(ORIGIN).intercept('/things/1', method).times(10);
    // replyWithError needs a real Error instance (a plain object hangs nock 15 with fetch).
    interceptor.replyWithError(Object.assign(new Error(`simulated ${code}`), { code }));
    return { hits: () => 10 - (interceptor as unknown as { counter: number }).counter };
  }

  it.each([
    ['read', 'ECONNRESET', 3], ['idempotent-write', 'ECONNRESET', 3], ['non-idempotent-write', 'ECONNRESET', 1],
    ['read', 'ECONNREFUSED', 3], ['idempotent-write', 'ECONNREFUSED', 3], ['non-idempotent-write', 'ECONNREFUSED', 3],
    ['read', 'ENOTFOUND', 3], ['non-idempotent-write', 'ENOTFOUND', 3],
    ['read', 'UND_ERR_SOCKET', 3], ['non-idempotent-write', 'UND_ERR_SOCKET', 1],
  ] as const)('%s with %s: %i attempts, NETWORK', async (operation, code, expected) => {
    const server = failWith(METHOD_FOR[operation], code);
    const error = await rejectionOf(call(operation).promise);
    expect(error.code).toBe('NETWORK');
    expect(server.hits()).toBe(expected);
    expect(error.attempts).toBe(expected);
  });
});

describe('caller abort', () => {
  it.each(['read', 'idempotent-write', 'non-idempotent-write'] as const)('%s: an already-aborted signal sends nothing', async (operation) => {
    const server = serve(METHOD_FOR[operation], () => [200, { id: 'a' }]);
    const controller = new AbortController();
    controller.abort();
    const error = await rejectionOf(call(operation, controller.signal).promise);
    expect(error.code).toBe('ABORTED');
    expect(server.hits()).toBe(0);
  });
});

describe('what the final error says about earlier attempts (for batch partitions)', () => {
  it('500 then 404 on an idempotent write: the 404 does not prove nothing happened', async () => {
    serve('PUT', (n) => (n === 1 ? [500, {}] : [404, { message: 'gone' }]));
    const error = await rejectionOf(call('idempotent-write').promise);
    expect(error).toMatchObject({ code: 'NOT_FOUND', attempts: 2 });
    expect(errorCertainlyChangedNothing(error)).toBe(false);
  });

  it('429 then 400 on a create: every attempt was refused, so nothing happened', async () => {
    serve('POST', (n) => (n === 1 ? [429, {}] : [400, { message: 'bad' }]));
    const error = await rejectionOf(call('non-idempotent-write').promise);
    expect(error).toMatchObject({ code: 'INVALID_INPUT', attempts: 2 });
    expect(errorCertainlyChangedNothing(error)).toBe(true);
  });
});

describe('errors thrown by our own code are not retried', () => {
  it('a vendor mapper that throws: one request, PROVIDER_ERROR', async () => {
    const server = serve('GET', () => [400, { message: 'bad' }]);
    const { client } = makeClient(ORIGIN, { mapError: () => { throw new TypeError('mapper bug'); } });
    const error = await rejectionOf(client.request({ method: 'GET', path: '/things/1', schema: itemSchema, operation: 'read' }));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', retryable: false });
    expect(server.hits()).toBe(1);
  });

  it('an auth callback that throws: nothing sent', async () => {
    const server = serve('GET', () => [200, { id: 'a' }]);
    const { client } = makeClient(ORIGIN, { authHeaders: async () => { throw new Error('no token'); } });
    const error = await rejectionOf(client.request({ method: 'GET', path: '/things/1', schema: itemSchema, operation: 'read' }));
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR', attempts: 0 });
    expect(server.hits()).toBe(0);
  });
});
