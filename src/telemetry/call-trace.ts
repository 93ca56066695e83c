import type { CallMeta, OperationEvent } from '../spec/telemetry.js';
import type { RequestRecorder } from '../spec/adapter.js';

/**
 * What one public call did, gathered from every request it made (the http layer records into
 * it through the adapter call's `trace`), and the event its tracing-channel span carries.
 */
export class CallTrace implements RequestRecorder {
  readonly event: OperationEvent;
  readonly #started = performance.now();
  readonly #requestIds: string[] = [];
  #attempts = 0;
  #requests = 0;

  constructor(event: OperationEvent) {
    this.event = event;
  }

  record(request: { attempts: number; requestId?: string | undefined }): void {
    this.#requests += 1;
    this.#attempts += request.attempts;
    if (request.requestId !== undefined && this.#requestIds.length < MAX_REQUEST_IDS) this.#requestIds.push(request.requestId);
  }

  meta(): CallMeta {
    return {
      requestIds: [...this.#requestIds],
      attempts: this.#attempts,
      requests: this.#requests,
      durationMs: Math.round(performance.now() - this.#started),
    };
  }
}

/** A 200,000-id job makes thousands of requests: its result keeps the first ids, enough to quote. */
const MAX_REQUEST_IDS = 100;
