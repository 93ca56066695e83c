import type { AdapterCapabilities } from './adapter.js';
import type {
  BatchResult, Collection, CollectionItem, DeletedCollection, ProviderName, SyncResult,
} from './models.js';
import type {
  AddItemsOptions, CallOptions, CreateCollectionInput, DeleteCollectionOptions, DeleteItemsOptions,
  ListCollectionsOptions, ListItemsOptions, ReconcileOptions, RemoveItemsOptions, SyncCollectionOptions,
  UpdateCollectionInput,
} from './options.js';
import type { OperationPlan } from './plan.js';
import type { CredentialStatus } from './credential.js';
import type { QuotaSnapshot } from './quota.js';

/**
 * `T` with `dryRun: true` required: the overloads that return a plan.
 *
 * @inline
 */
type DryRun<T> = T & { dryRun: true };

/**
 * Static facts about a provider, so apps can branch before calling: the adapter's declared
 * capabilities (which the core reads to chunk and serialize) plus what the core derives.
 */
export interface ProviderCapabilities extends Omit<AdapterCapabilities, 'removeItems'> {
  /** Whether `createCollection` is available (Wickson creates collections implicitly). */
  createCollection: boolean;
  /** Whether `updateCollection` is available (on Wickson the id is the name). */
  updateCollection: boolean;
  /** Whether `getItem` is available. */
  getItem: boolean;
  /**
   * How `removeItems` takes items out of a collection without deleting them: `move-to-default`
   * (exclusive membership: members go back to the default collection), `unlink` (the collection
   * is taken out of each item's set), or `false` when the vendor cannot.
   */
  removeItems: 'move-to-default' | 'unlink' | false;
}

/**
 * The client every app codes against, whatever the vendor: what `createCollectionClient`
 * returns (the core wrapped around the vendor's adapter).
 *
 * @remarks
 * The vendors differ where it matters, and each method says how:
 *
 * - **Deleting a collection**: Wickson deletes its items too; Verifik only unlinks its persons.
 * - **Membership**: on Wickson an item lives in exactly one collection, so adding is a move and
 *   removing moves it back to `default`; a Verifik person may belong to many collections.
 * - **Ids**: a Wickson collection's id is its name; a Verifik collection's id is its `_id`
 *   (24 hex characters), never its name.
 * - **Batches**: Wickson takes up to 1000 ids per move and 100 per delete; Verifik has no batch
 *   endpoints, so batch calls send one request (or a read and a write) per person.
 *
 * `capabilities` states all of this as data. Every method takes an optional last options
 * argument with `signal` and `timeoutMs` ({@link CallOptions}). Failures reject with a
 * `CollectionError`; besides the codes each method lists, any call that sends a request can
 * fail with `UNAUTHORIZED`, `FORBIDDEN`, `RATE_LIMITED`, `TIMEOUT`, `ABORTED`, `NETWORK`,
 * `INVALID_RESPONSE` or `PROVIDER_ERROR`. Batch calls report per-id failures in their result
 * instead of throwing.
 */
