import diagnostics from 'node:diagnostics_channel';
import {
  context, type Span, SpanKind, SpanStatusCode, trace, type Tracer, type TracerProvider,
} from '@opentelemetry/api';
import type { OperationEvent, RequestEvent } from '../spec/telemetry.js';
import { OPERATION_CHANNEL, REQUEST_CHANNEL } from './channels.js';
import { VERSION } from '../version.js';

/**
 * OpenTelemetry spans from the library's tracing channels: one span per public call and one
 * HTTP client span per attempt, its child, with the stable HTTP semantic conventions
 * (`http.request.method`, `server.address`, `server.port`, `url.full` with credentials
 * redacted, `http.response.status_code`, `error.type`, `http.request.resend_count`) and the
 * batch counts. Import it from `unified-collections/opentelemetry` (it needs the optional peer
 * `@opentelemetry/api`); the main entry never loads OpenTelemetry.
 *
 * @packageDocumentation
 */

/** Options of {@link instrumentOpenTelemetry}. */
export interface OpenTelemetryOptions {
  /** Default: the global tracer provider (what the app's SDK registered). */
  tracerProvider?: TracerProvider;
}

/**
 * Starts making OpenTelemetry spans for every client of the process; returns a function that
 * stops.
 *
 * @remarks
 * Each public call is a span named `unified-collections <operation>` (kind internal) with
 * `unified_collections.provider` and `.operation`, and for batch calls
 * `unified_collections.batch.requested` / `.succeeded` / `.failed` / `.unknown` and
 * `unified_collections.collection.id`; it is marked as an error when any id failed or is unknown. Each HTTP attempt is a client span under it,
 * named by the method, with the stable HTTP conventions and the vendor's request id.
 * `error.type` is a status, a `CollectionError` code or an error class, never a message. No
 * credential, header or body is put on a span (`url.full` is redacted; it holds the ids a
 * request's path names). Calls made before this one, or after stopping, make no spans.
 *
 * @param options - The tracer provider (default: the global one the app's SDK registered).
 * @returns A function that unsubscribes from the channels (spans of calls still running then are never ended).
 *
 * @example
 * ```ts
 * import { instrumentOpenTelemetry } from 'unified-collections/opentelemetry';
 *
 * const stop = instrumentOpenTelemetry(); // after the OpenTelemetry SDK has started
 * // … on shutdown:
 * stop();
 * ```
 */
export function instrumentOpenTelemetry(options: OpenTelemetryOptions = {}): () => void {
  const tracer: Tracer = (options.tracerProvider ?? trace.getTracerProvider()).getTracer('unified-collections', VERSION);
  const spans = new WeakMap<object, Span>();

  const operation: diagnostics.TracingChannelSubscribers<OperationEvent & object> = {
    start(event) {
      spans.set(event, tracer.startSpan(`unified-collections ${event.operation}`, {
        kind: SpanKind.INTERNAL,
        attributes: { 'unified_collections.provider': event.provider, 'unified_collections.operation': event.operation },
      }));
    },
    end() {},
    asyncStart() {},
    asyncEnd(event) {
      const span = spans.get(event);
      if (span === undefined) return;
      span.setAttributes(countAttributes(event));
      if (event.failed || event.unknown) span.setStatus({ code: SpanStatusCode.ERROR, message: 'some ids failed or are unknown' });
      span.end();
    },
    error(event) {
      const span = spans.get(event);
      if (span === undefined) return;
      span.setAttribute('error.type', errorType(event.error));
      span.setStatus({ code: SpanStatusCode.ERROR, message: errorType(event.error) });
      span.end();
      spans.delete(event);
    },
  };

  const request: diagnostics.TracingChannelSubscribers<RequestEvent & object> = {
    start(event) {
      const parent = event.operationEvent === undefined ? undefined : spans.get(event.operationEvent);
      const parentContext = parent === undefined ? context.active() : trace.setSpan(context.active(), parent);
      spans.set(event, tracer.startSpan(event.method, {
        kind: SpanKind.CLIENT,
        attributes: {
          'http.request.method': event.method,
          'server.address': event.serverAddress,
          ...(event.serverPort !== undefined ? { 'server.port': event.serverPort } : {}),
          'url.full': event.url,
          ...(event.attempt > 1 ? { 'http.request.resend_count': event.attempt - 1 } : {}),
          'unified_collections.provider': event.provider,
        },
      }, parentContext));
    },
    end() {},
    asyncStart() {},
    asyncEnd(event) {
      const span = spans.get(event);
      if (span === undefined) return;
      if (event.status !== undefined) span.setAttribute('http.response.status_code', event.status);
      if (event.requestId !== undefined) span.setAttribute('unified_collections.request_id', event.requestId);
      if (event.errorType !== undefined) {
        span.setAttribute('error.type', event.errorType);
        span.setStatus({ code: SpanStatusCode.ERROR });
      }
      span.end();
    },
    error(event) {
      const span = spans.get(event);
      if (span === undefined) return;
      span.setAttribute('error.type', event.errorType ?? errorType(event.error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    },
  };

  diagnostics.tracingChannel<unknown, OperationEvent & object>(OPERATION_CHANNEL).subscribe(operation);
  diagnostics.tracingChannel<unknown, RequestEvent & object>(REQUEST_CHANNEL).subscribe(request);
  return () => {
    diagnostics.tracingChannel<unknown, OperationEvent & object>(OPERATION_CHANNEL).unsubscribe(operation);
    diagnostics.tracingChannel<unknown, RequestEvent & object>(REQUEST_CHANNEL).unsubscribe(request);
  };
}

function countAttributes(event: OperationEvent): Record<string, number | string> {
  const attributes: Record<string, number | string> = {};
  if (event.requested !== undefined) attributes['unified_collections.batch.requested'] = event.requested;
  if (event.succeeded !== undefined) attributes['unified_collections.batch.succeeded'] = event.succeeded;
  if (event.failed !== undefined) attributes['unified_collections.batch.failed'] = event.failed;
  if (event.unknown !== undefined) attributes['unified_collections.batch.unknown'] = event.unknown;
  if (event.collectionId !== undefined) attributes['unified_collections.collection.id'] = event.collectionId;
  return attributes;
}

/** Only the error's code (a CollectionError code, or its class name): never its message, which quotes vendor text. */
function errorType(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && /^[A-Z_]{2,40}$/.test(code)) return code;
    const name = (error as { name?: unknown }).name;
    if (typeof name === 'string' && /^\w{1,60}$/.test(name)) return name;
  }
  return '_OTHER';
}
