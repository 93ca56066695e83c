// tsyringe needs the Reflect metadata API before any decorated class is defined.
import 'reflect-metadata';
import { inject, injectable } from 'tsyringe';
import { z } from 'zod';
import { KeyedSerializer } from '../../batch/keyed-serializer.js';
import { runBatch } from '../../batch/run-batch.js';
import { CollectionError, isCollectionError, isMaybeApplied } from '../../errors.js';
import { createHttpClient } from '../../http/create-http-client.js';
import type { HttpClient } from '../../http/http-client.js';
import { Redactor } from '../../http/redact.js';
import { encodePath, perRequest } from '../../http/request-spec.js';
import { PROVIDER_CONFIG } from '../../di/tokens.js';
import type { BatchResult, Collection, CollectionItem, DeletedCollection } from '../../spec/models.js';
import type {
  BatchOptions, CallOptions, CreateCollectionInput, DeleteItemsOptions, ListItemsOptions,
} from '../../spec/options.js';
import type { CollectionProvider, ProviderCapabilities } from '../../spec/provider.js';
import { validateCallOptions, validateId, validateIdList } from '../../validation/input.js';
import { createVerifikAuth } from './verifik-auth.js';
import { VERIFIK_DEFAULT_BASE_URL, type VerifikConfig } from './verifik-config.js';
import { mapCollection, mapVerifikError, rawData, rawDataAt } from './verifik-mappers.js';
import { addPersonToCollection } from './verifik-membership.js';
import { personPages, VERIFIK_MAX_PAGE_SIZE } from './verifik-person-pages.js';
import {
  collectionDeleteEnvelopeSchema, collectionEnvelopeSchema, collectionListEnvelopeSchema, personDeleteEnvelopeSchema,
} from './verifik-schemas.js';

const PROVIDER = 'verifik';
const COLLECTIONS = '/v2/face-recognition/collections';

const createInputSchema = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters'),
  description: z.string().optional(),
});

/** A 404 after an attempt that may have been carried out (answer lost): that one did the delete. */
function isGoneAfterRetry(error: unknown): boolean {
  return isCollectionError(error) && error.code === 'NOT_FOUND' && isMaybeApplied(error);
}

/**
 * Verifik face-recognition collections and persons (vendor-apis.md §2). Collections are
 * addressed by `_id`; persons may belong to many collections, so adding is a per-person
 * read-modify-write and deleting a collection only unlinks its persons.
 */
@injectable()
export class VerifikProvider implements CollectionProvider {
  readonly provider = PROVIDER;
  readonly capabilities: ProviderCapabilities = Object.freeze({
    createCollection: true,
    membership: 'multiple',
    deleteCascadesItems: false,
    deleteCollectionReturns: 'snapshot',
    // Verifik has no batch endpoints: one request (or one read + one write) per person.
    maxAddBatch: 0,
    maxDeleteBatch: 0,
    maxPageSize: VERIFIK_MAX_PAGE_SIZE,
  });

  // The token lives only in the auth closure the http client holds; nothing public refers to it.
  readonly #http: HttpClient;
  readonly #concurrency: number;
  /** Membership edits of one person are read-modify-write: one at a time per person. */
  readonly #personWrites = new KeyedSerializer();

