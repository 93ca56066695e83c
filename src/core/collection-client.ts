import { KeyedSerializer } from '../batch/keyed-serializer.js';
import { runBatch } from '../batch/run-batch.js';
import { CollectionError, isCollectionError, isMaybeApplied, markNotSent } from '../errors.js';
import { paginate } from './paginate.js';
import type { AdapterCall, AdapterOperation, ChunkOutcome, CollectionAdapter } from '../spec/adapter.js';
import type { BatchResult, Collection, CollectionItem, DeletedCollection } from '../spec/models.js';
import type {
  BatchOptions, CallOptions, CreateCollectionInput, DeleteItemsOptions, ListItemsOptions,
} from '../spec/options.js';
import type { CollectionProvider, ProviderCapabilities } from '../spec/provider.js';
import { validateCallOptions, validateCreateInput, validateId, validateIdList } from '../validation/input.js';

export interface CoreSettings {
  /** Requests in flight at once for batch work. */
  concurrency: number;
}

/** A 404 after an attempt that may have been carried out (its answer lost): that one did it. */
function goneAfterRetry(error: unknown): error is CollectionError {
  return isCollectionError(error) && error.code === 'NOT_FOUND' && isMaybeApplied(error);
}

const callOf = (options: CallOptions): AdapterCall => ({ signal: options.signal, timeoutMs: options.timeoutMs });

/**
 * The public client: vendor-neutral, the same for every adapter (built-in or plugged in). It
 * owns every promise the README makes about a call, so an adapter only talks to its vendor.
 * Inputs are checked before anything else, an operation the adapter lacks is UNSUPPORTED before
 * any I/O, batches are deduplicated, chunked from the declared limits and partitioned.
 */
export class CollectionClient implements CollectionProvider {
  readonly provider: string;
  readonly capabilities: ProviderCapabilities;
  readonly #adapter: CollectionAdapter;
  readonly #settings: CoreSettings;
  /** Read-modify-write of one item runs one at a time within this client. */
  readonly #itemWrites = new KeyedSerializer();

  constructor(adapter: CollectionAdapter, settings: CoreSettings) {
    this.#adapter = adapter;
    this.#settings = settings;
    this.provider = adapter.provider;
    this.capabilities = Object.freeze({
      ...adapter.capabilities,
      createCollection: typeof adapter.createCollection === 'function',
    });
  }

  async listCollections(options?: CallOptions): Promise<Collection[]> {
    const call = validateCallOptions(this.provider, options);
    return this.#adapter.listCollections(callOf(call));
  }

  async getCollection(id: string, options?: CallOptions): Promise<Collection> {
    const collectionId = validateId(this.provider, id, 'collection id');
    const call = validateCallOptions(this.provider, options);
    return this.#adapter.getCollection(collectionId, callOf(call));
  }

