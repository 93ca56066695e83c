import { inject, injectable } from 'tsyringe';
import type { ChunkOutcome } from '../../batch/chunk-outcome.js';
import { runBatch } from '../../batch/run-batch.js';
import { resolveCredential } from '../../config/parse-config.js';
import { PROVIDER_CONFIG } from '../../di/tokens.js';
import { CollectionError, isCollectionError, isMaybeApplied } from '../../errors.js';
import { createHttpClient } from '../../http/create-http-client.js';
import { acceptCredential } from '../../http/credential.js';
import type { HttpClient } from '../../http/http-client.js';
import { Redactor } from '../../http/redact.js';
import { encodePath, perRequest } from '../../http/request-spec.js';
import type { BatchResult, Collection, CollectionItem, DeletedCollection } from '../../spec/models.js';
import type {
  BatchOptions, CallOptions, CreateCollectionInput, DeleteItemsOptions, ListItemsOptions,
} from '../../spec/options.js';
import type { CollectionProvider, ProviderCapabilities } from '../../spec/provider.js';
import { validateCallOptions, validateId, validateIdList } from '../../validation/input.js';
import { paginate } from '../shared/paginate.js';
import { WICKSON_DEFAULT_BASE_URL, type WicksonConfig } from './wickson-config.js';
import {
  WICKSON_DEFAULT_COLLECTION, mapAddItemsOutcome, mapAlreadyDeleted, mapBatchDeleteOutcome, mapCollectionDetails,
  mapCollectionList, mapDeletedCollection, mapMediaItem, mapWicksonError, rawAt,
} from './wickson-mappers.js';
import {
  addItemsSchema, batchDeleteSchema, deleteCollectionSchema, getCollectionSchema, listCollectionsSchema,
  listMediaSchema,
} from './wickson-schemas.js';

const PROVIDER = 'wickson';

export const WICKSON_CAPABILITIES: Readonly<ProviderCapabilities> = Object.freeze({
  createCollection: false,
  membership: 'exclusive',
  deleteCascadesItems: true,
  deleteCollectionReturns: 'counts',
  maxAddBatch: 1000,
  maxDeleteBatch: 100,
  maxPageSize: 100,
  protectedCollectionId: WICKSON_DEFAULT_COLLECTION,
});

/**
 * Wickson media collections. Orchestration only: validation happens before any request, the
 * http client owns retries and error shapes, the mappers own every vendor field. The API key
 * lives only in the auth closure and the #private redactor (which inspects as a count), never in
 * a public field.
 */
@injectable()
export class WicksonProvider implements CollectionProvider {
  readonly provider = PROVIDER;
  readonly capabilities: ProviderCapabilities = WICKSON_CAPABILITIES;
  readonly #http: HttpClient;
  readonly #redactor = new Redactor();
  readonly #concurrency: number;