  constructor(@inject(PROVIDER_CONFIG) config: VerifikConfig) {
    const redactor = new Redactor();
    this.#http = createHttpClient(config, {
      provider: PROVIDER,
      defaultBaseUrl: VERIFIK_DEFAULT_BASE_URL,
      authHeaders: createVerifikAuth(config.token, redactor),
      redactor,
      mapError: mapVerifikError,
      // The docs send it on every call, GET and DELETE included.
      defaultHeaders: { 'content-type': 'application/json' },
    });
    this.#concurrency = config.concurrency;
  }

  async listCollections(options?: CallOptions): Promise<Collection[]> {
    const call = validateCallOptions(PROVIDER, options);
    const { data, raw } = await this.#http.request({
      ...perRequest(call), method: 'GET', path: COLLECTIONS, schema: collectionListEnvelopeSchema, operation: 'read',
    });
    // `deleted` is documented as a soft-delete flag; such records are not collections any more.
    return data.data.flatMap((dto, index) => (dto.deleted === true ? [] : [mapCollection(dto, rawDataAt(raw, index))]));
  }

  async getCollection(id: string, options?: CallOptions): Promise<Collection> {
    const collectionId = validateId(PROVIDER, id, 'collection id');
    const call = validateCallOptions(PROVIDER, options);
    const { data, raw } = await this.#http.request({
      ...perRequest(call),
      method: 'GET',
      path: encodePath`/v2/face-recognition/collections/${collectionId}`,
      schema: collectionEnvelopeSchema,
      operation: 'read',
    });
    // Consistent with listCollections: a soft-deleted record is reported as missing.
    if (data.data.deleted === true) {
      throw new CollectionError({
        code: 'NOT_FOUND', provider: PROVIDER, retryable: false,
        message: `Verifik collection ${collectionId} is marked deleted`,
      });
    }
    return mapCollection(data.data, rawData(raw));
  }

  async createCollection(input: CreateCollectionInput, options?: CallOptions): Promise<Collection> {
    const parsed = createInputSchema.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `input.${issue.path.join('.')}` : 'input';
      throw new CollectionError({
        code: 'INVALID_INPUT', provider: PROVIDER, retryable: false,
        message: `createCollection: ${where} ${issue?.message ?? 'is invalid'} (expected { name: string, description?: string })`,
      });
    }
    const call = validateCallOptions(PROVIDER, options);
    const { name, description } = parsed.data;
    // Not idempotent: nothing stops a second create with the same name, so the client never
    // retries it once it may have reached the server (only a 429 or a refused connection).
    const { data, raw } = await this.#http.request({
      ...perRequest(call),
      method: 'POST',
      path: COLLECTIONS,
      json: description === undefined ? { name } : { name, description },
      schema: collectionEnvelopeSchema,
      operation: 'non-idempotent-write',
    });
    return mapCollection(data.data, rawData(raw));
  }

  /**
   * Hard-deletes the collection record; its persons are only unlinked. The answer is a snapshot
   * of the record as it was. When an earlier attempt's answer was lost and the retry gets 404,
   * the delete happened but the snapshot is gone: the result then has no `snapshot` and a null
   * `raw` (reporting NOT_FOUND would tell the caller their successful delete failed). A 204 No
   * Content (undocumented, but unambiguous) is reported the same way.
   */
  async deleteCollection(id: string, options?: CallOptions): Promise<DeletedCollection> {
    const collectionId = validateId(PROVIDER, id, 'collection id');
    const call = validateCallOptions(PROVIDER, options);
    try {
      const { data, raw } = await this.#http.request({
        ...perRequest(call),
        method: 'DELETE',
        path: encodePath`/v2/face-recognition/collections/${collectionId}`,
        schema: collectionDeleteEnvelopeSchema,
        operation: 'idempotent-write',
      });
      if (data === undefined) return { provider: PROVIDER, collectionId, raw: null };
      return { provider: PROVIDER, collectionId, snapshot: mapCollection(data.data, rawData(raw)), raw };
    } catch (error) {
      if (isGoneAfterRetry(error)) return { provider: PROVIDER, collectionId, raw: null };
      throw error;
    }
  }

  async addItems(collectionId: string, itemIds: readonly string[], options?: BatchOptions): Promise<BatchResult> {
    const target = validateId(PROVIDER, collectionId, 'collection id');
    const ids = validateIdList(PROVIDER, itemIds, 'person ids');
    const call = validateCallOptions(PROVIDER, options);
    return runBatch({
      provider: PROVIDER,
      ids,
      chunkSize: 1,
      concurrency: this.#concurrency,
      signal: call.signal,
      onProgress: call.onProgress,
      send: ([personId], signal) => this.#personWrites.run(
        personId!, () => addPersonToCollection(this.#http, personId!, target, { signal, timeoutMs: call.timeoutMs }),
      ),
    });
  }

  /**
   * Permanently deletes each person (from every collection). `reason` is accepted for
   * interface parity but not sent: Verifik has no such field.
   */
  async deleteItems(itemIds: readonly string[], options?: DeleteItemsOptions): Promise<BatchResult> {
    const ids = validateIdList(PROVIDER, itemIds, 'person ids');
    const call = validateCallOptions(PROVIDER, options);
    return runBatch({
      provider: PROVIDER,
      ids,
      chunkSize: 1,
      concurrency: this.#concurrency,
      signal: call.signal,
      onProgress: call.onProgress,
      send: async ([personId], signal) => {
        const id = personId!;
        try {
          const { raw } = await this.#http.request({
            method: 'DELETE',
            path: encodePath`/v2/face-recognition/persons/${id}`,
            schema: personDeleteEnvelopeSchema,
            operation: 'idempotent-write',
            ...perRequest({ ...call, signal }),
          });
          return { succeeded: [id], failed: [], unknown: [], raw };
        } catch (error) {
          // First-attempt 404s stay errors: the runner reports them as failed NOT_FOUND.
          if (isGoneAfterRetry(error)) return { succeeded: [id], failed: [], unknown: [] };
          throw error;
        }
      },
    });
  }

  listItems(collectionId: string, options?: ListItemsOptions): AsyncIterable<CollectionItem> {
    return this.#listItems(collectionId, options);
  }

  // A generator body runs at the first next(): invalid input is reported there, before any request.
  async *#listItems(collectionId: string, options?: ListItemsOptions): AsyncGenerator<CollectionItem, void, undefined> {
    const target = validateId(PROVIDER, collectionId, 'collection id');
    const call = validateCallOptions(PROVIDER, options);
    yield* personPages(this.#http, target, call);
  }
}