  /** Refused before the input is even read when unsupported: no input could make it work. */
  async createCollection(input: CreateCollectionInput, options?: CallOptions): Promise<Collection> {
    const create = this.#require('createCollection');
    const checked = validateCreateInput(this.provider, input);
    const call = validateCallOptions(this.provider, options);
    return create.call(this.#adapter, checked, callOf(call));
  }

  /**
   * A 404 after an attempt whose answer was lost means that attempt deleted it: success, with
   * what the lost answer held (counts, snapshot) unknown, and `raw` saying what was seen.
   */
  async deleteCollection(id: string, options?: CallOptions): Promise<DeletedCollection> {
    const remove = this.#require('deleteCollection');
    const collectionId = validateId(this.provider, id, 'collection id');
    const call = validateCallOptions(this.provider, options);
    const { protectedCollectionId } = this.capabilities;
    if (collectionId === protectedCollectionId) {
      throw new CollectionError({
        code: 'PROTECTED_COLLECTION', provider: this.provider, retryable: false,
        message: `${this.provider}'s "${protectedCollectionId}" collection cannot be deleted; delete its items with `
          + 'deleteItems, or move them to another collection first (request not sent)',
      });
    }
    try {
      return await remove.call(this.#adapter, collectionId, callOf(call));
    } catch (error) {
      if (!goneAfterRetry(error)) throw error;
      return {
        provider: this.provider,
        collectionId,
        raw: { alreadyDeleted: true, status: error.status, vendorCode: error.vendorCode, requestId: error.requestId, attempts: error.attempts },
      };
    }
  }

  async addItems(collectionId: string, itemIds: readonly string[], options?: BatchOptions): Promise<BatchResult> {
    const add = this.#require('addItems');
    const target = validateId(this.provider, collectionId, 'collection id');
    const ids = validateIdList(this.provider, itemIds, 'itemIds');
    const call = validateCallOptions(this.provider, options);
    const { maxAddBatch, membershipWrites } = this.capabilities;
    const serialized = membershipWrites === 'read-modify-write';
    return this.#batch(ids, serialized ? 1 : maxAddBatch, call, (chunk, signal) => {
      const send = () => add.call(this.#adapter, target, chunk, { signal, timeoutMs: call.timeoutMs });
      return serialized ? this.#itemWrites.run(chunk[0]!, send) : send();
    });
  }

  /** A 404 on a retry of a delete means an earlier attempt deleted it: succeeded. */
  async deleteItems(itemIds: readonly string[], options?: DeleteItemsOptions): Promise<BatchResult> {
    const remove = this.#require('deleteItems');
    const ids = validateIdList(this.provider, itemIds, 'itemIds');
    const call = validateCallOptions(this.provider, options);
    return this.#batch(ids, this.capabilities.maxDeleteBatch, call, async (chunk, signal) => {
      try {
        return await remove.call(this.#adapter, chunk, { signal, timeoutMs: call.timeoutMs, reason: call.reason });
      } catch (error) {
        if (goneAfterRetry(error)) return { succeeded: chunk, failed: [], unknown: [] };
        throw error;
      }
    });
  }

  /**
   * Lazy: arguments are checked at the first `next()`, still before any request. An abort
   * between pages surfaces as ABORTED on the next page (the http layer refuses to send).
   */
  listItems(collectionId: string, options?: ListItemsOptions): AsyncIterable<CollectionItem> {
    return this.#items(collectionId, options);
  }

  async *#items(collectionId: string, options: ListItemsOptions | undefined): AsyncGenerator<CollectionItem, void, undefined> {
    const id = validateId(this.provider, collectionId, 'collection id');
    const call = validateCallOptions(this.provider, options);
    const { maxPageSize } = this.capabilities;
    const pageSize = Math.min(maxPageSize, call.pageSize ?? maxPageSize);
    yield* paginate(pageSize, (page) => {
      // The consumer may take its time between pages; an abort meanwhile stops before the next request.
      if (call.signal?.aborted) {
        throw markNotSent(new CollectionError({
          code: 'ABORTED', provider: this.provider, retryable: false,
          message: `listing items of collection ${id} was aborted before page ${page}`,
        }));
      }
      return this.#adapter.listItemsPage(id, page, pageSize, callOf(call));
    });
  }

  #batch(
    ids: string[], chunkSize: number, call: BatchOptions,
    send: (chunk: string[], signal: AbortSignal | undefined) => Promise<ChunkOutcome>,
  ): Promise<BatchResult> {
    return runBatch({
      provider: this.provider,
      ids,
      chunkSize: Math.max(1, chunkSize),
      concurrency: this.#settings.concurrency,
      signal: call.signal,
      onProgress: call.onProgress,
      send,
    });
  }

  /** The adapter's method for an operation, or UNSUPPORTED before anything else happens. */
  #require<K extends AdapterOperation>(operation: K): NonNullable<CollectionAdapter[K]> {
    const method = this.#adapter[operation];
    if (typeof method === 'function') return method as NonNullable<CollectionAdapter[K]>;
    const why = this.#adapter.unsupported?.[operation];
    throw new CollectionError({
      code: 'UNSUPPORTED', provider: this.provider, retryable: false,
      message: why ?? `${this.provider} does not support ${operation} (no request was sent)`,
    });
  }
}
