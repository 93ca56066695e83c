import { CollectionError } from '../../errors.js';
import { createHttpClient, type VendorHttp } from '../../http/create-http-client.js';
import { Redactor } from '../../http/redact.js';
import { encodePath, perRequest } from '../../http/request-spec.js';
import type { CredentialStatus } from '../../spec/credential.js';
import type { QuotaSnapshot } from '../../spec/quota.js';
import type {
  AdapterCall, AdapterCapabilities, ChunkOutcome, CollectionAdapter, ItemPage, ReplaceOutcome,
} from '../../spec/adapter.js';
import type {
  Collection, CollectionItem, CreateCollectionInput, DeletedCollection, UpdateCollectionInput,
} from '../../spec/index.js';
import { createVerifikAuth, type VerifikAuth } from './verifik-auth.js';
import { VERIFIK_DEFAULT_BASE_URL, type VerifikConfig } from './verifik-config.js';
import { mapCollection, mapPerson, mapVerifikError, rawData, rawDataAt } from './verifik-mappers.js';
import { changeMembership } from './verifik-membership.js';
import {
  collectionDeleteEnvelopeSchema, collectionEnvelopeSchema, collectionListEnvelopeSchema, personDeleteEnvelopeSchema,
  personEnvelopeSchema, personPageEnvelopeSchema,
} from './verifik-schemas.js';

const PROVIDER = 'verifik';
const DEFAULT_MAX_REPLACE_MEMBERS = 1000;
const COLLECTIONS = '/v2/face-recognition/collections';

export const VERIFIK_CAPABILITIES: Readonly<AdapterCapabilities> = Object.freeze({
  membership: 'multiple',
  // Measured with `npm run bench` (persons at 20 ms, a read and a write each; README): 3.7x the
  // sequential loop at 4, 7x at 8, 12x at 16, 13.7x at 32. Verifik documents no rate limit.
  defaultConcurrency: 16,
  deleteCascadesItems: false,
  deleteCollectionReturns: 'snapshot',
  // Verifik has no batch endpoints: one request (or one read + one write) per person.
  maxAddBatch: 1,
  maxDeleteBatch: 1,
  // The documented maximum for `limit` on GET /persons.
  maxPageSize: 100,
  membershipWrites: 'read-modify-write',
  // Each person's `collections` set is rewritten without the collection (never the
  // "server-defined" DELETE /persons/{id}?collection=, which may delete the person).
  removeItems: 'unlink',
  // PUT collection with `people` sets the whole membership in one request (syncCollection). The
  // docs name no cap; 1000 persons keep the body near 40 KB. Configurable (`maxReplaceMembers`).
  maxReplaceMembers: DEFAULT_MAX_REPLACE_MEMBERS,
});

/** Capabilities for a client's `maxReplaceMembers` setting (0 turns the one-request path off). */
function capabilitiesFor(maxReplaceMembers: number | undefined): Readonly<AdapterCapabilities> {
  if (maxReplaceMembers === undefined || maxReplaceMembers === DEFAULT_MAX_REPLACE_MEMBERS) return VERIFIK_CAPABILITIES;
  const { maxReplaceMembers: _default, ...rest } = VERIFIK_CAPABILITIES;
  return Object.freeze(maxReplaceMembers === 0 ? rest : { ...rest, maxReplaceMembers });
}

/**
 * Verifik face-recognition collections and persons (vendor-apis.md §2), one vendor request per
 * method. Collections are addressed by `_id`; persons may belong to many collections, so adding
 * is a per-person read-modify-write (serialized per person by the core) and deleting a
 * collection only unlinks its persons.
 */
export class VerifikAdapter implements CollectionAdapter {
  readonly provider = PROVIDER;
  readonly capabilities: Readonly<AdapterCapabilities>;
  // The token lives only in the auth closure the http client holds; nothing public refers to it.
  readonly #http: VendorHttp;
  /** Its status only: the headers went to the http client. */
  readonly #credentialStatus: VerifikAuth['status'];

