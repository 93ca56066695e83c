import { z } from 'zod';
import {
  baseConfigSchema, CollectionError,
  type AdapterCall, type AdapterCapabilities, type ChunkOutcome, type Collection, type CollectionAdapter,
  type CreateCollectionInput, type DeletedCollection, type ItemPage,
} from '../../src/index.js';

/**
 * A third vendor, written the way an app author would: only request-level methods, no
 * validation, no chunking, no partition bookkeeping (the library's core does all of that), no
 * decorators, registered from the outside with `registerProvider({ name, configSchema, useFactory })`.
 */

/** The "vendor's" account: what a real service would hold server-side. */
export class InMemoryAccount {
  readonly collections = new Map<string, Set<string>>();
  readonly items = new Set<string>();
  requests = 0;

  constructor(readonly apiKey: string, seed: Record<string, string[]> = {}) {
    for (const [id, items] of Object.entries(seed)) {
      this.collections.set(id, new Set(items));
      items.forEach((item) => this.items.add(item));
    }
  }
}

export const inMemoryConfigSchema = baseConfigSchema.extend({
  provider: z.literal('in-memory'),
  apiKey: z.string().default('in-memory-key'),
  /** Seeds a fresh account when no shared `account` is given. */
  collections: z.record(z.string(), z.array(z.string())).default({}),
  account: z.custom<InMemoryAccount>((v) => v instanceof InMemoryAccount).optional(),
});

export type InMemoryConfig = z.output<typeof inMemoryConfigSchema>;

const notFound = (provider: string, what: string) =>
  new CollectionError({ code: 'NOT_FOUND', provider, status: 404, message: `${what} not found` });

export class InMemoryAdapter implements CollectionAdapter {
  readonly provider: string = 'in-memory';
  readonly capabilities: AdapterCapabilities = {
    membership: 'multiple', deleteCascadesItems: false, deleteCollectionReturns: 'snapshot',
    maxAddBatch: 2, maxDeleteBatch: 2, maxPageSize: 50,
  };
  readonly #account: InMemoryAccount;
  readonly #apiKey: string;

  constructor(config: InMemoryConfig) {
    this.#account = config.account ?? new InMemoryAccount(config.apiKey, config.collections);
    this.#apiKey = config.apiKey;
  }

  /** Every method is one "request": counted, and refused for a wrong key. */
  #request(): InMemoryAccount {
    this.#account.requests += 1;
    if (this.#apiKey !== this.#account.apiKey) {
      throw new CollectionError({ code: 'UNAUTHORIZED', provider: this.provider, status: 401, message: 'invalid key' });
    }
    return this.#account;
  }

  #toCollection(id: string, items: Set<string>): Collection {
    return { provider: this.provider, id, name: id, itemCount: items.size, isDefault: false, raw: { id, items: [...items] } };
  }

  async listCollections(_call: AdapterCall): Promise<Collection[]> {
    return [...this.#request().collections].map(([id, items]) => this.#toCollection(id, items));
  }

  async getCollection(id: string, _call: AdapterCall): Promise<Collection> {
    const items = this.#request().collections.get(id);
    if (!items) throw notFound(this.provider, `collection ${id}`);
    return this.#toCollection(id, items);
  }

  async createCollection(input: CreateCollectionInput, _call: AdapterCall): Promise<Collection> {
    const account = this.#request();
    account.collections.set(input.name, new Set());
    return this.#toCollection(input.name, account.collections.get(input.name)!);
  }

  async deleteCollection(id: string, _call: AdapterCall): Promise<DeletedCollection> {
    const account = this.#request();
    const items = account.collections.get(id);
    if (!items) throw notFound(this.provider, `collection ${id}`);
    account.collections.delete(id);
    const snapshot = this.#toCollection(id, items);
    return { provider: this.provider, collectionId: id, snapshot, raw: snapshot.raw };
  }

  async addItems(collectionId: string, ids: string[], _call: AdapterCall): Promise<ChunkOutcome> {
    const account = this.#request();
    const target = account.collections.get(collectionId);
    if (!target) throw notFound(this.provider, `collection ${collectionId}`);
    const outcome: ChunkOutcome = { succeeded: [], failed: [], unknown: [], moved: 0, alreadyInCollection: 0 };
    for (const id of ids) {
      if (!account.items.has(id)) {
        outcome.failed.push({ id, reason: 'no such item', code: 'NOT_FOUND' });
        continue;
      }
      if (target.has(id)) outcome.alreadyInCollection! += 1;
      else outcome.moved! += 1;
      target.add(id);
      outcome.succeeded.push(id);
    }
    return outcome;
  }

  async deleteItems(ids: string[], _call: AdapterCall): Promise<ChunkOutcome> {
    const account = this.#request();
    const outcome: ChunkOutcome = { succeeded: [], failed: [], unknown: [] };
    for (const id of ids) {
      if (!account.items.delete(id)) {
        outcome.failed.push({ id, reason: 'no such item', code: 'NOT_FOUND' });
        continue;
      }
      for (const items of account.collections.values()) items.delete(id);
      outcome.succeeded.push(id);
    }
    return outcome;
  }

  async listItemsPage(collectionId: string, page: number, pageSize: number, _call: AdapterCall): Promise<ItemPage> {
    const items = this.#request().collections.get(collectionId);
    if (!items) throw notFound(this.provider, `collection ${collectionId}`);
    const slice = [...items].slice((page - 1) * pageSize, page * pageSize);
    return {
      items: slice.map((id) => ({ provider: this.provider, id, collectionIds: [collectionId], raw: { id } })),
      received: slice.length,
      firstId: slice[0],
      totalPages: Math.ceil(items.size / pageSize),
    };
  }
}

// A plug-in's config gets compile-time checking the way an app would add it.
declare module '../../src/index.js' {
  interface CollectionProviderConfigs { 'in-memory': z.input<typeof inMemoryConfigSchema> }
}
