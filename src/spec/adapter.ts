import type {
  BatchFailure, Collection, CollectionItem, DeletedCollection, DeletedVectors, ProviderName,
} from './models.js';
import type { CreateCollectionInput, UpdateCollectionInput } from './options.js';
import type { CredentialStatus } from './credential.js';
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
  /** The provider name, as registered (`registerProvider({ name })`); it names the provider in every result and error. */
  readonly provider: ProviderName;
  /** What the core reads to chunk, page, serialize and refuse; checked when the client is created. */
  readonly capabilities: AdapterCapabilities;
  /** Why an operation the adapter leaves out cannot be done; quoted in the UNSUPPORTED error. */
  readonly unsupported?: Partial<Record<AdapterOperation, string>>;

  /** Every collection, in one request (or the vendor's minimum). */
  listCollections(call: AdapterCall): Promise<Collection[]>;
  /**
   * One collection. A missing one must throw a `CollectionError` with code `NOT_FOUND`: the
   * core relies on it (the add-target check, dry runs, reconcile).
   */
  getCollection(collectionId: string, call: AdapterCall): Promise<Collection>;
  /** One page (1-based) of a collection's items. */
  listItemsPage(collectionId: string, page: number, pageSize: number, call: AdapterCall): Promise<ItemPage>;

  /** `input.name` is trimmed and non-empty. */
  createCollection?(input: CreateCollectionInput, call: AdapterCall): Promise<Collection>;
  /** Deletes one collection. Never called with the protected collection. */
  deleteCollection?(collectionId: string, call: AdapterCall): Promise<DeletedCollection>;
  /** Changes a collection. `input` has at least one field; `name`, when given, is trimmed and non-empty. */
  updateCollection?(collectionId: string, input: UpdateCollectionInput, call: AdapterCall): Promise<Collection>;
  /** How many items a collection holds, where its reads do not say (one request). */
  countItems?(collectionId: string, call: AdapterCall): Promise<number | undefined>;
  /**
   * One item, with its `collectionIds` when the vendor says (membership reads and `reconcile`
   * use them). A missing one must throw a `CollectionError` with code `NOT_FOUND`.
   */
  getItem?(itemId: string, call: AdapterCall): Promise<CollectionItem>;
  /**
   * Adds one chunk of at most `capabilities.maxAddBatch` valid, unique ids. Throwing is fine: a
   * `CollectionError` that proves nothing happened (a 4xx, not sent) fails the chunk's ids,
   * anything else leaves them unknown.
   */
  addItems?(collectionId: string, itemIds: string[], call: AdapterCall): Promise<ChunkOutcome>;
  /**
   * `removeItems: 'unlink'` adapters: takes one chunk of ids out of the collection without
   * deleting them. (`move-to-default` adapters need no method: the core moves members with
   * `addItems` to the default collection after reading membership.)
   */
  removeItems?(collectionId: string, itemIds: string[], call: AdapterCall): Promise<ChunkOutcome>;
  /**
   * Deletes one chunk of at most `capabilities.maxDeleteBatch` valid, unique ids; `call.reason`
   * is the caller's `reason`. Throwing is fine (as for `addItems`).
   */
  deleteItems?(itemIds: string[], call: AdapterCall & { reason?: string | undefined }): Promise<ChunkOutcome>;
  /** The rate-limit window of the adapter's credential, as its http layer knows it (no request). */
  quotaStatus?(): Promise<QuotaSnapshot | undefined>;
  /**
   * What the adapter knows about its credential's life: when it expires and whether the adapter
   * renews it. Synchronous, and it never sends a request: read from the credential (a JWT's `exp`)
   * and the config.
   *
   * @remarks
   * Left out, the client's `credentialStatus()` resolves to `undefined` (nothing is known).
   * Wickson's API key has no expiry: `{ renews: false }`. Verifik's string token gives its JWT
   * `exp` as `expiresAt` (the renewed token's, after a renewal) and `renews: true`, unless
   * `renewToken: false` (a string token without a readable `exp` is never renewed:
   * `{ renews: false }`); a token given as a function is the app's to renew: `{ renews: false }`,
   * no `expiresAt`. Never return (or refer to) the credential itself: the client passes on only
   * `expiresAt` and `renews`.
   *
   * @returns The status, or `undefined` when the adapter cannot tell.
   */
  credentialStatus?(): CredentialStatus | undefined;
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
  /** The vendor's answer, as sent. */
  raw?: unknown;
  /** An earlier attempt may have been carried out (see ChunkOutcome). */
  earlierAttemptMayHaveApplied?: boolean;
}

/** The optional adapter methods; one left out makes its operation `UNSUPPORTED`. */
export type AdapterOperation =
  | 'createCollection' | 'updateCollection' | 'deleteCollection' | 'getItem' | 'addItems' | 'removeItems' | 'deleteItems';

