import { resolveCredential } from '../../config/parse-config.js';
import { createHttpClient, type VendorHttp } from '../../http/create-http-client.js';
import { acceptCredential } from '../../http/credential.js';
import { Redactor } from '../../http/redact.js';
import { encodePath, perRequest } from '../../http/request-spec.js';
import type { CredentialStatus } from '../../spec/credential.js';
import type { QuotaSnapshot } from '../../spec/quota.js';
import type { AdapterCall, AdapterCapabilities, ChunkOutcome, CollectionAdapter, ItemPage } from '../../spec/adapter.js';
import type { Collection, CollectionItem, DeletedCollection } from '../../spec/models.js';
import { WICKSON_DEFAULT_BASE_URL, type WicksonConfig } from './wickson-config.js';
import {
  WICKSON_DEFAULT_COLLECTION, mapAddItemsOutcome, mapBatchDeleteOutcome, mapCollectionDetails,
  mapCollectionList, mapDeletedCollection, mapMediaItem, mapWicksonError, rawAt,
} from './wickson-mappers.js';
import {
  addItemsSchema, batchDeleteSchema, deleteCollectionSchema, getCollectionSchema, getMediaSchema, listCollectionsSchema,
  listMediaSchema,
} from './wickson-schemas.js';

const PROVIDER = 'wickson';

export const WICKSON_CAPABILITIES: Readonly<AdapterCapabilities> = Object.freeze({
  membership: 'exclusive',
  // Measured with `npm run bench` (10,000 ids, 20 ms latency; README): 3.5x the sequential loop
  // at 4, 6.2x at 8, no steady gain beyond. The docs limit requests per hour, not requests in
  // flight, and concurrency does not change how many requests a job sends.
  defaultConcurrency: 8,
  deleteCascadesItems: true,
  deleteCollectionReturns: 'counts',
  maxAddBatch: 1000,
  maxDeleteBatch: 100,
  maxPageSize: 100,
  protectedCollectionId: WICKSON_DEFAULT_COLLECTION,
  membershipWrites: 'atomic',
  // A move naming one unknown id is refused whole (404 ITEMS_NOT_FOUND): dry runs predict that.
  missingItemFailsAddRequest: true,
  // The documented way out of a collection is a move back to `default`.
  removeItems: 'move-to-default',
  // Adding to a missing collection creates it (the seeds): the core checks first.
  addCreatesCollection: true,
});

/**
 * Wickson media collections, one vendor request per method; the core around it validates,
 * chunks and partitions. The API key lives only in the auth closure and the #private redactor
 * (which inspects as a count), never in a public field.
 */
export class WicksonAdapter implements CollectionAdapter {
  readonly provider = PROVIDER;
  readonly capabilities = WICKSON_CAPABILITIES;
  readonly unsupported = {
    createCollection: 'Wickson has no create-collection endpoint: it creates a collection implicitly when items '
      + 'are added to it; use addItems(collectionId, itemIds, { createIfMissing: true }) with the new collection id',
    updateCollection: 'Wickson collections cannot be renamed: the collection id is its name (no request was sent)',
  };
  readonly #http: VendorHttp;
  readonly #redactor = new Redactor();

