import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import nock from 'nock';
import { z } from 'zod';
import { CollectionError, type CollectionErrorCode } from '../../src/errors.js';
import type { OperationClass } from '../../src/http/retry-policy.js';
import { itemSchema, makeClient, rejectionOf } from '../support/http-harness.js';
import { useNock } from '../support/use-nock.js';
import { type LoopbackServer, startLoopback } from '../support/loopback-server.js';

// Figure 6: every kind of bad answer × every operation class → a typed CollectionError, never a
// raw SyntaxError / ZodError / ky error, and no unhandled rejection.
const ORIGIN = 'https://vendor.test';
const MAX_BYTES = 1024 * 1024;
const OPERATIONS = ['read', 'idempotent-write', 'non-idempotent-write'] as const;
const METHOD_FOR = { read: 'GET', 'idempotent-write': 'PUT', 'non-idempotent-write': 'POST' } as const;

// Jest 30 also fails a test on an unhandled rejection; this listener makes the promise explicit.
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => { unhandled.push(reason); };
useNock({ allowLoopback: true });
beforeAll(() => { process.on('unhandledRejection', onUnhandled); });
afterAll(() => {
  process.off('unhandledRejection', onUnhandled);
  expect(unhandled).toEqual([]);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

type Reply = { status: number; body: string | Buffer; headers?: Record<string, string> };
const JSON_TYPE = { 'content-type': 'application/json' };
const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';

const BAD_2XX: Array<[string, Reply]> = [
  ['HTML on 200', { status: 200, body: html, headers: { 'content-type': 'text/html' } }],
  ['HTML labelled as JSON', { status: 200, body: html, headers: JSON_TYPE }],
  ['truncated JSON', { status: 200, body: '{"id":"a1","na', headers: JSON_TYPE }],
  ['empty body on 200', { status: 200, body: '', headers: JSON_TYPE }],
  ['204 No Content where data is expected', { status: 204, body: '' }],
  ['valid JSON of the wrong shape', { status: 200, body: '{"id":42}', headers: JSON_TYPE }],
  ['only a __proto__ key carrying the fields', { status: 200, body: '{"__proto__":{"id":"x","polluted":true}}', headers: JSON_TYPE }],
  ['JSON array instead of an object', { status: 200, body: '[{"id":"a"}]', headers: JSON_TYPE }],
  ['JSON null', { status: 200, body: 'null', headers: JSON_TYPE }],
  ['a bare number', { status: 200, body: '42', headers: JSON_TYPE }],
  ['a huge JSON string (512 KiB)', { status: 200, body: JSON.stringify('x'.repeat(512 * 1024)), headers: JSON_TYPE }],
  ['invalid UTF-8 inside a JSON string', { status: 200, body: Buffer.concat([Buffer.from('{"id":"a'), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from('"}')]), headers: JSON_TYPE }],
  ['JSON followed by garbage', { status: 200, body: '{"id":"a"} <html>', headers: JSON_TYPE }],
  ['nesting 100 000 levels deep', { status: 200, body: '['.repeat(100_000) + ']'.repeat(100_000), headers: JSON_TYPE }],
  ['NaN literal', { status: 200, body: '{"id":NaN}', headers: JSON_TYPE }],
  ['a body over maxResponseBytes (2 MiB)', { status: 200, body: `{"id":"${'y'.repeat(2 * MAX_BYTES)}"}`, headers: JSON_TYPE }],
];

const BAD_ERRORS: Array<[string, CollectionErrorCode, Reply]> = [
  ['HTML on 502', 'PROVIDER_ERROR', { status: 502, body: html, headers: { 'content-type': 'text/html' } }],
  ['HTML on 404', 'NOT_FOUND', { status: 404, body: html, headers: { 'content-type': 'text/html' } }],
  ['a JSON array on 400', 'INVALID_INPUT', { status: 400, body: '[1,2,3]', headers: JSON_TYPE }],
  ['a JSON string on 500', 'PROVIDER_ERROR', { status: 500, body: '"boom"', headers: JSON_TYPE }],
  ['truncated JSON on 409', 'CONFLICT', { status: 409, body: '{"message":"confl', headers: JSON_TYPE }],
  ['an empty 401', 'UNAUTHORIZED', { status: 401, body: '' }],
  ['a 429 with garbage and no hints', 'RATE_LIMITED', { status: 429, body: '<<<', headers: JSON_TYPE }],
  ['a 503 body over maxResponseBytes', 'PROVIDER_ERROR', { status: 503, body: 'z'.repeat(2 * MAX_BYTES) }],
  ['a 302 redirect to another origin', 'PROVIDER_ERROR', { status: 302, body: '', headers: { location: 'https://elsewhere.test/steal' } }],
  ['a 301 without a Location', 'PROVIDER_ERROR', { status: 301, body: 'moved' }],
  ['a 307 with a relative Location', 'PROVIDER_ERROR', { status: 307, body: '', headers: { location: '/other' } }],
  ['a 304 Not Modified', 'PROVIDER_ERROR', { status: 304, body: '' }],
];

function serve(method: string, reply: Reply): void {
  nock(ORIGIN).intercept('/things/1', method).times(5).reply(reply.status, reply.body, reply.headers);
}

function call(operation: OperationClass) {
  const { client } = makeClient(ORIGIN, { maxResponseBytes: MAX_BYTES });
  return client.request({
    method: METHOD_FOR[operation], path: '/things/1', schema: itemSchema, operation,
    ...(operation === 'read' ? {} : { json: { name: 'n' } }),
  });
}

function expectTyped(error: CollectionError): void {
  expect(error).toBeInstanceOf(CollectionError);
  expect(error.provider).toBe('test');
  // Short and single-line: a 512 KiB body must not end up in a log line.
  expect(error.message.length).toBeLessThan(400);
  expect(error.message).not.toMatch(/[\n\r]/);
}

describe.each(OPERATIONS)('%s', (operation) => {
  it.each(BAD_2XX)('%s → INVALID_RESPONSE', async (_label, reply) => {
    serve(METHOD_FOR[operation], reply);
    const error = await rejectionOf(call(operation));
    expectTyped(error);
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.status).toBe(reply.status);
  });

  it.each(BAD_ERRORS)('%s → %s', async (_label, code, reply) => {
    serve(METHOD_FOR[operation], reply);
    const other = nock('https://elsewhere.test').get('/steal').reply(200, '{"id":"stolen"}');
    const error = await rejectionOf(call(operation));
    expectTyped(error);
    expect(error.code).toBe(code);
    expect(error.status).toBe(reply.status);
    expect(other.isDone()).toBe(false);
  });
});

describe('__proto__ keys', () => {
  it('are dropped from a valid body: no pollution, no inherited fields', async () => {
    serve('GET', { status: 200, body: '{"id":"a1","__proto__":{"polluted":"yes","name":"inherited"},"nested":{"__proto__":{"polluted":"yes"}}}', headers: JSON_TYPE });
    const result = await call('read');
    expect(result.data).toEqual({ id: 'a1' });
    expect(Object.prototype.hasOwnProperty.call(result.raw, '__proto__')).toBe(false);
    expect(Object.getPrototypeOf(result.raw)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect((result.raw as { nested: Record<string, unknown> }).nested.polluted).toBeUndefined();
  });
});

describe('204 where the operation accepts no data', () => {
  it('is a success when the schema allows undefined (a delete)', async () => {
    nock(ORIGIN).delete('/things/1').reply(204);
    const { client } = makeClient(ORIGIN);
    const result = await client.request({ method: 'DELETE', path: '/things/1', schema: z.object({ ok: z.boolean() }).optional(), operation: 'idempotent-write' });
    expect(result).toMatchObject({ status: 204, data: undefined, attempts: 1 });
  });
});

describe('over a real socket', () => {
  let server: LoopbackServer | undefined;
  afterEach(async () => { await server?.close(); });

  // nock stalls on a broken gzip stream; real undici fails it at once, which is what matters.
  it.each(OPERATIONS)('%s: gzip encoding with garbage bytes → NETWORK, retried like a broken body', async (operation) => {
    server = await startLoopback((_req, res) => {
      res.writeHead(200, { ...JSON_TYPE, 'content-encoding': 'gzip' });
      res.end(Buffer.from('not gzip at all'));
    });
    const { client } = makeClient(server.url);
    const error = await rejectionOf(client.request({ method: METHOD_FOR[operation], path: '/z', schema: itemSchema, operation }));
    expectTyped(error);
    expect(error.code).toBe('NETWORK');
    expect(server.requests).toBe(operation === 'non-idempotent-write' ? 1 : 3);
  });

  it.each([true, false])('50 MiB body, content-length declared: %s → INVALID_RESPONSE without reading it all', async (declared) => {
    let written = 0;
    server = await startLoopback((_req, res) => {
      const total = 50 * 1024 * 1024;
      res.writeHead(200, { ...JSON_TYPE, ...(declared ? { 'content-length': String(total) } : {}) });
      const chunk = Buffer.alloc(256 * 1024, 0x61);
      const pump = () => {
        while (written < total && !res.destroyed) {
          written += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        if (!res.destroyed) res.end();
      };
      res.on('close', () => { written = Math.min(written, total); });
      pump();
    });
    const { client } = makeClient(server.url, { maxResponseBytes: MAX_BYTES });
    const startedAt = performance.now();
    const error = await rejectionOf(client.request({ method: 'GET', path: '/big', schema: itemSchema, operation: 'read' }));
    expect(error.code).toBe('INVALID_RESPONSE');
    expect(error.message).toContain(`exceeds ${MAX_BYTES} bytes`);
    expect(server.requests).toBe(1);
    expect(performance.now() - startedAt).toBeLessThan(2_000);
    expect(written).toBeLessThan(50 * 1024 * 1024);
  });
});
