import { afterEach, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { z } from 'zod';
import type { CollectionError } from '../../src/errors.js';
import type { HttpClientSettings } from '../../src/http/http-client.js';
import type { RequestSpec } from '../../src/http/request-spec.js';
import {
  CANARY, CANARY_FORMS, expectNoCanary, itemSchema, makeClient, rejectionOf, renderings,
} from '../support/http-harness.js';
import { useNock } from '../support/use-nock.js';
import { type LoopbackServer, startLoopback } from '../support/loopback-server.js';

// Figure 7: the canary credential, in every encoding, never reaches any rendering of an error,
// over every fault, even when the server echoes it back; redirects carry it nowhere.
const ORIGIN = 'https://vendor.test';
const JSON_TYPE = { 'content-type': 'application/json' };
const ENCODED = encodeURIComponent(CANARY);
const BASE64 = Buffer.from(CANARY).toString('base64');
const echoAll = `key=${CANARY} enc=${ENCODED} b64=${BASE64} auth="Bearer ${CANARY}"`;

useNock({ allowLoopback: true });

/** Every interceptor demands the canary, so a leak test can't pass by the key never being sent. */
function serve(status: number, body: string, headers: Record<string, string> = JSON_TYPE): void {
  nock(ORIGIN).matchHeader('x-api-key', CANARY).matchHeader('authorization', `Bearer ${CANARY}`)
    .intercept('/things/1', 'GET').times(5).reply(status, body, headers);
}

async function failure(overrides: Partial<HttpClientSettings> = {}, spec: Partial<RequestSpec<unknown>> = {}, origin = ORIGIN): Promise<CollectionError> {
  const { client } = makeClient(origin, overrides);
  return rejectionOf(client.request({ method: 'GET', path: '/things/1', schema: itemSchema, operation: 'read', ...spec }));
}

const ECHOING_ANSWERS: Array<[string, number, string, Record<string, string>]> = [
  ['400 echoing the key in message, code and request id', 400, JSON.stringify({ message: echoAll, code: CANARY, request_id: `req_${CANARY}` }), JSON_TYPE],
  ['401 with "Bearer <key>" in the message', 401, JSON.stringify({ message: `Bearer ${CANARY} is not valid` }), JSON_TYPE],
  ['403 with the URL-encoded and base64 key', 403, JSON.stringify({ message: `${ENCODED} / ${BASE64}` }), JSON_TYPE],
  ['404 echoing in a nested envelope', 404, JSON.stringify({ error: { message: echoAll }, message: echoAll }), JSON_TYPE],
  ['409 echoing', 409, JSON.stringify({ message: echoAll }), JSON_TYPE],
  ['429 storm echoing (retried, then reported)', 429, JSON.stringify({ message: echoAll, details: { reset_time: 1 } }), JSON_TYPE],
  ['500 echoing (retried, then reported)', 500, JSON.stringify({ message: echoAll }), JSON_TYPE],
  ['502 HTML echoing', 502, `<html><body>upstream said ${echoAll}</body></html>`, { 'content-type': 'text/html' }],
  ['200 HTML echoing the key', 200, `<html><body>${echoAll}</body></html>`, { 'content-type': 'text/html' }],
  ['200 HTML with the key at the start', 200, `${CANARY}${'.'.repeat(500)}`, { 'content-type': 'text/html' }],
  ['200 truncated JSON echoing', 200, `{"id":"${CANARY}`, JSON_TYPE],
  ['200 wrong shape echoing', 200, JSON.stringify({ id: 7, name: echoAll }), JSON_TYPE],
  ['302 with the key in Location', 302, '', { location: `https://elsewhere.test/?k=${ENCODED}` }],
];

describe('servers that echo the credential', () => {
  it.each(ECHOING_ANSWERS)('%s', async (_label, status, body, headers) => {
    serve(status, body, headers);
    const error = await failure();
    expect(error.status).toBe(status);
    expectNoCanary(error);
    // The redaction is visible, so the test is not passing on an empty message.
    if (status === 400) expect(error.message).toContain('[REDACTED]');
  });

  it('a truncated body with the key JSON-escaped ("\\/") is redacted in the excerpt', async () => {
    const escaped = CANARY.replaceAll('/', '\\/');
    serve(200, `{"id":"${escaped}`, JSON_TYPE);
    const error = await failure();
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('[REDACTED]');
    for (const text of renderings(error)) expect(text.includes(escaped)).toBe(false);
    expectNoCanary(error);
  });

  it('a vendor field name holding the key (schema issue path) is redacted', async () => {
    serve(200, JSON.stringify({ [CANARY]: 42 }));
    const error = await failure({}, { schema: z.record(z.string(), z.string()) });
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain('[REDACTED]');
    expectNoCanary(error);
  });
});

describe('failures below HTTP and in our own code', () => {
  it('a network error whose message carries the key', async () => {
    nock(ORIGIN).get('/things/1').times(3).replyWithError(Object.assign(new Error(`proxy refused ${echoAll}`), { code: 'ECONNRESET' }));
    const error = await failure();
    expect(error.code).toBe('NETWORK');
    // The cause is a stand-in: the system code survives, the nested messages do not.
    expect(String(error.cause)).toContain('ECONNRESET');
    expectNoCanary(error);
  });

  it('an auth callback that throws with the key in its message', async () => {
    const error = await failure({ authHeaders: async () => { throw new Error(`token ${CANARY} expired`); } });
    expect(error.code).toBe('PROVIDER_ERROR');
    expectNoCanary(error);
  });

  it('an auth header value that is invalid (contains a newline)', async () => {
    const error = await failure({ authHeaders: async () => ({ authorization: `Bearer ${CANARY}\n` }) });
    expectNoCanary(error);
  });

  it('a vendor mapper that throws with the key in its message', async () => {
    serve(400, '{}');
    const error = await failure({ mapError: () => { throw new Error(`mapper saw ${CANARY}`); } });
    expect(error.code).toBe('PROVIDER_ERROR');
    expectNoCanary(error);
  });

  it('a caller abort whose reason carries the key', async () => {
    const controller = new AbortController();
    controller.abort(new Error(`stop ${echoAll}`));
    const error = await failure({}, { signal: controller.signal });
    expect(error.code).toBe('ABORTED');
    expectNoCanary(error);
  });

  it('a rate-limit fail-fast', async () => {
    serve(429, '{}', { ...JSON_TYPE, 'retry-after': '3600' });
    const error = await failure();
    expect(error.code).toBe('RATE_LIMITED');
    expectNoCanary(error);
  });
});

describe('socket faults (loopback), each echoing the key where it can', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => { await server?.close(); server = undefined; });

  it.each([
    ['never answers', () => undefined],
    ['stalled body after echoing the key', (_q: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, JSON_TYPE);
      res.write(`{"id":"${CANARY}`);
    }],
    ['destroyed mid-body after echoing the key', (_q: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { ...JSON_TYPE, 'content-length': '1000' });
      res.write(`{"id":"${CANARY}`, () => res.socket?.destroy());
    }],
    ['reset after send', (req: import('node:http').IncomingMessage) => { req.socket.resetAndDestroy(); }],
  ] as const)('%s', async (_label, handler) => {
    server = await startLoopback(handler as Parameters<typeof startLoopback>[0]);
    const error = await failure({ attemptTimeoutMs: 150, operationTimeoutMs: 1_000 }, {}, server.url);
    expect(server.received[0]?.['x-api-key']).toBe(CANARY);
    expectNoCanary(error);
  });

  it('a redirect to another origin is not followed: the other origin receives nothing', async () => {
    const other = await startLoopback((_req, res) => res.end('{"id":"stolen"}'));
    try {
      server = await startLoopback((_req, res) => {
        res.writeHead(307, { location: `${other.url}/collect?k=${ENCODED}` });
        res.end();
      });
      const error = await failure({}, {}, server.url);
      expect(error.code).toBe('PROVIDER_ERROR');
      expect(server.requests).toBe(1);
      expect(other.requests).toBe(0);
      expectNoCanary(error);
    } finally {
      await other.close();
    }
  });
});

describe('the leak check itself', () => {
  it('would catch each form of the canary', () => {
    for (const form of CANARY_FORMS) {
      const leaky = new Error(`oops ${form}`);
      expect(renderings(leaky).some((text) => text.includes(form))).toBe(true);
    }
  });
});