/** Options the core hands to every adapter call. */
export interface AdapterCall {
  /** The caller's signal (or the batch's): pass it to every request. */
  signal?: AbortSignal | undefined;
  /** The caller's per-operation deadline, when it set one: pass it to every request. */
  timeoutMs?: number | undefined;
  /** How this call treats rate-limit windows; pass it on to the http layer (`perRequest` does). */
  quota?: QuotaCallPolicy | undefined;
  /** Collects request ids and attempts for the call's `meta`, and parents its request spans (`perRequest` passes it on). */
  trace?: RequestRecorder | undefined;
}

/** Where the http layer reports each request of a public call. */
export interface RequestRecorder {
  /** The public call's tracing event, which request events point to (`operationEvent`). */
  readonly event: OperationEvent;
  /** Counts one finished request: its attempts and the vendor's request id, if any. */
  record(request: { attempts: number; requestId?: string | undefined }): void;
}

/** A call's rate-limit behaviour, set by the core from the caller's options. */
export interface QuotaCallPolicy {
  /** Wait out windows of any length (the deadline pauses meanwhile) instead of failing fast. */
  wait: boolean;
  /** Told when a request starts waiting for its window. */
  onWait?: ((wait: QuotaWait) => void) | undefined;
}

/**
 * What an adapter declares about its vendor. The core chunks, pages and serializes by these, and
 * apps read them (with what the core adds) as {@link ProviderCapabilities}.
 */
export interface AdapterCapabilities {
  /**
   * `exclusive`: an item lives in one collection, so adding it elsewhere moves it (Wickson);
   * `multiple`: an item may be in many, and adding keeps its other collections (Verifik).
   */
  membership: 'exclusive' | 'multiple';
  /**
   * Whether deleting a collection deletes its items too: true on Wickson (the media are
   * destroyed), false on Verifik (persons are only unlinked).
   */
  deleteCascadesItems: boolean;
  /**
   * What `deleteCollection` returns: `counts` of what was destroyed (Wickson: `deletedItems`,
   * `deletedVectors`) or a `snapshot` of the deleted record (Verifik).
   */
  deleteCollectionReturns: 'counts' | 'snapshot';
  /**
   * Requests in flight for batch work when the app sets no `concurrency`: what the vendor
   * tolerates and the benchmark shows pays off (the core's fallback is 4). Wickson 8, Verifik 16.
   */
  defaultConcurrency?: number;
  /** Ids per add request (1 = one request per item). Wickson 1000; Verifik 1 (no batch endpoint). */
  maxAddBatch: number;
  /** Ids per delete request (1 = one request per item). Wickson 100; Verifik 1 (no batch endpoint). */
  maxDeleteBatch: number;
  /** Most items one listing page may hold (100 on both vendors); `listItems` clamps `pageSize` to it. */
  maxPageSize: number;
  /**
   * A collection that can never be deleted (the core refuses it before any request); with
   * `removeItems: 'move-to-default'`, also where removed items go. Wickson: `default`.
   */
  protectedCollectionId?: string;
  /**
   * How items leave a collection without being deleted: `move-to-default` (Wickson: back to the
   * protected collection), `unlink` (Verifik: the collection is taken out of each person's set);
   * absent when the vendor cannot.
   */
  removeItems?: 'move-to-default' | 'unlink';
  /**
   * The vendor creates a missing collection when items are added to it (Wickson): the core
   * checks first unless the caller passed `createIfMissing`.
   */
  addCreatesCollection?: boolean;
  /**
   * `read-modify-write`: adding one item reads it and writes back its whole membership, so the
   * core runs those writes one at a time per item, within one client (needs `maxAddBatch` 1).
   * Verifik is `read-modify-write` (it has no lock, so writes from other processes can still
   * interleave); Wickson's move is `atomic`.
   */
  membershipWrites?: 'atomic' | 'read-modify-write';
  /**
   * An add request with one id that does not exist is refused as a whole (Wickson's move is
   * all-or-nothing: 404 ITEMS_NOT_FOUND), instead of failing that id alone. Dry runs read it.
   */
  missingItemFailsAddRequest?: boolean;
  /**
   * Ids one `replaceMembers` request takes; a larger desired set is synced per item. Verifik:
   * 1000 unless the config's `maxReplaceMembers` says otherwise (absent when that is 0).
   */
  maxReplaceMembers?: number;
}

/** What one request (one chunk of ids) came to, as the adapter read the vendor's answer. */
export interface ChunkOutcome {
  /** Ids of the chunk the vendor applied. */
  succeeded: string[];
  /** Ids the vendor refused (nothing happened to them), with its reason. */
  failed: BatchFailure[];
  /** Ids whose outcome the answer leaves open. Ids of the chunk in no list are made unknown too. */
  unknown: string[];
  /** The vendor's answer, as sent; collected into the batch result's `raw`. */
  raw?: unknown;
  /** Ids that changed collection (an add). */
  moved?: number;
  /** Ids that were already members (an add; counted in `succeeded`). */
  alreadyInCollection?: number;
  /** Vectors removed with deleted items, when the vendor reports them. */
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
