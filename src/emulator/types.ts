/** Public types of the emulator subpath (`unified-collections/emulator`). */

import type { BUILTIN_EMULATORS } from './builtin-emulators.js';

// Derived from the table of built-in emulators, so a new vendor adds its folder and one line
// there, and these types follow.
type BuiltinEmulator = (typeof BUILTIN_EMULATORS)[number];
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;

/**
 * The vendors with a built-in emulator (e.g. `'wickson' | 'verifik'`).
 *
 * @useDeclaredType
 */
export type EmulatorProvider = BuiltinEmulator['provider'];
/** Any built-in vendor's seed: today {@link WicksonSeed} or {@link VerifikSeed}. */
export type EmulatorSeed = ReturnType<BuiltinEmulator['demoSeed']>;
/**
 * Every vendor's credential fields; each emulator reads its own and ignores the rest. Wickson:
 * `apiKey`, the `X-Api-Key` accepted. Verifik: `token`, the bearer token accepted, and
 * `expiredToken`, answered with Verifik's "expired" 403. An omitted field accepts any non-empty
 * credential; the Verifik emulator also accepts each token it minted
 * ({@link mintVerifikToken}, or a renewal) until its `exp`.
 *
 * @useDeclaredType
 */
export type EmulatorCredentials = Intersection<Parameters<BuiltinEmulator['create']>[0]['credentials']>;
/**
 * Every vendor's limit fields (e.g. Verifik's `{ maxPeople? }`); each reads its own.
 *
 * @useDeclaredType
 */
export type EmulatorLimits = Intersection<NonNullable<Parameters<BuiltinEmulator['create']>[0]['limits']>>;

/**
 * What an injected fault does to a request (see {@link FaultRule} for which kinds let the
 * vendor logic run):
 * - `status`: answers `status` (default 500) with `body`, else the vendor's own error body.
 * - `reset`: drops the connection with a TCP reset (the client sees `ECONNRESET`).
 * - `stall`: never answers; only the client's timeout (or {@link RunningEmulator.close}) ends it.
 * - `stall-body`: sends the headers and half the real body, then nothing more.
 * - `drip`: sends the real response one byte every `ms` (default 100).
 * - `html`: answers an HTML page, as a proxy in front of the vendor would.
 * - `truncated-json`: answers the first half of `body` as JSON, else of the real response.
 * - `latency`: waits `ms`, then serves the real response.
 */
export type FaultKind =
  | 'status'
  | 'reset'
  | 'stall'
  | 'stall-body'
  | 'drip'
  | 'html'
  | 'truncated-json'
  | 'latency';

/**
 * One injected failure. Rules are checked in the order they were added; the first rule that
 * fires decides the request, but every rule whose `route` matches counts the request toward its
 * own `skip`/`times`.
 *
 * Whether the vendor state changes depends on the kind:
 * - `reset`, `stall`, `status`, `html` and `truncated-json` with a `body` replace the response
 *   and fire BEFORE the handler runs: nothing is applied, nothing counts toward the rate limit.
 * - `latency`, `drip`, `stall-body` and `truncated-json` without a `body` degrade the delivery
 *   of the real response, so the handler runs and its changes are applied (the client may
 *   never see the answer: that is the "unknown outcome" case the library must handle).
 */
export interface FaultRule {
  /** A stats route key such as `'DELETE /v1/media/batch'`; omitted = every route. */
  route?: string;
  /** Let the first N matching requests through. */
  skip?: number;
  /** Then apply to the next N matching requests (default: all following). */
  times?: number;
  /** What the fault does; see {@link FaultKind}. */
  kind: FaultKind;
  /** `status` (default 500), `html` (default 200), `truncated-json` and `stall-body` (default 200). */
  status?: number;
  /** `status`: JSON-encoded; `html`: the page when a string; `truncated-json`: the JSON to cut. */
  body?: unknown;
  /** Extra response headers for every kind that writes headers. */
  headers?: Record<string, string>;
  /** `latency`: delay before serving normally; `drip`: interval per byte (default 100). */
  ms?: number;
}

