import { afterEach, describe, expect, it } from '@jest/globals';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { inspect } from 'node:util';
import { createCollectionClient } from 'unified-collections';
import { startEmulator, type RunningEmulator } from 'unified-collections/emulator';
import { instrumentOpenTelemetry } from 'unified-collections/opentelemetry';
import { startLoopback } from '../support/loopback-server.js';

/** The check: the span tree of a 250-id Wickson delete, with the HTTP conventions, and no canary. */

const CANARY = 'wk_OTEL_CANARY_5ec7e7';
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function tracing() {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  cleanups.push(instrumentOpenTelemetry({ tracerProvider }));
  return exporter;
}

describe('OpenTelemetry', () => {
  it('a 250-id Wickson delete: 1 operation span, 3 HTTP client spans under it, convention attributes, no canary', async () => {
    const exporter = tracing();
    const ids = Array.from({ length: 250 }, (_, i) => `doc_${String(i).padStart(4, '0')}`);
    const emulator: RunningEmulator = await startEmulator({ provider: 'wickson', seed: { items: ids.map((id) => ({ id })) }, credentials: { apiKey: CANARY } });
    cleanups.push(() => emulator.close());
    const result = await createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: emulator.url }).deleteItems(ids);
    expect(result.ok).toBe(true);

    const spans = exporter.getFinishedSpans();
    const operations = spans.filter((s) => s.name === 'unified-collections deleteItems');
    const attempts = spans.filter((s) => s.name === 'DELETE');
    expect(spans).toHaveLength(4);
    expect(operations).toHaveLength(1);
    expect(attempts).toHaveLength(3);
    const [operation] = operations;
    expect(operation!.attributes).toEqual({
      'unified_collections.provider': 'wickson',
      'unified_collections.operation': 'deleteItems',
      'unified_collections.batch.requested': 250,
      'unified_collections.batch.succeeded': 250,
      'unified_collections.batch.failed': 0,
      'unified_collections.batch.unknown': 0,
    });
    const port = Number(new URL(emulator.url).port);
    for (const attempt of attempts) {
      expect(attempt.parentSpanContext?.spanId).toBe(operation!.spanContext().spanId);
      expect(attempt.spanContext().traceId).toBe(operation!.spanContext().traceId);
      expect(attempt.kind).toBe(2); // CLIENT
      expect(attempt.attributes).toMatchObject({
        'http.request.method': 'DELETE',
        'server.address': '127.0.0.1',
        'server.port': port,
        'url.full': `${emulator.url}/v1/media/batch`,
        'http.response.status_code': 200,
      });
      expect(attempt.attributes).not.toHaveProperty('error.type');
    }
    const everything = JSON.stringify(spans.map((s) => ({ name: s.name, attributes: s.attributes, events: s.events, status: s.status })))
      + inspect(spans, { depth: 6 });
    expect(everything).not.toContain(CANARY);
    expect(everything).not.toContain('doc_0001');
  });

  it('a retried attempt carries error.type and the retry its resend count; a failed call sets the error code', async () => {
    const exporter = tracing();
    const server = await startLoopback((_req, res) => {
      res.writeHead(503, { 'content-type': 'application/json' }).end(`{"message":"down ${CANARY}"}`);
    });
    cleanups.push(() => server.close());
    const error = await createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: server.url, retryDelayMs: 1 })
      .listCollections().catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PROVIDER_ERROR' });
    const spans = exporter.getFinishedSpans();
    const attempts = spans.filter((s) => s.name === 'GET');
    expect(attempts.map((s) => [s.attributes['http.request.resend_count'], s.attributes['error.type']])).toEqual([
      [undefined, '503'], [1, '503'], [2, '503'],
    ]);
    const operation = spans.find((s) => s.name === 'unified-collections listCollections');
    expect(operation!.attributes['error.type']).toBe('PROVIDER_ERROR');
    expect(operation!.status.code).toBe(2); // ERROR
    expect(JSON.stringify(spans.map((s) => [s.attributes, s.status, s.events])) + inspect(spans, { depth: 6 })).not.toContain(CANARY);
  });

  it('stops when asked: no span after the returned function is called', async () => {
    const exporter = new InMemorySpanExporter();
    const stop = instrumentOpenTelemetry({ tracerProvider: new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }) });
    stop();
    const emulator = await startEmulator({ provider: 'wickson', seed: 'demo' });
    cleanups.push(() => emulator.close());
    await createCollectionClient({ provider: 'wickson', apiKey: CANARY, baseUrl: emulator.url }).listCollections();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
