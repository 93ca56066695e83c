import { afterEach, describe, expect, it } from '@jest/globals';
import { type CollectionError, isNotSent } from '../../src/errors.js';
import { systemClock } from '../../src/http/clock.js';
import type { OperationClass } from '../../src/http/retry-policy.js';
import { FAKE_EPOCH, FakeClock } from '../support/fake-clock.js';
import { itemSchema, makeClient, rejectionOf } from '../support/http-harness.js';
import { type LoopbackServer, startLoopback } from '../support/loopback-server.js';

// Figure 4: abort rejects with ABORTED within 50 ms, at every stage, and sends nothing more.
const ABORT_BOUND_MS = 50;
const METHOD_FOR = { read: 'GET', 'idempotent-write': 'PUT', 'non-idempotent-write': 'POST' } as const;

let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await pause(5);
}

/** Starts a call; `abortNow()` aborts it and resolves to the error and the ms it took to reject. */
function abortable(baseUrl: string, operation: OperationClass, overrides: Parameters<typeof makeClient>[1] = {}) {
  const { client, clock } = makeClient(baseUrl, { attemptTimeoutMs: 5_000, ...overrides });
  const controller = new AbortController();
  let rejectedAt = 0;
  const settled = rejectionOf(client.request({
    method: METHOD_FOR[operation], path: '/things/1', schema: itemSchema, operation, signal: controller.signal,
  })).finally(() => { rejectedAt = performance.now(); });
  const abortNow = async (): Promise<{ error: CollectionError; latencyMs: number }> => {
    const abortedAt = performance.now();
    controller.abort();
    const error = await settled;
    return { error, latencyMs: rejectedAt - abortedAt };
  };
  return { abortNow, clock, client };
}

describe('abort while the request is in flight', () => {
  it.each(['read', 'idempotent-write', 'non-idempotent-write'] as const)('%s: silent server', async (operation) => {
    server = await startLoopback(() => undefined);
    const call = abortable(server.url, operation);
    await until(() => server!.requests === 1);
    const { error, latencyMs } = await call.abortNow();
    expect(error.code).toBe('ABORTED');
    expect(latencyMs).toBeLessThan(ABORT_BOUND_MS);
    // It was sent: a batch must not claim it never happened.
    expect(isNotSent(error)).toBe(false);
    await pause(100);
    expect(server.requests).toBe(1);
  });

  it('while the body is stalled', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"id":"');
    });
    const call = abortable(server.url, 'read');
    await until(() => server!.requests === 1);
    await pause(30);
    const { error, latencyMs } = await call.abortNow();
    expect(error.code).toBe('ABORTED');
    expect(latencyMs).toBeLessThan(ABORT_BOUND_MS);
    await pause(100);
    expect(server.requests).toBe(1);
  });
});

describe('abort during a wait', () => {
  it.each([
    ['a backoff after 503', 503, {}],
    ['a Retry-After wait after 429', 429, { 'retry-after': '20' }],
  ] as const)('%s (clock that holds sleeps)', async (_label, status, headers) => {
    server = await startLoopback((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end('{}');
    });
    const clock = new FakeClock({ hold: true });
    const call = abortable(server.url, 'read', { clock });
    await clock.whenSleeping();
    const { error, latencyMs } = await call.abortNow();
    expect(error.code).toBe('ABORTED');
    expect(latencyMs).toBeLessThan(ABORT_BOUND_MS);
    clock.advance(60_000);
    await pause(100);
    expect(server.requests).toBe(1);
  });

  it('a real backoff wait on the system clock', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const call = abortable(server.url, 'read', { clock: systemClock, backoff: { baseDelayMs: 5_000, maxDelayMs: 5_000 } });
    await until(() => server!.requests === 1);
    await pause(30);
    const { error, latencyMs } = await call.abortNow();
    expect(error.code).toBe('ABORTED');
    expect(latencyMs).toBeLessThan(ABORT_BOUND_MS);
    expect(server.requests).toBe(1);
  });

  it('a rate-limit pause (X-RateLimit-Remaining: 0): nothing sent, marked not sent', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(FAKE_EPOCH / 1000 + 10) });
      res.end('{"id":"a"}');
    });
    const clock = new FakeClock({ hold: true });
    const first = makeClient(server.url, { clock });
    await first.client.request({ method: 'GET', path: '/a', schema: itemSchema, operation: 'read' });
    const controller = new AbortController();
    const settled = rejectionOf(first.client.request({
      method: 'POST', path: '/b', schema: itemSchema, operation: 'non-idempotent-write', signal: controller.signal,
    }));
    await clock.whenSleeping();
    expect(clock.sleeps).toEqual([10_000]);
    const abortedAt = performance.now();
    controller.abort();
    const error = await settled;
    expect(performance.now() - abortedAt).toBeLessThan(ABORT_BOUND_MS);
    expect(error.code).toBe('ABORTED');
    expect(isNotSent(error)).toBe(true);
    expect(server.requests).toBe(1);
  });
});

describe('the operation deadline during a held wait', () => {
  it('fires as TIMEOUT, not ABORTED, and sends nothing more', async () => {
    server = await startLoopback((_req, res) => {
      res.writeHead(503);
      res.end();
    });
    const clock = new FakeClock({ hold: true });
    const { client } = makeClient(server.url, { clock, operationTimeoutMs: 150 });
    const startedAt = performance.now();
    const error = await rejectionOf(client.request({ method: 'GET', path: '/x', schema: itemSchema, operation: 'read' }));
    expect(error.code).toBe('TIMEOUT');
    expect(performance.now() - startedAt).toBeLessThan(150 + ABORT_BOUND_MS);
    expect(server.requests).toBe(1);
  });
});
