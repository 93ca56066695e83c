import diagnostics from 'node:diagnostics_channel';
import type { OperationEvent, RequestEvent } from '../spec/telemetry.js';

/**
 * The library's tracing channels (node:diagnostics_channel). Publishing costs a property read
 * when nobody subscribes; a subscriber (an APM agent, our OpenTelemetry bridge, a test) sees
 * `start` / `asyncEnd` / `error` with the event objects of src/spec/telemetry.ts.
 */
export const OPERATION_CHANNEL = 'unified-collections:operation';
export const REQUEST_CHANNEL = 'unified-collections:request';

export const operationChannel = diagnostics.tracingChannel<unknown, OperationEvent & object>(OPERATION_CHANNEL);
export const requestChannel = diagnostics.tracingChannel<unknown, RequestEvent & object>(REQUEST_CHANNEL);

/** Runs `fn` inside the channel's trace when someone listens, else just runs it. */
export function traced<T>(
  channel: typeof operationChannel | typeof requestChannel, event: OperationEvent | RequestEvent, fn: () => Promise<T>,
): Promise<T> {
  if (!channel.hasSubscribers) return fn();
  return (channel as diagnostics.TracingChannel<unknown, object>).tracePromise(fn, event as object);
}
