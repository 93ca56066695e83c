import type {
  BatchFailure, Collection, CollectionItem, DeletedCollection, DeletedVectors, ProviderName,
} from './models.js';
import type { CreateCollectionInput, UpdateCollectionInput } from './options.js';
import type { QuotaSnapshot, QuotaWait } from './quota.js';
import type { OperationEvent } from './telemetry.js';

/**
 * What a vendor adapter implements: request-level methods (one vendor call, or one chunk of ids,
 * each) plus the capabilities the core reads. Everything users are promised (validation, dedup,
 * chunking, concurrency, progress, abort between chunks and pages, the BatchResult partition,
 * per-item serialization, UNSUPPORTED before any I/O) lives in the core that wraps every adapter,
 * so a plug-in gets all of it by implementing only these. Only the three reads are required;
 * an optional method left out makes its operation UNSUPPORTED, so adding an operation to the
 * library never breaks an existing adapter.
 */
export interface CollectionAdapter {
  readonly provider: ProviderName;
  readonly capabilities: AdapterCapabilities;
  /** Why an operation the adapter leaves out cannot be done; quoted in the UNSUPPORTED error. */
  readonly unsupported?: Partial<Record<AdapterOperation, string>>;

  listCollections(call: AdapterCall): Promise<Collection[]>;
  getCollection(collectionId: string, call: AdapterCall): Promise<Collection>;
  /** One page (1-based) of a collection's items. */
  listItemsPage(collectionId: string, page: number, pageSize: number, call: AdapterCall): Promise<ItemPage>;

  /** `input.name` is trimmed and non-empty. */
  createCollection?(input: CreateCollectionInput, call: AdapterCall): Promise<Collection>;
  /** Never called with the protected collection. */
  deleteCollection?(collectionId: string, call: AdapterCall): Promise<DeletedCollection>;
  /** At least one field; `name`, when given, is trimmed and non-empty. */
  updateCollection?(collectionId: string, input: UpdateCollectionInput, call: AdapterCall): Promise<Collection>;
  /** How many items a collection holds, where its reads do not say (one request). */
  countItems?(collectionId: string, call: AdapterCall): Promise<number | undefined>;
  getItem?(itemId: string, call: AdapterCall): Promise<CollectionItem>;
  /** One chunk of at most `capabilities.maxAddBatch` valid, unique ids. Throwing is fine. */
  addItems?(collectionId: string, itemIds: string[], call: AdapterCall): Promise<ChunkOutcome>;
  /**
   * `removeItems: 'unlink'` adapters: takes one chunk of ids out of the collection without
   * deleting them. (`move-to-default` adapters need no method: the core moves members with
   * `addItems` to the default collection after reading membership.)
   */
  removeItems?(collectionId: string, itemIds: string[], call: AdapterCall): Promise<ChunkOutcome>;
  /** One chunk of at most `capabilities.maxDeleteBatch` valid, unique ids. Throwing is fine. */
  deleteItems?(itemIds: string[], call: AdapterCall & { reason?: string | undefined }): Promise<ChunkOutcome>;
  /** The rate-limit window of the adapter's credential, as its http layer knows it (no request). */
  quotaStatus?(): Promise<QuotaSnapshot | undefined>;
  /**
   * Sets a collection's membership to exactly `memberIds` in one request (Verifik: PUT collection
   * with `people`), for `syncCollection`. At most `capabilities.maxReplaceMembers` ids; `collection`
   * is the record as the core just read it (Verifik needs its `name` on every PUT). The answer is
   * not taken as proof for any id: the core reads membership back and settles each id from that.
   * Throwing is fine: a refusal (4xx) makes the core change membership per item instead.
   */
  replaceMembers?(collection: Collection, memberIds: string[], call: AdapterCall): Promise<ReplaceOutcome>;
}

/** What one `replaceMembers` request came to, before the core reads membership back. */
export interface ReplaceOutcome {
  raw?: unknown;
  /** An earlier attempt may have been carried out (see ChunkOutcome). */
  earlierAttemptMayHaveApplied?: boolean;
}

