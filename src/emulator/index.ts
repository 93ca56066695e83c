/**
 * Vendor emulators (`unified-collections/emulator`): Wickson and Verifik on a loopback port,
 * answering as the vendors' docs describe, with deterministic demo data, per-credential rate
 * limits and fault injection. For tests, demos and the CLI's `--emulator`; no account needed.
 *
 * @packageDocumentation
 */
import { BUILTIN_EMULATORS } from './builtin-emulators.js';
import type { EmulatorDescriptor } from './emulator-descriptor.js';
import { StatsRecorder, startServer, type VendorApp } from './emulator-server.js';
import { FaultSet } from './faults.js';
import type { EmulatorOptions, RunningEmulator } from './types.js';

export type {
  EmulatorCredentials,
  EmulatorLimits,
  EmulatorOptions,
  EmulatorProvider,
  EmulatorSeed,
  EmulatorStats,
  FaultKind,
  FaultRule,
  RunningEmulator,
} from './types.js';
export type { VerifikSeed, VerifikSeedCollection, VerifikSeedPerson } from './verifik/index.js';
export type { WicksonSeed, WicksonSeedItem } from './wickson/index.js';
export { VERIFIK_DOC_EXAMPLE_COLLECTION, verifikDemoSeed, mintVerifikToken, type MintVerifikTokenOptions } from './verifik/index.js';
export { WICKSON_DOC_EXAMPLE, wicksonDemoSeed } from './wickson/index.js';

const EMULATORS: ReadonlyMap<string, EmulatorDescriptor> = new Map(
  BUILTIN_EMULATORS.map((descriptor): [string, EmulatorDescriptor] => [descriptor.provider, descriptor]),
);

function descriptorOf(options: EmulatorOptions): EmulatorDescriptor {
  // Looked up by name, so JavaScript callers with a misspelt provider get a clear error.
  const emulator = EMULATORS.get(options.provider);
  if (emulator === undefined) throw new TypeError(`unknown emulator provider: ${String(options.provider)}`);
  return emulator;
}

/** What `RunningEmulator.credential` says: nothing when the caller named the one credential accepted. */
function clientCredential(emulator: EmulatorDescriptor, options: EmulatorOptions, now: number): string | undefined {
  const required = (options.credentials as Record<string, unknown> | undefined)?.[emulator.credentialField];
  if (required !== undefined) return undefined;
  return emulator.sampleCredential?.(now) ?? 'emulator-credential';
}

function createApp(options: EmulatorOptions, now: () => number): VendorApp {
  const emulator = descriptorOf(options);
  const seed = options.seed ?? 'empty';
  const data = seed === 'demo' ? emulator.demoSeed() : seed === 'empty' ? emulator.emptySeed() : seed;
  if (!emulator.isSeed(data)) throw new TypeError(`seed for the ${emulator.provider} emulator must be ${emulator.seedShape}`);
  return emulator.create({
    seed: data, credentials: options.credentials ?? {}, limits: options.limits ?? {}, now,
    rateLimit: options.rateLimit === 'documented' ? emulator.documentedRateLimit : options.rateLimit,
  });
}

/**
 * Starts an in-memory emulator of one vendor on a loopback port. State lives only in this
 * process and starts from `seed` every time, so two runs with the same options (and clock)
 * answer with identical bytes.
 *
 * One emulator is one vendor account: every accepted credential sees and changes the same
 * data, while the rate limit (`rateLimit`) is counted per credential, as the vendors do.
 * State is indexed, so a request costs what it touches: seeds of a million items list a page
 * or delete a batch as cheaply as small ones.
 *
 * @param options - The vendor, seed, credentials and optional rate limit, latency and faults.
 * @returns The running emulator: its `url` (pass it as a client's `baseUrl`), request counts,
 * fault injection and `close()`.
 * @throws TypeError for an unknown `provider`, a seed of the wrong shape, or a negative
 * `latencyMs`, malformed fault rule, `rateLimit` or `limits`; the listen error (such as
 * `EADDRINUSE`) when `port` is taken.
 *
 * @example
 * ```ts
 * const emulator = await startEmulator({ provider: 'verifik', seed: 'demo', credentials: { token: 'test-token' } });
 * const faces = createCollectionClient({ provider: 'verifik', baseUrl: emulator.url, token: 'test-token' });
 * emulator.faults.add({ kind: 'status', status: 503, times: 1 }); // the next request fails once
 * await emulator.close();
 * ```
 */
export async function startEmulator(options: EmulatorOptions): Promise<RunningEmulator> {
  const now = options.now ?? Date.now;
  const app = createApp(options, now);
  const latencyMs = options.latencyMs ?? 0;
  if (!Number.isFinite(latencyMs) || latencyMs < 0) throw new TypeError('latencyMs must be a non-negative number');
  const faults = new FaultSet(options.faults);
  const stats = new StatsRecorder();
  const server = await startServer({
    app,
    host: options.host ?? '127.0.0.1',
    port: options.port ?? 0,
    latencyMs,
    faults,
    stats,
  });
  const credential = clientCredential(descriptorOf(options), options, now());
  return {
    url: server.url,
    provider: options.provider,
    ...(credential === undefined ? {} : { credential }),
    stats,
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    close: () => server.close(),
  };
}