  constructor(config: WicksonConfig) {
    const apiKey = acceptCredential(
      PROVIDER, resolveCredential(PROVIDER, config.apiKey, 'apiKey', 'WICKSON_API_KEY'),
      config.apiKey === undefined ? 'the WICKSON_API_KEY environment variable' : 'config.apiKey', this.#redactor,
    );
    this.#http = createHttpClient(config, {
      provider: PROVIDER,
      defaultBaseUrl: WICKSON_DEFAULT_BASE_URL,
      authHeaders: async () => ({ 'X-Api-Key': apiKey }),
      redactor: this.#redactor,
      mapError: mapWicksonError,
      // "1,000 requests per hour per API key" (vendor-apis.md §1.1), counted per key. Every
      // answer reports the window, so the limit is taken from the first answer (which goes
      // alone) rather than assumed: a server that sends no X-RateLimit-* (a proxy, a test
      // double) is not throttled to a limit it does not have. The hour serves ETAs.
      quotaPartition: apiKey,
      quotaDefaults: { windowMs: 3_600_000 },
      reportsQuota: true,
    });
  }

  quotaStatus(): Promise<QuotaSnapshot | undefined> {
    return this.#http.quotaStatus();
  }

  /** A Wickson API key has no expiry, and nothing renews it. */
  credentialStatus(): CredentialStatus {
    return { renews: false };
  }

  async listCollections(call: AdapterCall): Promise<Collection[]> {
    const res = await this.#http.request({
      method: 'GET', path: '/v1/media/collections', schema: listCollectionsSchema, operation: 'read', ...perRequest(call),
    });
    return mapCollectionList(res.data.data, res.raw);
  }

  async getCollection(collectionId: string, call: AdapterCall): Promise<Collection> {
    const res = await this.#http.request({
      method: 'GET',
      path: encodePath`/v1/media/collections/${collectionId}`,
      schema: getCollectionSchema,
      operation: 'read',
      ...perRequest(call),
    });
    return mapCollectionDetails(collectionId, res.data.data, res.raw);
  }

  async deleteCollection(collectionId: string, call: AdapterCall): Promise<DeletedCollection> {
    const res = await this.#http.request({
      method: 'DELETE',
      path: encodePath`/v1/media/collections/${collectionId}`,
      schema: deleteCollectionSchema,
      operation: 'idempotent-write',
      ...perRequest(call),
    });
    return mapDeletedCollection(collectionId, res.data.data, res.raw);
  }

  async getItem(itemId: string, call: AdapterCall): Promise<CollectionItem> {
    const res = await this.#http.request({
      method: 'GET', path: encodePath`/v1/media/${itemId}`, schema: getMediaSchema, operation: 'read', ...perRequest(call),
    });
    return mapMediaItem(undefined, res.data.data, rawAt(res.raw, 'data'));
  }

  /** One chunk of ≤1000: atomic and idempotent per the docs, so it is safe to retry. */
  async addItems(collectionId: string, itemIds: string[], call: AdapterCall): Promise<ChunkOutcome> {
    const res = await this.#http.request({
      method: 'POST',
      path: encodePath`/v1/media/collections/${collectionId}/items`,
      json: { items: itemIds },
      schema: addItemsSchema,
      operation: 'idempotent-write',
      ...perRequest(call),
    });
    return { ...mapAddItemsOutcome(itemIds, res.data.data, res.raw), earlierAttemptMayHaveApplied: res.earlierAttemptMayHaveApplied };
  }

  /** One chunk of ≤100 on the JSON-bodied DELETE; a 200 may still report per-item failures. */
  async deleteItems(itemIds: string[], call: AdapterCall & { reason?: string | undefined }): Promise<ChunkOutcome> {
    const res = await this.#http.request({
      method: 'DELETE',
      path: '/v1/media/batch',
      json: call.reason === undefined ? { media_ids: itemIds } : { media_ids: itemIds, reason: call.reason },
      schema: batchDeleteSchema,
      operation: 'idempotent-write',
      ...perRequest(call),
    });
    // Per-item reasons come from a body the http layer has already redacted (decoded values).
    return mapBatchDeleteOutcome(itemIds, res.data.data, res.raw, res.earlierAttemptMayHaveApplied);
  }

  async listItemsPage(collectionId: string, page: number, pageSize: number, call: AdapterCall): Promise<ItemPage> {
    const res = await this.#http.request({
      method: 'GET',
      path: '/v1/media',
      query: new URLSearchParams({ collection: collectionId, page: String(page), page_size: String(pageSize) }),
      schema: listMediaSchema,
      operation: 'read',
      ...perRequest(call),
    });
    const { items, pagination } = res.data.data;
    return {
      items: items.map((item, index) => mapMediaItem(collectionId, item, rawAt(res.raw, 'data', 'items', index))),
      received: items.length,
      firstId: items[0]?.id,
      totalPages: pagination?.total_pages ?? undefined,
    };
  }
}