/**
 * Requests the emulator received, for asserting how many calls a client made (retries and
 * chunks included). The maps are live: they change as requests arrive, and `reset()` empties
 * them in place, so a reference taken earlier stays valid.
 */
export interface EmulatorStats {
  /** Every request received, including unmatched routes and requests a fault answered. */
  readonly total: number;
  /** Keys like `'GET /v1/media/collections/:id'`; unknown routes count as `'<METHOD> (unmatched)'`. */
  readonly byRoute: Readonly<Record<string, number>>;
  /**
   * Answers the vendor logic gave, by status: e.g. `byStatus[429]`. A fault that replaces the
   * answer is not counted; one that delays or cuts the real answer (`latency`, `drip`, …) is.
   */
  readonly byStatus: Readonly<Record<number, number>>;
  /** Sets every count back to zero (the vendor state and rate-limit windows are untouched). */
  reset(): void;
}

/**
 * How {@link startEmulator} starts an emulator. Only `provider` is required: by default it
 * listens on a free port of `127.0.0.1`, starts empty, accepts any non-empty credential and
 * has no rate limit, latency or fault.
 */
export interface EmulatorOptions {
  /** Which vendor to emulate; it answers on that vendor's paths, with its bodies and errors. */
  provider: EmulatorProvider;
  /** Default 0 (ephemeral). */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /**
   * When omitted (or a field is omitted), any non-empty credential is accepted. Every accepted
   * credential belongs to the same single account: all keys (or tokens) read and change the same
   * data, as two keys of one real account do. Run two emulators for two accounts.
   */
  credentials?: EmulatorCredentials;
  /** Default `'empty'`. */
  seed?: 'demo' | 'empty' | EmulatorSeed;
  /** Added before every response. */
  latencyMs?: number;
  /**
   * `limit` requests per fixed window (`windowMs`, default one hour) for EACH credential, as the
   * vendors count per key: every key or token gets its own window, and Wickson's X-RateLimit-*
   * headers and 429 body describe the caller's window. Unauthenticated requests count nowhere.
   * `'documented'`: the vendor's documented limit (Wickson: 1,000 per hour; Verifik documents
   * none, so none), as `unified-collections studio --emulator` runs them.
   */
  rateLimit?: {
    /** Requests each credential may make per window (a non-negative integer; 0 refuses all). */
    limit: number;
    /** The window's length in ms (default one hour); it opens with the credential's first request. */
    windowMs?: number;
  } | 'documented';
  /**
   * Caps the emulator enforces where the vendor's docs name none. Verifik `maxPeople`: persons
   * one `PUT …/collections/{_id}` may list in `people` (default 1000; more is a 409).
   */
  limits?: EmulatorLimits;
  /** Fault rules active from the first request; more can be added with `faults.add`. */
  faults?: FaultRule[];
  /** Clock for timestamps and rate-limit windows (default `Date.now`). */
  now?: () => number;
}

/** An emulator started by {@link startEmulator}, listening until `close()`. */
export interface RunningEmulator {
  /** Origin without a trailing slash, e.g. `http://127.0.0.1:43817`. */
  url: string;
  /** The vendor it emulates (the `provider` option). */
  provider: EmulatorProvider;
  /**
   * A credential this emulator accepts, for its clients (`apiKey` / `token`). Absent when the
   * `credentials` option names the only one it accepts (that one is not repeated here).
   *
   * @remarks
   * Any non-empty string works; Verifik's is a JWT minted to expire 30 days after the start (on
   * the emulator's clock), so a client shows a real expiry and renews it on time.
   */
  credential?: string;
  /** Requests received so far; see {@link EmulatorStats}. */
  stats: EmulatorStats;
  /** Injects failures into the requests that follow. */
  faults: {
    /**
     * Appends a rule after those already active.
     * @throws TypeError when the rule is malformed (unknown `kind`, negative `skip`/`times`/`ms`,
     * a `status` outside 100-599), so a typo fails the test that wrote it.
     */
    add(rule: FaultRule): void;
    /** Removes every rule, including those passed as the `faults` option. */
    clear(): void;
  };
  /** Closes the server and destroys open sockets, so stalled requests don't keep it alive. */
  close(): Promise<void>;
}
