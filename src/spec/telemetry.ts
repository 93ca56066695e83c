/**
 * What a successful call reports about the requests behind it: the vendor's request ids (to
 * quote to its support), the attempts made, and the time taken.
 */
export interface CallMeta {
  /**
   * From `X-Request-Id` or the vendor's body (`request_id`), one per answered request that had
   * one; the first 100 of a large batch.
   */
  requestIds: string[];
  /** HTTP attempts made, retries included. */
  attempts: number;
  /** Requests made (a batch or a read-then-write makes several). */
  requests: number;
  /** Wall time of the call, in whole ms. */
  durationMs: number;
}

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where the library logs: any object with these methods (console, pino, winston). Lines carry
 * no credential and no item payload: method, redacted URL, status, attempt, timings, counts.
 */
export interface Logger {
  /** One line per HTTP attempt (method, redacted URL, status, attempt, request id, time). */
  debug?(message: string, fields?: Record<string, unknown>): void;
  /** Retries and their waits; Verifik token renewals. */
  info?(message: string, fields?: Record<string, unknown>): void;
  /** Problems the call survives, such as a failed Verifik token renewal. */
  warn?(message: string, fields?: Record<string, unknown>): void;
  /** Not used by the library today: failures reach the caller as thrown errors, not log lines. */
  error?(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The context published on the `unified-collections:operation` tracing channel, one per public
 * call (see node:diagnostics_channel TracingChannel). Counts are filled in when the call ends.
 */
export interface OperationEvent {
  /** The client's provider name. */
  provider: string;
  /** The public method called (`deleteItems`, `getCollection`, …). */
  operation: string;
  /** The collection a batch result names, when it names one. */
  collectionId?: string;
  /** Ids asked for (batch calls). */
  requested?: number;
  /** Ids that succeeded (batch calls, when the call ends). */
  succeeded?: number;
  /** Ids that failed (batch calls, when the call ends). */
  failed?: number;
  /** Ids whose outcome is unknown (batch calls, when the call ends). */
  unknown?: number;
  /** Set by the tracing channel on `asyncEnd` / `error`. */
  result?: unknown;
  /** The call's error (a `CollectionError`), set by the tracing channel on `error`. */
  error?: unknown;
}

/** The context published on `unified-collections:request`, one per HTTP attempt. */
export interface RequestEvent {
  /** The client's provider name. */
  provider: string;
  /** The HTTP method. */
  method: string;
  /** The full URL, credentials redacted. */
  url: string;
  /** The URL's host name. */
  serverAddress: string;
  /** The URL's port, when it names one. */
  serverPort?: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** The public call this attempt belongs to, when made through a client. */
  operationEvent?: OperationEvent;
  /** The answer's HTTP status, when one came. */
  status?: number;
  /** `X-Request-Id` of the answer, when it had one. */
  requestId?: string;
  /** A short class of the failure: a status (from 400 up), or `timeout`, `network`, `aborted`, `other`. */
  errorType?: string;
  /** The transport error, set by the tracing channel on `error` (not a `CollectionError`). */
  error?: unknown;
  /** The `Response`, set by the tracing channel on `asyncEnd`. */
  result?: unknown;
}