  constructor(config: VerifikConfig) {
    this.capabilities = capabilitiesFor(config.maxReplaceMembers);
    const redactor = new Redactor();
    const auth = createVerifikAuth(config, redactor);
    this.#credentialStatus = auth.status;
    this.#http = createHttpClient(config, {
      provider: PROVIDER,
      defaultBaseUrl: VERIFIK_DEFAULT_BASE_URL,
      authHeaders: auth.headers,
      redactor,
      mapError: mapVerifikError,
      // The docs send it on every call, GET and DELETE included.
      defaultHeaders: { 'content-type': 'application/json' },
      // Verifik documents no rate limit: only an operator's `quota.limit` sets one.
    });
  }

  quotaStatus(): Promise<QuotaSnapshot | undefined> {
    return this.#http.quotaStatus();
  }

  /** The string token's JWT `exp` and whether it is renewed; a token function: `{ renews: false }`. */
  credentialStatus(): CredentialStatus {
    return this.#credentialStatus();
  }

  async listCollections(call: AdapterCall): Promise<Collection[]> {
    const { data, raw } = await this.#http.request({
      ...perRequest(call), method: 'GET', path: COLLECTIONS, schema: collectionListEnvelopeSchema, operation: 'read',
    });
    // `deleted` is documented as a soft-delete flag; such records are not collections any more.
    return data.data.flatMap((dto, index) => (dto.deleted === true ? [] : [mapCollection(dto, rawDataAt(raw, index))]));
  }

  async getCollection(collectionId: string, call: AdapterCall): Promise<Collection> {
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

  /**
   * Not idempotent: nothing stops a second create with the same name, so the http layer never
   * retries it once it may have reached the server (only a 429 or a refused connection).
   */
  async createCollection(input: CreateCollectionInput, call: AdapterCall): Promise<Collection> {
    const { data, raw } = await this.#http.request({
      ...perRequest(call),
      method: 'POST',
      path: COLLECTIONS,
      json: input.description === undefined ? { name: input.name } : { name: input.name, description: input.description },
      schema: collectionEnvelopeSchema,
      operation: 'non-idempotent-write',
    });
    return mapCollection(data.data, rawData(raw));
  }

  /**
   * Hard-deletes the collection record; its persons are only unlinked. The answer is a snapshot
   * of the record as it was. A 204 No Content (undocumented, but unambiguous) has no snapshot.
   */
  async deleteCollection(collectionId: string, call: AdapterCall): Promise<DeletedCollection> {
    const { data, raw } = await this.#http.request({
      ...perRequest(call),
      method: 'DELETE',
      path: encodePath`/v2/face-recognition/collections/${collectionId}`,
      schema: collectionDeleteEnvelopeSchema,
      operation: 'idempotent-write',
    });
    if (data === undefined) return { provider: PROVIDER, collectionId, raw: null };
    return { provider: PROVIDER, collectionId, snapshot: mapCollection(data.data, rawData(raw)), raw };
  }

  async addItems(collectionId: string, [personId]: string[], call: AdapterCall): Promise<ChunkOutcome> {
    return changeMembership(this.#http, personId!, collectionId, 'link', call);
  }

  async removeItems(collectionId: string, [personId]: string[], call: AdapterCall): Promise<ChunkOutcome> {
    return changeMembership(this.#http, personId!, collectionId, 'unlink', call);
  }

  async getItem(personId: string, call: AdapterCall): Promise<CollectionItem> {
    const { data, raw } = await this.#http.request({
      ...perRequest(call),
      method: 'GET',
      path: encodePath`/v2/face-recognition/persons/${personId}`,
      schema: personEnvelopeSchema,
      operation: 'read',
    });
    if (data.data.deleted === true) {
      throw new CollectionError({ code: 'NOT_FOUND', provider: PROVIDER, retryable: false, message: `Verifik person ${personId} is marked deleted` });
    }
    return mapPerson(data.data, rawData(raw));
  }

  /**
   * Verifik's collection records carry no count: one person page of size 1 has it in
   * `pagination.total`. Without that field the count stays unknown rather than guessed.
   */
  async countItems(collectionId: string, call: AdapterCall): Promise<number | undefined> {
    const query = new URLSearchParams({ collection: collectionId, page: '1', limit: '1' });
    const { data } = await this.#http.request({
      method: 'GET', path: '/v2/face-recognition/persons', query, schema: personPageEnvelopeSchema, operation: 'read',
      ...perRequest(call),
    });
    const total = data.pagination?.total;
    return typeof total === 'number' && Number.isInteger(total) && total >= 0 ? total : undefined;
  }

  /** The docs require `name` on every call: when the caller leaves it out, the current one is read. */
  async updateCollection(collectionId: string, input: UpdateCollectionInput, call: AdapterCall): Promise<Collection> {
    const name = input.name ?? (await this.getCollection(collectionId, call)).name;
    const { data, raw } = await this.#http.request({
      ...perRequest(call),
      method: 'PUT',
      path: encodePath`/v2/face-recognition/collections/${collectionId}`,
      json: input.description === undefined ? { name } : { name, description: input.description },
      schema: collectionEnvelopeSchema,
      // The full record is sent (no `people`): repeating it changes nothing more.
      operation: 'idempotent-write',
    });
    return mapCollection(data.data, rawData(raw));
  }

  /**
   * Sets the collection's membership to exactly `memberIds` with one PUT carrying `people`
   * (vendor-apis.md §2.8), with the name just read (required on every call; sending the current
   * one changes nothing). Sending the full set makes the PUT idempotent, so the http layer may
   * retry it. Its 200 proves nothing per person ("subject to server rules"): the core reads the
   * membership back and settles every id from what it sees.
   */
  async replaceMembers(collection: Collection, memberIds: string[], call: AdapterCall): Promise<ReplaceOutcome> {
    const { raw, earlierAttemptMayHaveApplied } = await this.#http.request({
      ...perRequest(call),
      method: 'PUT',
      path: encodePath`/v2/face-recognition/collections/${collection.id}`,
      json: { name: collection.name, people: memberIds.map((_id) => ({ _id })) },
      schema: collectionEnvelopeSchema,
      operation: 'idempotent-write',
    });
    return { raw, earlierAttemptMayHaveApplied };
  }

  /**
   * Permanently deletes the person (from every collection). `reason` is not sent: Verifik has
   * no such field.
   */
  async deleteItems([personId]: string[], call: AdapterCall): Promise<ChunkOutcome> {
    const id = personId!;
    const { raw } = await this.#http.request({
      method: 'DELETE',
      path: encodePath`/v2/face-recognition/persons/${id}`,
      schema: personDeleteEnvelopeSchema,
      operation: 'idempotent-write',
      ...perRequest(call),
    });
    return { succeeded: [id], failed: [], unknown: [], raw };
  }

  /** Persons flagged `deleted: true` are skipped, but still count as received for the stop decision. */
  async listItemsPage(collectionId: string, page: number, pageSize: number, call: AdapterCall): Promise<ItemPage> {
    const query = new URLSearchParams({ collection: collectionId, page: String(page), limit: String(pageSize) });
    const { data, raw } = await this.#http.request({
      method: 'GET', path: '/v2/face-recognition/persons', query, schema: personPageEnvelopeSchema, operation: 'read',
      ...perRequest(call),
    });
    const persons = data.data;
    return {
      items: persons.flatMap((person, index) => (person.deleted === true ? [] : [mapPerson(person, rawDataAt(raw, index))])),
      received: persons.length,
      firstId: persons[0]?._id,
      totalPages: data.pagination?.pages ?? undefined,
    };
  }
}
