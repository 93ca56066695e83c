import type { AdapterCapabilities } from './adapter.js';
import type {
  BatchResult, Collection, CollectionItem, DeletedCollection, ProviderName,
} from './models.js';
import type {
  AddItemsOptions, BatchOptions, CallOptions, CreateCollectionInput, DeleteItemsOptions, ListCollectionsOptions,
  ListItemsOptions, UpdateCollectionInput,
} from './options.js';

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
  deleteCollection(id: string, options?: CallOptions): Promise<DeletedCollection>;
  getItem(id: string, options?: CallOptions): Promise<CollectionItem>;
  addItems(collectionId: string, itemIds: readonly string[], options?: AddItemsOptions): Promise<BatchResult>;
  removeItems(collectionId: string, itemIds: readonly string[], options?: BatchOptions): Promise<BatchResult>;
  deleteItems(itemIds: readonly string[], options?: DeleteItemsOptions): Promise<BatchResult>;
  listItems(collectionId: string, options?: ListItemsOptions): AsyncIterable<CollectionItem>;
}
