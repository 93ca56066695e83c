import type {
  BatchResult, Collection, CollectionItem, DeletedCollection, ProviderName,
} from './models.js';
import type {
  BatchOptions, CallOptions, CreateCollectionInput, DeleteItemsOptions, ListItemsOptions,
} from './options.js';

/** Static facts about a provider, so apps can branch before calling. */
export interface ProviderCapabilities {
  /** Whether `createCollection` is available (Wickson creates collections implicitly). */
  createCollection: boolean;
  /** `exclusive`: an item lives in one collection (add = move); `multiple`: in many. */
  membership: 'exclusive' | 'multiple';
  /** Whether deleting a collection also deletes its items. */
  deleteCascadesItems: boolean;
  /** What `deleteCollection` reports: item counts, or a snapshot of the deleted collection. */
  deleteCollectionReturns: 'counts' | 'snapshot';
  /** Ids sent per add request (0 = one request per item). */
  maxAddBatch: number;
  /** Ids sent per delete request (0 = one request per item). */
  maxDeleteBatch: number;
  maxPageSize: number;
  /** A collection that can never be deleted, if the vendor has one. */
  protectedCollectionId?: string;
}

/** The one interface every vendor adapter implements. */
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
