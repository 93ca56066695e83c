import fc from 'fast-check';
import { z } from 'zod';
import {
  createCollectionClient, registerProvider, type AdapterCall, type ChunkOutcome, type CollectionProvider, type DeletedCollection,
} from '../../src/index.js';
import { startEmulator, type EmulatorLimits, type RunningEmulator } from '../../src/emulator/index.js';
import { objectIdFor } from '../contract/contract-world.js';
import { InMemoryAccount, InMemoryAdapter, inMemoryConfigSchema } from './in-memory-provider.js';

/**
 * Random small worlds mounted on each vendor (the two emulators over loopback, and the plug-in
 * registered from outside), with the vendor's own count of read and write requests: what the
 * dry-run and sync properties compare plans and results against.
 */

export const COLLECTION_KEYS = ['c1', 'c2', 'c3'] as const;
export const ITEM_LABELS = Array.from({ length: 12 }, (_, i) => `i${i}`);
export const MISSING_LABELS = ['m1', 'm2'];

/** Item label → the collection keys it is in (exclusive vendors: exactly one; `default` when none). */
export type World = Record<string, string[]>;

export interface MountedWorld {
  client: CollectionProvider;
  collectionId(key: string): string;
  itemId(label: string): string;
  /** Requests that changed state (anything but GET) and reads, as the vendor counted them. */
  writes(): number;
  reads(): number;
  /** The emulator behind the world (per-route stats, faults); none for the plug-in. */
  emulator?: RunningEmulator;
  close(): Promise<void>;
}

export interface MountOptions {
  concurrency?: number;
  limits?: EmulatorLimits;
  /** Verifik's client setting (0: sync per person); vendors without the one-request path ignore it. */
  maxReplaceMembers?: number;
  /** The client's `quota` config (a known rate limit). */
  quota?: { limit: number; windowMs?: number };
}

export interface WorldVendor {
  name: string;
  membership: 'exclusive' | 'multiple';
  mount(world: World, options?: MountOptions): Promise<MountedWorld>;
}

const CREDENTIAL = 'plan-world-credential-1234';
const FAST = { retryDelayMs: 1, maxRetries: 1 };

const wickson: WorldVendor = {
  name: 'wickson emulator',
  membership: 'exclusive',
  async mount(world, options = {}) {
    const itemId = (label: string) => `doc_${label}`;
    const emulator = await startEmulator({
      provider: 'wickson', credentials: { apiKey: CREDENTIAL },
      seed: { items: Object.entries(world).map(([label, [key]]) => ({ id: itemId(label), ...(key !== undefined ? { collection: key } : {}) })) },
    });
    return closingOnError(emulator, () => ({
      client: createCollectionClient({
        provider: 'wickson', apiKey: CREDENTIAL, baseUrl: emulator.url, ...FAST,
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      }),
      collectionId: (key) => key,
      itemId,
      ...emulatorCounts(emulator.stats.byRoute),
      emulator,
      close: () => emulator.close(),
    }));
  },
};

const verifik: WorldVendor = {
  name: 'verifik emulator',
  membership: 'multiple',
  async mount(world, options = {}) {
    const collectionId = (key: string) => objectIdFor(`collection:${key}`);
    const itemId = (label: string) => objectIdFor(`person:${label}`);
    const emulator = await startEmulator({
      provider: 'verifik', credentials: { token: CREDENTIAL }, ...(options.limits ? { limits: options.limits } : {}),
      seed: {
        collections: COLLECTION_KEYS.map((key) => ({ _id: collectionId(key), name: key })),
        persons: Object.entries(world).map(([label, keys]) => ({ _id: itemId(label), name: `Person ${label}`, collections: keys.map(collectionId) })),
      },
    });
    return closingOnError(emulator, () => ({
      client: createCollectionClient({
        provider: 'verifik', token: CREDENTIAL, baseUrl: emulator.url, ...FAST,
        ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
        ...(options.maxReplaceMembers !== undefined ? { maxReplaceMembers: options.maxReplaceMembers } : {}),
        ...(options.quota !== undefined ? { quota: options.quota } : {}),
      }),
      collectionId,
      itemId,
      ...emulatorCounts(emulator.stats.byRoute),
      emulator,
      close: () => emulator.close(),
    }));
  },
};

