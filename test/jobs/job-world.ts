import { startEmulator, type RunningEmulator } from '../../src/emulator/index.js';
import { createCollectionClient, type CollectionProvider } from '../../src/index.js';
import { CONTRACT_CREDENTIAL, mappingFor } from '../contract/vendor-mappings.js';
import { startCountingProxy } from '../support/counting-proxy.js';
import { countingFetch, IdCounter, idsOfRequest } from '../support/id-requests.js';
import type { VendorFixture } from '../support/vendors.js';

/**
 * A vendor emulator holding items placed in collections (by key, e.g. `{ a: [...], b: [...] }`),
 * and a client that counts the ids each request names. Labels and keys map to the vendor's own
 * ids through the contract suite's mapping, so tests never name a vendor.
 */
export interface JobWorld {
  emulator: RunningEmulator;
  client: CollectionProvider;
  counter: IdCounter;
  itemId(label: string): string;
  collectionId(key: string): string;
  /** Another client on the same account, unobserved (to set state up or look at it). */
  plain: CollectionProvider;
  /** Resolves once every request that reached the proxy has landed at the vendor. */
  idle(): Promise<void>;
  /** With `proxy`: called each time the vendor has answered, before the client sees the answer. */
  onAnswered: (() => void) | undefined;
  close(): Promise<void>;
}

export interface JobWorldOptions {
  /** Labels whose reads the "vendor" cannot answer (503). */
  unreadable?: readonly string[];
  concurrency?: number;
  /**
   * Count at a proxy in front of the emulator (what the vendor received) instead of in the
   * client's fetch (what the client sent): for calls aborted while requests are in flight.
   */
  proxy?: boolean;
}

export async function mountJobWorld(
  fixture: VendorFixture, placement: Record<string, readonly string[]>, options: JobWorldOptions = {},
): Promise<JobWorld> {
  const mapping = mappingFor(fixture, { collections: Object.entries(placement).map(([key, items]) => ({ key, items: [...items] })) });
  const emulator = await startEmulator({ provider: fixture.name, seed: mapping.seed, credentials: fixture.emulatorCredentials(CONTRACT_CREDENTIAL) });
  const counter = new IdCounter(idsOfRequest(fixture));
  const unreadable = new Set((options.unreadable ?? []).map(mapping.itemId));
  const config = { ...fixture.clientConfig(CONTRACT_CREDENTIAL), baseUrl: emulator.url, retryDelayMs: 1, maxRetries: 1, concurrency: options.concurrency ?? 3 };
  const hooks = { answered: () => world.onAnswered?.() };
  const proxy = options.proxy === true ? await startCountingProxy(emulator.url, counter, hooks) : undefined;
  const world: JobWorld = {
    emulator,
    client: proxy === undefined
      ? createCollectionClient({ ...config, fetch: countingFetch(counter, unreadable) })
      : createCollectionClient({ ...config, baseUrl: proxy.url }),
    plain: createCollectionClient(config),
    counter,
    itemId: mapping.itemId,
    collectionId: mapping.collectionId,
    idle: () => proxy?.idle() ?? Promise.resolve(),
    onAnswered: undefined,
    close: async () => {
      await proxy?.close();
      await emulator.close();
    },
  };
  return world;
}

/** Where an item is now: its collections, or `undefined` when it does not exist. */
export async function whereIs(world: JobWorld, id: string): Promise<string[] | undefined> {
  try {
    return (await world.plain.getItem(id)).collectionIds ?? [];
  } catch (error) {
    if ((error as { code?: string }).code === 'NOT_FOUND') return undefined;
    throw error;
  }
}