  constructor(@inject(PROVIDER_CONFIG) config: WicksonConfig) {
    const apiKey = acceptCredential(
      PROVIDER, resolveCredential(PROVIDER, config.apiKey, 'apiKey', 'WICKSON_API_KEY'),
      config.apiKey === undefined ? 'the WICKSON_API_KEY environment variable' : 'config.apiKey', this.#redactor,
    );
    this.#concurrency = config.concurrency;
    this.#http = createHttpClient(config, {
      provider: PROVIDER,
      defaultBaseUrl: WICKSON_DEFAULT_BASE_URL,
      authHeaders: async () => ({ 'X-Api-Key': apiKey }),
      redactor: this.#redactor,
      mapError: mapWicksonError,
    });
  }

  async listCollections(options?: CallOptions): Promise<Collection[]> {
    const opts = validateCallOptions(PROVIDER, options);
    const res = await this.#http.request({
      method: 'GET', path: '/v1/media/collections', schema: listCollectionsSchema, operation: 'read', ...perRequest(opts),
    });
    return mapCollectionList(res.data.data, res.raw);
  }

  async getCollection(id: string, options?: CallOptions): Promise<Collection> {
    const opts = validateCallOptions(PROVIDER, options);
    const collectionId = validateId(PROVIDER, id, 'collection id');
    const res = await this.#http.request({
      method: 'GET',
      path: encodePath`/v1/media/collections/${collectionId}`,
      schema: getCollectionSchema,
      operation: 'read',
      ...perRequest(opts),
    });
    return mapCollectionDetails(collectionId, res.data.data, res.raw);
  }

  /**
   * Refused before anything else, inputs included: no input could make it work, and the caller
   * learns the real way (addItems to a new name) from the first call instead of after fixing
   * arguments for nothing.
   */
  async createCollection(_input: CreateCollectionInput, _options?: CallOptions): Promise<Collection> {
    throw new CollectionError({
      code: 'UNSUPPORTED',
      provider: PROVIDER,
      retryable: false,
      message: 'Wickson has no create-collection endpoint: it creates a collection implicitly when items '
        + 'are added to it; use addItems(collectionId, itemIds) with the new collection id',
    });
  }

  /**
   * A 404 is NOT_FOUND, unless an earlier attempt may have been carried out (its answer was lost
   * to a timeout, a reset or a 5xx): then that attempt most likely deleted it: the collection is gone either
   * way, so that is reported as success with `deletedItems` unknown (undefined) and `raw`
   * describing what happened, since the counts were in the lost answer.
   */
  async deleteCollection(id: string, options?: CallOptions): Promise<DeletedCollection> {
    const opts = validateCallOptions(PROVIDER, options);
    const collectionId = validateId(PROVIDER, id, 'collection id');
    if (collectionId === WICKSON_DEFAULT_COLLECTION) {
      throw new CollectionError({
        code: 'PROTECTED_COLLECTION',
        provider: PROVIDER,
        retryable: false,
        message: 'Wickson\'s "default" collection cannot be deleted; delete its items with deleteItems, '
          + 'or move them to another collection first (request not sent)',
      });
    }
    try {
      const res = await this.#http.request({
        method: 'DELETE',
        path: encodePath`/v1/media/collections/${collectionId}`,
        schema: deleteCollectionSchema,
        operation: 'idempotent-write',
        ...perRequest(opts),
      });
      return mapDeletedCollection(collectionId, res.data.data, res.raw);
    } catch (error) {
      if (isCollectionError(error) && error.code === 'NOT_FOUND' && isMaybeApplied(error)) {
        return mapAlreadyDeleted(collectionId, error);
      }
      throw error;
    }
  }

  /** Chunks of ≤1000, each atomic and idempotent per the docs, so they are safe to retry. */
  async addItems(collectionId: string, itemIds: readonly string[], options?: BatchOptions): Promise<BatchResult> {
    const opts = validateCallOptions(PROVIDER, options);
    const target = validateId(PROVIDER, collectionId, 'collection id');
    const ids = validateIdList(PROVIDER, itemIds, 'itemIds');
    return runBatch({
      provider: PROVIDER,
      ids,
      chunkSize: WICKSON_CAPABILITIES.maxAddBatch,
      concurrency: this.#concurrency,
      signal: opts.signal,
      onProgress: opts.onProgress,
      send: async (chunk, signal) => {
        const res = await this.#http.request({
          method: 'POST',
          path: encodePath`/v1/media/collections/${target}/items`,
          json: { items: chunk },
          schema: addItemsSchema,
          operation: 'idempotent-write',
          ...perRequest({ ...opts, signal }),
        });
        return { ...mapAddItemsOutcome(chunk, res.data.data, res.raw), earlierAttemptMayHaveApplied: res.earlierAttemptMayHaveApplied };
      },
    });
  }

  /** Chunks of ≤100 on the JSON-bodied DELETE; a 200 may still report per-item failures. */
  async deleteItems(itemIds: readonly string[], options?: DeleteItemsOptions): Promise<BatchResult> {
    const opts = validateCallOptions(PROVIDER, options);
    const ids = validateIdList(PROVIDER, itemIds, 'itemIds');
    const reason = opts.reason;
    return runBatch({
      provider: PROVIDER,
      ids,
      chunkSize: WICKSON_CAPABILITIES.maxDeleteBatch,
      concurrency: this.#concurrency,
      signal: opts.signal,
      onProgress: opts.onProgress,
      send: async (chunk, signal) => {
        const res = await this.#http.request({
          method: 'DELETE',
          path: '/v1/media/batch',
          json: { media_ids: chunk, ...(reason !== undefined ? { reason } : {}) },
          schema: batchDeleteSchema,
          operation: 'idempotent-write',
          ...perRequest({ ...opts, signal }),
        });
        return this.#redactFailures(mapBatchDeleteOutcome(chunk, res.data.data, res.raw, res.earlierAttemptMayHaveApplied));
      },
    });
  }

  /**
   * Per-item reasons are vendor text that ends up in logs as an error message does, so a server
   * echoing the key must not get it through them either (`raw` stays verbatim, by contract).
   */
  #redactFailures(outcome: ChunkOutcome): ChunkOutcome {
    const redact = (text: string) => this.#redactor.redact(text);
    return {
      ...outcome,
      failed: outcome.failed.map((f) => ({ ...f, reason: redact(f.reason), ...(f.code !== undefined ? { code: redact(f.code) } : {}) })),
    };
  }

  /**
   * Lazy: arguments are validated when iteration starts (first `next()`), still before any
   * request. `timeoutMs` bounds each page request, not the whole walk.
   */
  listItems(collectionId: string, options?: ListItemsOptions): AsyncIterable<CollectionItem> {
    return this.#pages(collectionId, options);
  }

  async *#pages(collectionId: string, options: ListItemsOptions | undefined): AsyncGenerator<CollectionItem> {
    const opts = validateCallOptions(PROVIDER, options);
    const id = validateId(PROVIDER, collectionId, 'collection id');
    const pageSize = Math.min(WICKSON_CAPABILITIES.maxPageSize, opts.pageSize ?? WICKSON_CAPABILITIES.maxPageSize);
    // The http client refuses to send once the signal is aborted, so an abort between pages
    // surfaces as ABORTED on the next page instead of another request.
    yield* paginate(pageSize, async (page) => {
      const res = await this.#http.request({
        method: 'GET',
        path: '/v1/media',
        query: new URLSearchParams({ collection: id, page: String(page), page_size: String(pageSize) }),
        schema: listMediaSchema,
        operation: 'read',
        ...perRequest(opts),
      });
      const { items, pagination } = res.data.data;
      return {
        items: items.map((item, index) => mapMediaItem(id, item, rawAt(res.raw, 'data', 'items', index))),
        received: items.length,
        firstId: items[0]?.id,
        totalPages: pagination?.total_pages ?? undefined,
      };
    });
  }
}
