import { afterEach, describe, expect, it } from '@jest/globals';
import { CollectionError } from '../../src/errors.js';
import { itemSchema, makeClient, rejectionOf } from '../support/http-harness.js';
import { type LoopbackServer, startLoopback } from '../support/loopback-server.js';

// An app's token function is outside our control: it must not hold a call past its deadline
// or past the caller's abort, and nothing may be sent while it is pending.
let server: LoopbackServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const never = () => new Promise<Record<string, string>>(() => undefined);

describe('credential headers from a slow token source', () => {
  it('times out at the operation deadline, sending nothing', async () => {
    server = await startLoopback((_req, res) => res.end('{"id":"1"}'));
    const { client } = makeClient(server.url, { authHeaders: never, operationTimeoutMs: 150 });
    const started = performance.now();
    const error = await rejectionOf(client.request({ method: 'GET', path: '/things/1', schema: itemSchema, operation: 'read' }));
    expect(error.code).toBe('TIMEOUT');
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(server.requests).toBe(0);
  });

  it('rejects with ABORTED as soon as the caller aborts', async () => {
    server = await startLoopback((_req, res) => res.end('{"id":"1"}'));
    const { client } = makeClient(server.url, { authHeaders: never });
    const controller = new AbortController();
    const pending = rejectionOf(client.request({
      method: 'GET', path: '/things/1', schema: itemSchema, operation: 'read', signal: controller.signal,
    }));
    setTimeout(() => controller.abort(), 20);
    expect((await pending).code).toBe('ABORTED');
    expect(server.requests).toBe(0);
  });
});

describe('retryable flag', () => {
  it.each([[408, true], [429, true], [500, true], [503, true], [400, false], [404, false], [409, false]])(
    'status %i → retryable %s', (status, retryable) => {
      const code = status === 429 ? 'RATE_LIMITED' : status >= 500 || status === 408 ? 'PROVIDER_ERROR' : 'INVALID_INPUT';
      expect(new CollectionError({ code, provider: 'test', message: 'x', status }).retryable).toBe(retryable);
    },
  );
});
