import { z } from 'zod';
import {
  baseConfigSchema, CollectionError,
  type BatchResult, type Collection, type CollectionItem, type CollectionProvider, type DeletedCollection,
  type ProviderCapabilities,
} from '../../src/index.js';

/**
 * A third vendor, written the way an app author would: no decorators, registered from the
 * outside with `registerProvider({ name, configSchema, useFactory })`.
 */
export const inMemoryConfigSchema = baseConfigSchema.extend({
  provider: z.literal('in-memory'),
  collections: z.record(z.string(), z.array(z.string())).default({}),
});

export type InMemoryConfig = z.output<typeof inMemoryConfigSchema>;

export class InMemoryProvider implements CollectionProvider {
  readonly provider: string = 'in-memory';
  readonly capabilities: ProviderCapabilities = {
    createCollection: true, membership: 'multiple', deleteCascadesItems: false,
    deleteCollectionReturns: 'snapshot', maxAddBatch: 0, maxDeleteBatch: 0, maxPageSize: 100,
  };
  readonly #collections: Map<string, Set<string>>;

  constructor(config: InMemoryConfig) {
    this.#collections = new Map(Object.entries(config.collections).map(([id, items]) => [id, new Set(items)]));
  }

  #toCollection(id: string): Collection {
    const items = this.#collections.get(id);
    if (!items) throw new CollectionError({ code: 'NOT_FOUND', provider: this.provider, message: `collection ${id} not found` });
    return { provider: this.provider, id, name: id, itemCount: items.size, isDefault: false, raw: { id, items: [...items] } };
  }

  async listCollections(): Promise<Collection[]> {
    return [...this.#collections.keys()].map((id) => this.#toCollection(id));
  }

  async getCollection(id: string): Promise<Collection> {
    return this.#toCollection(id);
  }

  async createCollection(input: { name: string }): Promise<Collection> {
    this.#collections.set(input.name, new Set());
    return this.#toCollection(input.name);
  }

  async deleteCollection(id: string): Promise<DeletedCollection> {
    const snapshot = this.#toCollection(id);
    this.#collections.delete(id);
    return { provider: this.provider, collectionId: id, snapshot, raw: snapshot.raw };
  }

  async addItems(collectionId: string, itemIds: readonly string[]): Promise<BatchResult> {
    const target = this.#collections.get(collectionId);
    const ids = [...new Set(itemIds)];
    if (!target) {
      return this.#result(ids, [], ids.map((id) => ({ id, reason: 'collection not found', code: 'NOT_FOUND' })));
    }
    const already = ids.filter((id) => target.has(id)).length;
    ids.forEach((id) => target.add(id));
    return { ...this.#result(ids, ids, []), moved: ids.length - already, alreadyInCollection: already };
  }

  async deleteItems(itemIds: readonly string[]): Promise<BatchResult> {
    const ids = [...new Set(itemIds)];
    const known = new Set([...this.#collections.values()].flatMap((items) => [...items]));
    for (const items of this.#collections.values()) ids.forEach((id) => items.delete(id));
    return this.#result(
      ids,
      ids.filter((id) => known.has(id)),
      ids.filter((id) => !known.has(id)).map((id) => ({ id, reason: 'not found', code: 'NOT_FOUND' })),
    );
  }

  async *listItems(collectionId: string): AsyncIterable<CollectionItem> {
    const items = this.#collections.get(collectionId);
    if (!items) throw new CollectionError({ code: 'NOT_FOUND', provider: this.provider, message: `collection ${collectionId} not found` });
    for (const id of items) yield { provider: this.provider, id, collectionIds: [collectionId], raw: { id } };
  }

  #result(ids: string[], succeeded: string[], failed: BatchResult['failed']): BatchResult {
    return {
      provider: this.provider, requested: ids.length, ok: failed.length === 0,
      succeeded, failed, unknown: [], raw: [],
    };
  }
}