export type AdapterOperation =
  | 'createCollection' | 'updateCollection' | 'deleteCollection' | 'getItem' | 'addItems' | 'removeItems' | 'deleteItems';

/** Options the core hands to every adapter call. */
export interface AdapterCall {
  signal?: AbortSignal | undefined;
  timeoutMs?: number | undefined;
  /** How this call treats rate-limit windows; pass it on to the http layer (`perRequest` does). */
  quota?: QuotaCallPolicy | undefined;
  /** Collects request ids and attempts for the call's `meta`, and parents its request spans (`perRequest` passes it on). */
  trace?: RequestRecorder | undefined;
}

/** Where the http layer reports each request of a public call. */
export interface RequestRecorder {
  readonly event: OperationEvent;
  record(request: { attempts: number; requestId?: string | undefined }): void;
}

/** A call's rate-limit behaviour, set by the core from the caller's options. */
export interface QuotaCallPolicy {
  /** Wait out windows of any length (the deadline pauses meanwhile) instead of failing fast. */
  wait: boolean;
  /** Told when a request starts waiting for its window. */
  onWait?: ((wait: QuotaWait) => void) | undefined;
}

export interface AdapterCapabilities {
  /** `exclusive`: an item lives in one collection (add = move); `multiple`: in many. */
  membership: 'exclusive' | 'multiple';
  deleteCascadesItems: boolean;
  deleteCollectionReturns: 'counts' | 'snapshot';
  /**
   * Requests in flight for batch work when the app sets no `concurrency`: what the vendor
   * tolerates and the benchmark shows pays off (the core's fallback is 4).
   */
  defaultConcurrency?: number;
  /** Ids per add request (1 = one request per item). */
  maxAddBatch: number;
  /** Ids per delete request (1 = one request per item). */
  maxDeleteBatch: number;
  maxPageSize: number;
  /**
   * A collection that can never be deleted (the core refuses it before any request); with
   * `removeItems: 'move-to-default'`, also where removed items go.
   */
  protectedCollectionId?: string;
  /** How items leave a collection without being deleted; absent when the vendor cannot. */
  removeItems?: 'move-to-default' | 'unlink';
  /**
   * The vendor creates a missing collection when items are added to it (Wickson): the core
   * checks first unless the caller passed `createIfMissing`.
   */
  addCreatesCollection?: boolean;
  /**
   * `read-modify-write`: adding one item reads it and writes back its whole membership, so the
   * core runs those writes one at a time per item (needs `maxAddBatch` 1).
   */
  membershipWrites?: 'atomic' | 'read-modify-write';
  /**
   * An add request with one id that does not exist is refused as a whole (Wickson's move is
   * all-or-nothing: 404 ITEMS_NOT_FOUND), instead of failing that id alone. Dry runs read it.
   */
  missingItemFailsAddRequest?: boolean;
  /** Ids one `replaceMembers` request takes; a larger desired set is synced per item. */
  maxReplaceMembers?: number;
}

/** What one request (one chunk of ids) came to, as the adapter read the vendor's answer. */
export interface ChunkOutcome {
  succeeded: string[];
  failed: BatchFailure[];
  unknown: string[];
  raw?: unknown;
  moved?: number;
  alreadyInCollection?: number;
  deletedVectors?: DeletedVectors;
  /**
   * An earlier attempt of this chunk's request may have been carried out (its answer was lost
   * to a timeout, a reset or a 5xx). Whatever per-item refusal the final answer then gives
   * proves nothing about that earlier attempt, so the core reports such ids unknown.
   */
  earlierAttemptMayHaveApplied?: boolean;
}

/** One page as an adapter read it. */
export interface ItemPage {
  /** The normalized items to yield (an adapter may drop some, e.g. soft-deleted ones). */
  items: CollectionItem[];
  /** How many records the vendor sent on this page, dropped ones included. */
  received: number;
  /** The vendor id of the page's first record, to notice a server that ignores `page`. */
  firstId?: string | undefined;
  /** The vendor's page count, when it sent one. */
  totalPages?: number | undefined;
}
