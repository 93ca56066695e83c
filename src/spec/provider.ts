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
import type { QuotaSnapshot } from './quota.js';

/** `T` with `dryRun: true` required: the overloads that return a plan. */
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
 */
export interface CollectionProvider {
  readonly provider: ProviderName;
  readonly capabilities: ProviderCapabilities;
  listCollections(options?: ListCollectionsOptions): Promise<Collection[]>;
  getCollection(id: string, options?: CallOptions): Promise<Collection>;
  createCollection(input: CreateCollectionInput, options?: CallOptions): Promise<Collection>;
  updateCollection(id: string, input: UpdateCollectionInput, options?: CallOptions): Promise<Collection>;
  deleteCollection(id: string, options: DryRun<DeleteCollectionOptions>): Promise<OperationPlan>;
  deleteCollection(id: string, options?: DeleteCollectionOptions): Promise<DeletedCollection>;
  getItem(id: string, options?: CallOptions): Promise<CollectionItem>;
  addItems(collectionId: string, itemIds: readonly string[], options: DryRun<AddItemsOptions>): Promise<OperationPlan>;
  addItems(collectionId: string, itemIds: readonly string[], options?: AddItemsOptions): Promise<BatchResult>;
  removeItems(collectionId: string, itemIds: readonly string[], options: DryRun<RemoveItemsOptions>): Promise<OperationPlan>;
  removeItems(collectionId: string, itemIds: readonly string[], options?: RemoveItemsOptions): Promise<BatchResult>;
  deleteItems(itemIds: readonly string[], options: DryRun<DeleteItemsOptions>): Promise<OperationPlan>;
  deleteItems(itemIds: readonly string[], options?: DeleteItemsOptions): Promise<BatchResult>;
  listItems(collectionId: string, options?: ListItemsOptions): AsyncIterable<CollectionItem>;
  /**
   * Makes the collection's membership exactly `desiredIds`: adds the missing ones, takes the
   * extras out (`removeItems` semantics), and reports the counts (or the plan, in a dry run).
   */
  syncCollection(collectionId: string, desiredIds: readonly string[], options: DryRun<SyncCollectionOptions>): Promise<OperationPlan>;
  syncCollection(collectionId: string, desiredIds: readonly string[], options?: SyncCollectionOptions): Promise<SyncResult>;
  /**
   * Settles the `unknown` ids of a batch result by reading the vendor's state (an item that is
   * gone was deleted; one that is in the collection was added), and returns the result with
   * them moved to `succeeded` or `failed`; ids that still cannot be read stay `unknown`.
   */
  reconcile(result: BatchResult, options?: ReconcileOptions): Promise<BatchResult>;
  /** The rate-limit window this client's credential is in, when known (no request is sent). */
  quotaStatus(): Promise<QuotaSnapshot | undefined>;
}
