import { verifikDemoSeed, wicksonDemoSeed } from './demo-seed.js';
import { StatsRecorder, startServer, type VendorApp } from './emulator-server.js';
import { FaultSet } from './faults.js';
import type { EmulatorOptions, RunningEmulator, VerifikSeed, WicksonSeed } from './types.js';
import { createVerifikApp } from './verifik-emulator.js';
import { createWicksonApp } from './wickson-emulator.js';

export type {
  EmulatorOptions,
  EmulatorProvider,
  EmulatorStats,
  FaultKind,
  FaultRule,
  RunningEmulator,
  VerifikSeed,
  VerifikSeedCollection,
  VerifikSeedPerson,
  WicksonSeed,
  WicksonSeedItem,
} from './types.js';
export { VERIFIK_DOC_EXAMPLE_COLLECTION, WICKSON_DOC_EXAMPLE, verifikDemoSeed, wicksonDemoSeed } from './demo-seed.js';

function isWicksonSeed(seed: unknown): seed is WicksonSeed {
  return typeof seed === 'object' && seed !== null && Array.isArray((seed as WicksonSeed).items);
}

function isVerifikSeed(seed: unknown): seed is VerifikSeed {
  return (
    typeof seed === 'object' &&
    seed !== null &&
    Array.isArray((seed as VerifikSeed).collections) &&
    Array.isArray((seed as VerifikSeed).persons)
  );
}

function createApp(options: EmulatorOptions, now: () => number): VendorApp {
  const seed = options.seed ?? 'empty';
  const { credentials = {}, rateLimit } = options;
  if (options.provider === 'wickson') {
    const data = seed === 'demo' ? wicksonDemoSeed() : seed === 'empty' ? { items: [] } : seed;
    if (!isWicksonSeed(data)) throw new TypeError('seed for the wickson emulator must be { items: [...] }');
    return createWicksonApp({ seed: data, apiKey: credentials.apiKey, rateLimit, now });
  }
  if (options.provider === 'verifik') {
    const data = seed === 'demo' ? verifikDemoSeed() : seed === 'empty' ? { collections: [], persons: [] } : seed;
    if (!isVerifikSeed(data)) throw new TypeError('seed for the verifik emulator must be { collections, persons }');
    return createVerifikApp({
      seed: data,
      token: credentials.token,
      expiredToken: credentials.expiredToken,
      rateLimit,
      now,
    });
  }
  throw new TypeError(`unknown emulator provider: ${String(options.provider)}`);
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
  return {
    url: server.url,
    provider: options.provider,
    stats,
    faults: { add: (rule) => faults.add(rule), clear: () => faults.clear() },
    close: () => server.close(),
  };
}