/** A client that cannot be built (a bad option) must not leave its emulator listening. */
async function closingOnError(emulator: RunningEmulator, build: () => MountedWorld): Promise<MountedWorld> {
  try {
    return build();
  } catch (error) {
    await emulator.close();
    throw error;
  }
}

function emulatorCounts(byRoute: Readonly<Record<string, number>>): Pick<MountedWorld, 'writes' | 'reads'> {
  // `byRoute` is a live view: read it at each call.
  const sum = (reads: boolean) => Object.entries(byRoute).filter(([route]) => route.startsWith('GET ') === reads).reduce((n, [, c]) => n + c, 0);
  return { writes: () => sum(false), reads: () => sum(true) };
}

/** The plug-in, counting its writes apart from its reads (the account counts every request). */
class CountingAdapter extends InMemoryAdapter {
  static writes = new WeakMap<InMemoryAccount, number>();
  readonly #account: InMemoryAccount;
  constructor(config: never) {
    super(config);
    this.#account = (config as { account: InMemoryAccount }).account;
  }
  #write(): void {
    CountingAdapter.writes.set(this.#account, (CountingAdapter.writes.get(this.#account) ?? 0) + 1);
  }
  override async addItems(collectionId: string, ids: string[], call: AdapterCall): Promise<ChunkOutcome> {
    this.#write();
    return super.addItems(collectionId, ids, call);
  }
  override async deleteItems(ids: string[], call: AdapterCall): Promise<ChunkOutcome> {
    this.#write();
    return super.deleteItems(ids, call);
  }
  override async deleteCollection(id: string, call: AdapterCall): Promise<DeletedCollection> {
    this.#write();
    return super.deleteCollection(id, call);
  }
}

const PLUG_IN = 'counting-in-memory';
let registered = false;

const plugIn: WorldVendor = {
  name: 'in-memory plug-in',
  membership: 'multiple',
  async mount(world, options = {}) {
    if (!registered) {
      registerProvider({
        name: PLUG_IN, configSchema: inMemoryConfigSchema.extend({ provider: z.literal(PLUG_IN) }),
        useFactory: (config) => new CountingAdapter(config as never),
      });
      registered = true;
    }
    const seed: Record<string, string[]> = Object.fromEntries(COLLECTION_KEYS.map((key) => [key, []]));
    for (const [label, keys] of Object.entries(world)) for (const key of keys) seed[key]!.push(label);
    const account = new InMemoryAccount(CREDENTIAL, seed);
    const writes = () => CountingAdapter.writes.get(account) ?? 0;
    return {
      client: createCollectionClient({
        provider: PLUG_IN, apiKey: CREDENTIAL, account, ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
      } as never),
      collectionId: (key) => key,
      itemId: (label) => label,
      writes,
      reads: () => account.requests - writes(),
      close: async () => undefined,
    };
  },
};

export const WORLD_VENDORS: readonly WorldVendor[] = [wickson, verifik, plugIn];

/** A random world for a vendor: every label placed (exclusive: one collection or `default`; multiple: any subset). */
export function worldArbitrary(vendor: WorldVendor): fc.Arbitrary<World> {
  const placement = vendor.membership === 'exclusive'
    ? fc.constantFrom<string[]>(['default'], ...COLLECTION_KEYS.map((key) => [key]))
    : fc.subarray([...COLLECTION_KEYS]);
  return fc.record(Object.fromEntries(ITEM_LABELS.map((label) => [label, placement])));
}

/** Ids to act on: some existing items, maybe some missing ones, in a random order (duplicates allowed). */
export const labelsArbitrary = fc.tuple(
  fc.shuffledSubarray(ITEM_LABELS, { maxLength: 9 }), fc.subarray(MISSING_LABELS), fc.boolean(),
).map(([existing, missing, dup]) => {
  const labels = [...existing, ...missing];
  return dup && labels.length > 0 ? [...labels, labels[0]!] : labels;
});

export async function membersOf(client: CollectionProvider, collectionId: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const item of client.listItems(collectionId)) ids.push(item.id);
  return ids.sort();
}
