import { afterEach, describe, expect, it } from '@jest/globals';
import { isNotSent } from '../../src/errors.js';
import type { OperationClass } from '../../src/http/retry-policy.js';
import { closedPort, drip, type LoopbackServer, startLoopback } from '../support/loopback-server.js';
import { itemSchema, makeClient, rejectionOf } from '../support/http-harness.js';

// Figures 1 and 3 over real sockets: attempts counted by the server, and no hang past a bound.
const METHOD_FOR = { read: 'GET', 'idempotent-write': 'PUT', 'non-idempotent-write': 'POST' } as const;
const MARGIN_MS = 150;

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function call(baseUrl: string, operation: OperationClass, settings: { attemptTimeoutMs?: number; operationTimeoutMs?: number } = {}) {
  const { client } = makeClient(baseUrl, { attemptTimeoutMs: 200, operationTimeoutMs: 3_000, ...settings });
  const startedAt = performance.now();
  const promise = client.request({ method: METHOD_FOR[operation], path: '/things/1', schema: itemSchema, operation });
  return { promise, elapsed: () => performance.now() - startedAt };
}

const OPERATIONS = ['read', 'idempotent-write', 'non-idempotent-write'] as const;
const retried = (operation: OperationClass) => (operation === 'non-idempotent-write' ? 1 : 3);

describe('connection refused (provably never sent)', () => {
  it.each(OPERATIONS)('%s: retried 3 times, NETWORK, marked not sent', async (operation) => {
    const origin = await closedPort();
    let fetches = 0;
    const countingFetch: typeof fetch = (input, init) => {
      fetches += 1;
      return fetch(input, init);
    };
    const { client } = makeClient(origin, { fetch: countingFetch });
    const error = await rejectionOf(client.request({ method: METHOD_FOR[operation], path: '/x', schema: itemSchema, operation }));
    expect(error.code).toBe('NETWORK');
    expect(error.attempts).toBe(3);
    expect(fetches).toBe(3);
    expect(isNotSent(error)).toBe(true);
  });
});

describe('reset after the request was sent', () => {
  it.each(OPERATIONS)('%s: attempts counted at the server', async (operation) => {
    server = await startLoopback((req) => {
      req.resume();
      req.on('end', () => req.socket.resetAndDestroy());
    });
    const error = await rejectionOf(call(server.url, operation).promise);
    expect(error.code).toBe('NETWORK');
    expect(server.requests).toBe(retried(operation));
    expect(isNotSent(error)).toBe(false);
  });
});

describe('a server that never answers', () => {
  it.each(OPERATIONS)('%s: TIMEOUT per attempt, attempts counted at the server', async (operation) => {
    server = await startLoopback(() => undefined);
    const { promise, elapsed } = call(server.url, operation, { attemptTimeoutMs: 150 });
    const error = await rejectionOf(promise);
    expect(error.code).toBe('TIMEOUT');
    expect(server.requests).toBe(retried(operation));
    expect(elapsed()).toBeLessThan(150 * retried(operation) + MARGIN_MS);
  });

  it('the operation deadline bounds the whole call, retries included', async () => {
    server = await startLoopback(() => undefined);
    const { promise, elapsed } = call(server.url, 'read', { attemptTimeoutMs: 150, operationTimeoutMs: 250 });
    const error = await rejectionOf(promise);
    expect(error.code).toBe('TIMEOUT');
    expect(error.message).toContain('250 ms operation deadline');
    expect(elapsed()).toBeGreaterThanOrEqual(240);
    expect(elapsed()).toBeLessThan(250 + MARGIN_MS);
    expect(server.requests).toBe(2);
  });
});

describe('headers, then a stalled body', () => {
  it.each(OPERATIONS)('%s: TIMEOUT, and a read retries it like any transport failure', async (operation) => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":');
    });
    const { promise, elapsed } = call(server.url, operation, { attemptTimeoutMs: 150 });
    const error = await rejectionOf(promise);
    expect(error.code).toBe('TIMEOUT');
    expect(error.status).toBe(200);
    expect(server.requests).toBe(retried(operation));
    expect(elapsed()).toBeLessThan(150 * retried(operation) + MARGIN_MS);
  });

  it('the attempt timeout includes the body read (slow headers + stalled body = one bound)', async () => {
    server = await startLoopback((_req, res) => {
      setTimeout(() => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"id":');
      }, 150);
    });
    const { promise, elapsed } = call(server.url, 'non-idempotent-write', { attemptTimeoutMs: 250 });
    const error = await rejectionOf(promise);
    expect(error.code).toBe('TIMEOUT');
    // Headers at 150 ms; a per-read timer restarted then would end at 400 ms.
    expect(elapsed()).toBeGreaterThanOrEqual(240);
    expect(elapsed()).toBeLessThan(250 + 100);
  });
});

describe('a slow drip (1 byte every 200 ms)', () => {
  it.each(OPERATIONS)('%s: TIMEOUT at the attempt bound, never a hang', async (operation) => {
    server = await startLoopback((_req, res) => drip(res, JSON.stringify({ id: 'drip'.repeat(10) }), 200));
    const { promise, elapsed } = call(server.url, operation, { attemptTimeoutMs: 300, operationTimeoutMs: 700 });
    const error = await rejectionOf(promise);
    expect(error.code).toBe('TIMEOUT');
    expect(elapsed()).toBeLessThan(700 + MARGIN_MS);
    expect(server.requests).toBeLessThanOrEqual(retried(operation));
  });
});

describe('socket destroyed mid-body', () => {
  it.each(OPERATIONS)('%s: NETWORK, retried for reads and idempotent writes', async (operation) => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"id":"hal', () => setTimeout(() => res.socket?.destroy(), 10));
    });
    const error = await rejectionOf(call(server.url, operation).promise);
    expect(error.code).toBe('NETWORK');
    expect(server.requests).toBe(retried(operation));
  });

  it('a body shorter than its Content-Length is never taken as complete JSON', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '50' });
      res.end('{"id":"ok"}');
      res.socket?.destroy();
    });
    const error = await rejectionOf(call(server.url, 'non-idempotent-write').promise);
    expect(['NETWORK', 'INVALID_RESPONSE']).toContain(error.code);
  });
});

describe('recovery over real sockets', () => {
  it('a stalled body on the first attempt, then a good answer: succeeds with 2 attempts', async () => {
    server = await startLoopback((_req, res, n) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      if (n === 1) res.write('{"id":');
      else res.end('{"id":"second"}');
    });
    const { client } = makeClient(server.url, { attemptTimeoutMs: 150 });
    const result = await client.request({ method: 'GET', path: '/x', schema: itemSchema, operation: 'read' });
    expect(result).toMatchObject({ data: { id: 'second' }, attempts: 2 });
    expect(server.requests).toBe(2);
  });
});
