import { afterEach, describe, expect, it, jest } from '@jest/globals';
import diagnostics from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
import { inspect } from 'node:util';
import '../../src/di/load-tsyringe.js';
import '../../src/builtin-providers.js';
import { createCollectionClient } from '../../src/di/create-client.js';
import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import type { OperationEvent, RequestEvent } from '../../src/spec/telemetry.js';
import { OPERATION_CHANNEL, REQUEST_CHANNEL } from '../../src/telemetry/channels.js';
import { DEBUG_ENV_VAR } from '../../src/telemetry/logger.js';
import { VERSION } from '../../src/version.js';
import { startLoopback } from '../support/loopback-server.js';

/**
 * Telemetry: tracing channels per public call and per attempt, a logger that is silent unless
 * asked, a User-Agent, and `meta` on results. A canary credential appears in none of it.
 */

const CANARY = 'wk_CANARY_c4n4ry_7e1e';
let emulators: RunningEmulator[] = [];
afterEach(async () => {
  await Promise.all(emulators.map((e) => e.close()));
  emulators = [];
  delete process.env[DEBUG_ENV_VAR];
});

async function wicksonWith(items: number) {
  const ids = Array.from({ length: items }, (_, i) => `doc_${String(i).padStart(4, '0')}`);
  const emulator = await startEmulator({ provider: 'wickson', seed: { items: ids.map((id) => ({ id })) }, credentials: { apiKey: CANARY } });
  emulators.push(emulator);
  return { ids, url: emulator.url };
}

/** Subscribes to both tracing channels for the duration of `run`. */
async function capture(run: () => Promise<unknown>) {
  const events: Array<{ channel: 'operation' | 'request'; phase: string; event: OperationEvent | RequestEvent }> = [];
  const handlers = (channel: 'operation' | 'request') => Object.fromEntries(
    ['start', 'end', 'asyncStart', 'asyncEnd', 'error'].map((phase) => [phase, (event: unknown) => {
      events.push({ channel, phase, event: structuredClone({ ...(event as object), operationEvent: undefined, result: undefined, error: undefined }) as unknown as OperationEvent });
    }]),
  ) as unknown as diagnostics.TracingChannelSubscribers<object>;
  const operation = handlers('operation');
  const request = handlers('request');
  diagnostics.tracingChannel(OPERATION_CHANNEL).subscribe(operation);
  diagnostics.tracingChannel(REQUEST_CHANNEL).subscribe(request);
  try {
    const result = await run();
    return { events, result };
  } finally {
    diagnostics.tracingChannel(OPERATION_CHANNEL).unsubscribe(operation);
    diagnostics.tracingChannel(REQUEST_CHANNEL).unsubscribe(request);
  }
}

describe('tracing channels', () => {
  it('a 250-id Wickson delete: one operation with its counts, three attempts linked to it, no canary', async () => {
    const { ids, url } = await wicksonWith(250);
    const client = createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: url });
    const parents = new Set<unknown>();
    const onRequest = (event: unknown) => parents.add((event as RequestEvent).operationEvent);
    diagnostics.subscribe(`tracing:${REQUEST_CHANNEL}:start`, onRequest);
    const { events } = await capture(() => client.deleteItems(ids)).finally(() => diagnostics.unsubscribe(`tracing:${REQUEST_CHANNEL}:start`, onRequest));
    const operations = events.filter((e) => e.channel === 'operation' && e.phase === 'asyncEnd').map((e) => e.event as OperationEvent);
    expect(operations).toEqual([{ provider: 'wickson', operation: 'deleteItems', requested: 250, succeeded: 250, failed: 0, unknown: 0 }]);
    const attempts = events.filter((e) => e.channel === 'request' && e.phase === 'asyncEnd').map((e) => e.event as RequestEvent);
    expect(attempts).toHaveLength(3);
    for (const attempt of attempts) {
      expect(attempt).toMatchObject({ provider: 'wickson', method: 'DELETE', url: `${url}/v1/media/batch`, serverAddress: '127.0.0.1', attempt: 1, status: 200 });
    }
    // Every attempt points at the one operation event.
    expect(parents.size).toBe(1);
    expect([...parents][0]).toMatchObject({ operation: 'deleteItems' });
    const everything = JSON.stringify(events) + inspect(events, { depth: 10 });
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain('doc_0001');
  });

  it('a failed attempt is published with its error class, then the retry', async () => {
    const server = await startLoopback((_req, res, n) => {
      if (n === 1) res.writeHead(503).end('{}');
      else res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req_42' }).end('{"success":true,"data":{"collections":[],"collection_details":{},"total_collections":0}}');
    });
    try {
      const client = createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: server.url, retryDelayMs: 1 });
      const { events } = await capture(() => client.listCollections());
      const attempts = events.filter((e) => e.channel === 'request' && e.phase === 'asyncEnd').map((e) => e.event as RequestEvent);
      expect(attempts.map((a) => [a.attempt, a.status, a.errorType, a.requestId])).toEqual([[1, 503, '503', undefined], [2, 200, undefined, 'req_42']]);
    } finally {
      await server.close();
    }
  });

  it('works with nobody listening (the channels are checked, not published to)', async () => {
    const { url } = await wicksonWith(1);
    const client = createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: url });
    expect(diagnostics.tracingChannel(REQUEST_CHANNEL).hasSubscribers).toBe(false);
    await expect(client.listCollections()).resolves.toHaveLength(1);
  });
});

