/**
 * What a successful call reports about the requests behind it: the vendor's request ids (to
 * quote to its support), the attempts made, and the time taken.
 */
export interface CallMeta {
  /** From `X-Request-Id` or the vendor's body (`request_id`), one per answered request that had one. */
  requestIds: string[];
  /** HTTP attempts made, retries included. */
  attempts: number;
  /** Requests made (a batch or a read-then-write makes several). */
  requests: number;
  durationMs: number;
}

/** Log levels, least to most severe. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/**
 * Where the library logs: any object with these methods (console, pino, winston). Lines carry
 * no credential and no item payload: method, redacted URL, status, attempt, timings, counts.
 */
export interface Logger {
  debug?(message: string, fields?: Record<string, unknown>): void;
  info?(message: string, fields?: Record<string, unknown>): void;
  warn?(message: string, fields?: Record<string, unknown>): void;
  error?(message: string, fields?: Record<string, unknown>): void;
}

/**
 * The context published on the `unified-collections:operation` tracing channel, one per public
 * call (see node:diagnostics_channel TracingChannel). Counts are filled in when the call ends.
 */
export interface OperationEvent {
  provider: string;
  operation: string;
  collectionId?: string;
  /** Ids asked for (batch calls). */
  requested?: number;
  succeeded?: number;
  failed?: number;
  unknown?: number;
  /** Set by the tracing channel on `asyncEnd` / `error`. */
  result?: unknown;
  error?: unknown;
}

/** The context published on `unified-collections:request`, one per HTTP attempt. */
export interface RequestEvent {
  provider: string;
  method: string;
  /** Credentials redacted. */
  url: string;
  serverAddress: string;
  serverPort?: number;
  /** 1 for the first attempt. */
  attempt: number;
  /** The public call this attempt belongs to, when made through a client. */
  operationEvent?: OperationEvent;
  status?: number;
  /** `X-Request-Id` of the answer, when it had one. */
  requestId?: string;
  /** A short class of the failure: a status, or `timeout`, `network`, `aborted`. */
  errorType?: string;
  error?: unknown;
  result?: unknown;
}
