import type { AdapterCapabilities } from './adapter.js';
import type {
  BatchResult, Collection, CollectionItem, DeletedCollection, ProviderName,
} from './models.js';
import type {
  BatchOptions, CallOptions, CreateCollectionInput, DeleteItemsOptions, ListItemsOptions,
} from './options.js';

/**
 * Static facts about a provider, so apps can branch before calling: the adapter's declared
 * capabilities (which the core reads to chunk and serialize) plus what the core derives.
 */
export interface ProviderCapabilities extends AdapterCapabilities {
  /** Whether `createCollection` is available (Wickson creates collections implicitly). */
  createCollection: boolean;
}

/**
 * The client every app codes against, whatever the vendor: what `createCollectionClient`
 * returns (the core wrapped around the vendor's adapter).
 */
export interface CollectionProvider {
  readonly provider: ProviderName;
  readonly capabilities: ProviderCapabilities;
  listCollections(options?: CallOptions): Promise<Collection[]>;
  getCollection(id: string, options?: CallOptions): Promise<Collection>;
  createCollection(input: CreateCollectionInput, options?: CallOptions): Promise<Collection>;
  deleteCollection(id: string, options?: CallOptions): Promise<DeletedCollection>;
  addItems(collectionId: string, itemIds: readonly string[], options?: BatchOptions): Promise<BatchResult>;
  deleteItems(itemIds: readonly string[], options?: DeleteItemsOptions): Promise<BatchResult>;
  listItems(collectionId: string, options?: ListItemsOptions): AsyncIterable<CollectionItem>;
}