describe('results carry meta', () => {
  it('request ids, attempts, requests and duration; not enumerable, so JSON is unchanged', async () => {
    const { ids, url } = await wicksonWith(250);
    const client = createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: url });
    const result = await client.deleteItems(ids);
    expect(result.meta).toMatchObject({ attempts: 3, requests: 3 });
    expect(result.meta!.durationMs).toBeGreaterThanOrEqual(0);
    expect(Object.keys(result)).not.toContain('meta');
    expect(JSON.stringify(result)).not.toContain('"meta"');
    const moved = await client.addItems('papers', ids.slice(0, 1), { createIfMissing: true }).catch(() => undefined);
    expect(moved === undefined || moved.meta!.requests >= 1).toBe(true);
  });
});

describe('logger', () => {
  it('silent by default: nothing reaches the console', async () => {
    const { url } = await wicksonWith(1);
    const spies = (['debug', 'info', 'warn', 'error', 'log'] as const).map((level) => jest.spyOn(console, level).mockImplementation(() => undefined));
    try {
      await createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: url }).listCollections();
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    } finally {
      spies.forEach((spy) => spy.mockRestore());
    }
  });

  it('a logger at debug gets one line per attempt, with no credential and no item payload', async () => {
    const { ids, url } = await wicksonWith(150);
    const lines: Array<[string, unknown]> = [];
    const logger = { debug: (m: string, f?: unknown) => lines.push([m, f]), info: (m: string, f?: unknown) => lines.push([m, f]) };
    await createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: url, logger, logLevel: 'debug' }).deleteItems(ids);
    expect(lines.map(([m]) => m)).toEqual([
      `unified-collections: DELETE ${url}/v1/media/batch -> 200`, `unified-collections: DELETE ${url}/v1/media/batch -> 200`,
    ]);
    const text = JSON.stringify(lines) + inspect(lines, { depth: 5 });
    expect(text).not.toContain(CANARY);
    expect(text).not.toContain('doc_0001');
  });

  it('at info (the default level) only retries are logged; UNIFIED_COLLECTIONS_DEBUG=1 turns debug on', async () => {
    const { url } = await wicksonWith(1);
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(`debug ${m}`), info: (m: string) => lines.push(`info ${m}`) };
    await createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: url, logger }).listCollections();
    expect(lines).toEqual([]);
    process.env[DEBUG_ENV_VAR] = '1';
    await createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: url, logger }).listCollections();
    expect(lines).toEqual([`debug unified-collections: GET ${url}/v1/media/collections -> 200`]);
  });

  it('the switch without a logger writes to stderr, never stdout', async () => {
    const { url } = await wicksonWith(1);
    process.env[DEBUG_ENV_VAR] = '1';
    const out = jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      await createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: url }).listCollections();
      expect(out).not.toHaveBeenCalled();
      expect(log).not.toHaveBeenCalled();
      const written = err.mock.calls.map(([chunk]) => String(chunk)).join('');
      expect(written).toContain(`debug unified-collections: GET ${url}/v1/media/collections -> 200`);
      expect(written).not.toContain(CANARY);
    } finally {
      out.mockRestore();
      err.mockRestore();
      log.mockRestore();
    }
  });

  it('a logger that throws never fails the call', async () => {
    const { url } = await wicksonWith(1);
    const logger = { debug: () => { throw new Error('broken logger'); } };
    await expect(createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: url, logger, logLevel: 'debug' }).listCollections()).resolves.toHaveLength(1);
  });
});

describe('User-Agent', () => {
  it('every request says unified-collections/<version>, the version package.json names', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(VERSION).toBe(pkg.version);
    const server = await startLoopback((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true,"data":{"collections":[],"collection_details":{},"total_collections":0}}');
    });
    try {
      await createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: server.url }).listCollections();
      expect(server.received[0]!['user-agent']).toBe(`unified-collections/${VERSION}`);
    } finally {
      await server.close();
    }
  });
});