export interface CollectionProvider {
  /** The provider this client talks to (`'wickson'`, `'verifik'`, or a plug-in's name). */
  readonly provider: ProviderName;
  /**
   * What this provider can do and how (membership, cascade, batch sizes, unsupported
   * operations), so an app can branch before calling; an unsupported call throws `UNSUPPORTED`
   * before sending anything.
   *
   * @example
   * ```ts
   * if (client.capabilities.deleteCascadesItems) await confirm('This also deletes every item in it.');
   * ```
   */
  readonly capabilities: ProviderCapabilities;
  /**
   * Lists every collection of the account.
   *
   * @remarks
   * Wickson: one request, item counts included; the reserved `default` collection has
   * `isDefault: true`. Verifik: one request; its records carry no count, so `itemCount`
   * is absent unless `withItemCounts: true` (one more request per collection). Records Verifik
   * flags as deleted are left out.
   *
   * @param options - `withItemCounts`, plus `signal` and `timeoutMs`.
   * @returns The collections, in the vendor's order.
   * @throws {@link CollectionError} `INVALID_INPUT` for invalid options (nothing sent).
   */
  listCollections(options?: ListCollectionsOptions): Promise<Collection[]>;
  /**
   * Reads one collection.
   *
   * @remarks
   * Wickson: `id` is the collection's name. Verifik: `id` is its `_id` (a name is not an id and
   * is not found); `itemCount` costs one more request (the person count), and a record the
   * vendor flags as deleted is `NOT_FOUND`.
   *
   * @param id - The collection's id ({@link Collection.id}).
   * @param options - `signal` and `timeoutMs`.
   * @returns The collection, with `meta` (request ids, attempts).
   * @throws {@link CollectionError} `NOT_FOUND` when it does not exist; `INVALID_INPUT` for an
   * invalid id (nothing sent).
   */
  getCollection(id: string, options?: CallOptions): Promise<Collection>;
  /**
   * Creates a collection (Verifik). Wickson has no such endpoint: it throws `UNSUPPORTED`, and
   * a Wickson collection appears when items are added to it with
   * `addItems(name, ids, { createIfMissing: true })`.
   *
   * @remarks
   * Not idempotent (Verifik allows two collections with one name), so it is retried only when
   * the request provably never reached the vendor or was refused with 429. When it may have
   * arrived, the error says so and is not `retryable`: list the collections before creating
   * again.
   *
   * @param input - The name (trimmed, 1 to 200 characters) and an optional description.
   * @param options - `signal` and `timeoutMs`.
   * @returns The new collection; its `id` is what later calls take.
   * @throws {@link CollectionError} `UNSUPPORTED` on Wickson (before the input is read; nothing
   * sent); `INVALID_INPUT` for an invalid input (nothing sent).
   */
  createCollection(input: CreateCollectionInput, options?: CallOptions): Promise<Collection>;
  /**
   * Renames a collection or changes its description (Verifik). Wickson throws `UNSUPPORTED`:
   * a Wickson collection's id is its name.
   *
   * @remarks
   * Verifik requires `name` on every update: when `input` leaves it out, the current name is
   * read first (one more request) and sent again.
   *
   * @param id - The collection's id (Verifik `_id`).
   * @param input - At least one of `name` and `description`.
   * @param options - `signal` and `timeoutMs`.
   * @returns The collection as the vendor now has it.
   * @throws {@link CollectionError} `UNSUPPORTED` on Wickson; `INVALID_INPUT` for an invalid id
   * or an input with neither field (nothing sent); `NOT_FOUND` when it does not exist.
   */
  updateCollection(id: string, input: UpdateCollectionInput, options?: CallOptions): Promise<Collection>;
  /**
   * Previews {@link CollectionProvider.deleteCollection} with reads only (no write is sent).
   * **On Wickson the run would delete every item in the collection too**: the plan's
   * `cascade` says so and counts them.
   *
   * @param id - The collection's id.
   * @param options - With `dryRun: true`.
   * @returns What the delete would do.
   * @throws {@link CollectionError} As the run: `PROTECTED_COLLECTION`, `UNSUPPORTED`,
   * `INVALID_INPUT`, `NOT_FOUND`.
   */
  deleteCollection(id: string, options: DryRun<DeleteCollectionOptions>): Promise<OperationPlan>;
  /**
   * Deletes a collection. **On Wickson this deletes every item in it too** (the media and their
   * vectors, permanently); on Verifik only the collection record goes, and its persons stay
   * enrolled, unlinked from it. Preview with `{ dryRun: true }` (the plan's `cascade`).
   *
   * @remarks
   * Wickson: returns the counts of what was destroyed (`deletedItems`, `deletedVectors`); its
   * reserved `default` collection is refused with `PROTECTED_COLLECTION` before any request.
   * To keep the items, move them elsewhere first with `addItems`. Verifik: returns a `snapshot`
   * of the deleted record. A delete whose answer was lost and whose retry finds the collection
   * gone is a success (without counts or snapshot).
   *
   * @param id - The collection's id (Wickson: its name; Verifik: its `_id`).
   * @param options - `signal`, `timeoutMs`, `dryRun`.
   * @returns What the vendor reported deleting.
   * @throws {@link CollectionError} `PROTECTED_COLLECTION` for Wickson's `default` (nothing
   * sent); `NOT_FOUND` when it does not exist; `INVALID_INPUT` for an invalid id;
   * `UNSUPPORTED` where the provider cannot delete collections.
   */
  deleteCollection(id: string, options?: DeleteCollectionOptions): Promise<DeletedCollection>;
  /**
   * Reads one item: a Wickson media item, a Verifik person.
   *
   * @param id - The item's id (Wickson media id; Verifik person `_id`).
   * @param options - `signal` and `timeoutMs`.
   * @returns The item, with `meta`. A Wickson item read on its own may lack `collectionIds`.
   * @throws {@link CollectionError} `NOT_FOUND` when it does not exist (or Verifik flags the
   * person deleted); `INVALID_INPUT` for an invalid id; `UNSUPPORTED` where the provider cannot.
   */
  getItem(id: string, options?: CallOptions): Promise<CollectionItem>;
  /**
   * Previews {@link CollectionProvider.addItems} with reads only (no write is sent): which ids
   * would succeed (`affected`), which would fail (`skipped`, with the code), and the
   * membership `changes`.
   *
   * @param collectionId - The target collection's id.
   * @param itemIds - The ids to add.
   * @param options - With `dryRun: true`.
   * @returns What the run would do.
   * @throws {@link CollectionError} As the run.
   */
  addItems(collectionId: string, itemIds: readonly string[], options: DryRun<AddItemsOptions>): Promise<OperationPlan>;
  /**
   * Puts items into a collection. **On Wickson this is a move**: an item lives in one
   * collection at a time, so each leaves the collection it was in. On Verifik a person keeps
   * its other collections.
   *
   * @remarks
   * Wickson: chunks of up to 1000 ids, one request each; one id that does not exist makes
   * Wickson refuse its whole chunk (those ids end `failed`). Wickson would create a missing
   * target collection, so the target is read first and a missing one throws `NOT_FOUND` with
   * nothing written, unless `createIfMissing: true`.
   *
   * Verifik has no batch endpoint: each person is read, then its full `collections` set is
   * written back with this one added (a person already a member is counted in
   * `alreadyInCollection` and not written). Calls of one client never interleave on a person;
   * a write to the same person from another process between the read and the write can be
   * lost, as Verifik offers no lock.
   *
   * Every distinct id ends in exactly one of `succeeded`, `failed` and `unknown`.
   *
   * @param collectionId - The target collection's id (Wickson: its name; Verifik: its `_id`).
   * @param itemIds - Up to 100,000 ids; duplicates are dropped (first occurrence wins).
   * @param options - `onProgress`, `waitForQuota`, `journal`, `createIfMissing`, `dryRun`,
   * `signal`, `timeoutMs`.
   * @returns The batch result: `moved` and `alreadyInCollection` count the changes.
   * @throws {@link CollectionError} `INVALID_INPUT` for an invalid id or list (nothing sent) or
   * an existing journal without `resume`; `NOT_FOUND` for a missing Wickson target without
   * `createIfMissing` (nothing sent); `UNSUPPORTED` where the provider cannot add.
   */
  addItems(collectionId: string, itemIds: readonly string[], options?: AddItemsOptions): Promise<BatchResult>;
  /**
   * Previews {@link CollectionProvider.removeItems} with reads only (no write is sent).
   *
   * @param collectionId - The collection to take the items out of.
   * @param itemIds - The ids to take out.
   * @param options - With `dryRun: true`.
   * @returns What the run would do.
   * @throws {@link CollectionError} As the run.
   */
  removeItems(collectionId: string, itemIds: readonly string[], options: DryRun<RemoveItemsOptions>): Promise<OperationPlan>;
  /**
   * Takes items out of a collection **without deleting them**.
   *
   * @remarks
   * Wickson (`capabilities.removeItems: 'move-to-default'`): an item must live somewhere, so
   * members move back to the reserved `default` collection. Membership is read first with the
   * fewest requests; ids that are not members end `failed` (code `NOT_FOUND`) with nothing sent
   * for them. `default` itself cannot be the source (`INVALID_INPUT`).
   *
   * Verifik (`'unlink'`): each member is read, then written back without this collection; its
   * other collections stay. Non-members end `failed`.
   *
   * A membership read that fails fails every id (nothing was written).
   *
   * @param collectionId - The collection's id (Wickson: its name; Verifik: its `_id`).
   * @param itemIds - Up to 100,000 ids; duplicates are dropped.
   * @param options - `onProgress`, `waitForQuota`, `journal`, `dryRun`, `signal`, `timeoutMs`.
   * @returns The batch result.
   * @throws {@link CollectionError} `INVALID_INPUT` for an invalid id or list, Wickson's
   * `default` as the source, or an existing journal without `resume` (nothing sent);
   * `UNSUPPORTED` where the provider cannot remove.
   */
  removeItems(collectionId: string, itemIds: readonly string[], options?: RemoveItemsOptions): Promise<BatchResult>;
  /**
   * Previews {@link CollectionProvider.deleteItems} with reads only (no write is sent): which
   * ids exist (`affected`) and which would fail (`skipped`).
   *
   * @param itemIds - The ids to delete.
   * @param options - With `dryRun: true`.
   * @returns What the run would do.
   * @throws {@link CollectionError} As the run.
   */
  deleteItems(itemIds: readonly string[], options: DryRun<DeleteItemsOptions>): Promise<OperationPlan>;
  /**
   * Permanently deletes items, from whatever collections they are in: Wickson media (with their
   * vectors), Verifik persons (from every collection).
   *
   * @remarks
   * Wickson: chunks of up to 100 ids (`DELETE /v1/media/batch`), with `reason` logged by the
   * vendor. Verifik has no batch endpoint: one `DELETE` per person, `concurrency` at a time.
   * An id whose delete is retried after a lost answer and then reported not found is
   * `succeeded` (it is gone either way).
   *
   * @param itemIds - Up to 100,000 ids; duplicates are dropped.
   * @param options - `reason`, `onProgress`, `waitForQuota`, `journal`, `dryRun`, `signal`,
   * `timeoutMs`.
   * @returns The batch result (`deletedVectors` on Wickson when reported).
   * @throws {@link CollectionError} `INVALID_INPUT` for an invalid id or list, or an existing
   * journal without `resume` (nothing sent); `UNSUPPORTED` where the provider cannot delete.
   *
   * @example
   * ```ts
   * const result = await client.deleteItems(ids, { reason: 'cleanup' });
   * if (!result.ok) console.warn(result.failed, result.unknown);
   * ```
   */
  deleteItems(itemIds: readonly string[], options?: DeleteItemsOptions): Promise<BatchResult>;
  /**
   * Iterates over a collection's items, page by page as you consume them.
   *
   * @remarks
   * Lazy: nothing is checked or sent until the first `next()`, and each page is requested when
   * the previous one is used up. An abort between pages stops before the next request
   * (`ABORTED`). Verifik persons the vendor flags as deleted are skipped.
   *
   * @param collectionId - The collection's id (Wickson: its name; Verifik: its `_id`).
   * @param options - `pageSize` (at most 100), `signal`, `timeoutMs` (per page request).
   * @returns An async iterable of the items (use `for await`).
   * @throws {@link CollectionError} From the iteration: `INVALID_INPUT` for an invalid id or
   * options (nothing sent), and any request failure.
   *
   * @example
   * ```ts
   * for await (const item of client.listItems(collection.id)) console.log(item.id, item.name);
   * ```
   */
  listItems(collectionId: string, options?: ListItemsOptions): AsyncIterable<CollectionItem>;
  /**
   * Previews {@link CollectionProvider.syncCollection} with the same reads (no write is sent):
   * `changes` holds the ids to add, the ids to take out and how many are already right.
   *
   * @param collectionId - The collection's id.
   * @param desiredIds - The membership wanted.
   * @param options - With `dryRun: true`.
   * @returns What the sync would do.
   * @throws {@link CollectionError} As the run.
   */
  syncCollection(collectionId: string, desiredIds: readonly string[], options: DryRun<SyncCollectionOptions>): Promise<OperationPlan>;
  /**
   * Makes the collection's membership exactly `desiredIds`: adds the missing ones, takes the
   * extras out (`removeItems` semantics), and reports the counts (or the plan, in a dry run).
   *
   * @remarks
   * Nothing is deleted: extras move back to `default` on Wickson and are unlinked on Verifik.
   * The collection is read first (`NOT_FOUND`, nothing written) and listed. Wickson's `default`
   * cannot be synced (`INVALID_INPUT`). On Verifik, when the desired set fits
   * `capabilities.maxReplaceMembers` and that is faster, one `PUT` sets the whole membership
   * and the collection is listed again to settle each id; otherwise it goes per person. With a
   * `journal`, it always goes per item.
   *
   * @param collectionId - The collection's id (Wickson: its name; Verifik: its `_id`).
   * @param desiredIds - The complete membership wanted; up to 100,000 ids.
   * @param options - `onProgress` (both phases as one job), `waitForQuota`, `journal`, `dryRun`,
   * `signal`, `timeoutMs`.
   * @returns The counts and the two phases' batch results.
   * @throws {@link CollectionError} `NOT_FOUND` when the collection does not exist;
   * `INVALID_INPUT` for an invalid id or list, or Wickson's `default`; `UNSUPPORTED` where the
   * provider cannot remove items.
   */
  syncCollection(collectionId: string, desiredIds: readonly string[], options?: SyncCollectionOptions): Promise<SyncResult>;
  /**
   * Settles the `unknown` ids of a batch result by reading the vendor's state (an item that is
   * gone was deleted; one that is in the collection was added), and returns the result with
   * them moved to `succeeded` or `failed`; ids that still cannot be read stay `unknown`.
   *
   * @remarks
   * One `getItem` per unknown id, `concurrency` at a time. Nothing else in the result changes;
   * settled ids are appended in the order `unknown` had them. "Succeeded" means the state the
   * call asked for holds: deleting an id that never existed reads back as done.
   *
   * @param result - A result of `deleteItems`, `addItems` or `removeItems` of this provider.
   * @param options - `onProgress` (per id read), `signal`, `timeoutMs`.
   * @returns A new result; the one passed is not changed.
   * @throws {@link CollectionError} `INVALID_INPUT` for a result of another provider or without
   * its `operation` (and `collectionId` for add and remove); `UNSUPPORTED` when the provider
   * cannot read items.
   *
   * @example
   * ```ts
   * let result = await client.deleteItems(ids);
   * if (result.unknown.length > 0) result = await client.reconcile(result);
   * ```
   */
  reconcile(result: BatchResult, options?: ReconcileOptions): Promise<BatchResult>;
  /**
   * The rate-limit window this client's credential is in, when known (no request is sent).
   *
   * @remarks
   * Wickson reports its window on every answer, so it is known after the first request.
   * Verifik documents no limit: `undefined` unless the config sets `quota.limit`.
   *
   * @returns The window, or `undefined` when none is known.
   * @throws {@link CollectionError} The quota store's error when it cannot be read (a Redis
   * store that is unreachable: `NETWORK`).
   */
  quotaStatus(): Promise<QuotaSnapshot | undefined>;
  /**
   * When this client's credential expires and whether the client renews it on its own, so an
   * app can warn before it runs out without knowing which vendor it talks to (no request is sent,
   * and the credential itself is never part of the answer).
   *
   * @remarks
   * Wickson's API key has no expiry: `{ renews: false }`. Verifik's token is a JWT: its `exp` is
   * `expiresAt` (after a renewal, the new token's), and `renews` is true unless the config says
   * `renewToken: false` or the token has no readable `exp`. A token given as a function is the
   * app's to manage: `{ renews: false }`, without `expiresAt`. A plug-in adapter that does not
   * implement `credentialStatus` makes this `undefined`.
   *
   * @returns The status, or `undefined` when the adapter says nothing about its credential.
   * @throws {@link CollectionError} What the adapter threw, as a `CollectionError`.
   *
   * @example
   * ```ts
   * const status = await client.credentialStatus();
   * if (status?.expiresAt && !status.renews) console.warn(`credential expires at ${status.expiresAt.toISOString()}`);
   * ```
   */
  credentialStatus(): Promise<CredentialStatus | undefined>;
}
