import pLimit from 'p-limit';
import { isCollectionError } from '../errors.js';
import type { AdapterCall, CollectionAdapter } from '../spec/adapter.js';
import type { Collection } from '../spec/models.js';
import { paginate } from './paginate.js';

/**
 * The adapter as a dry run sees it: its reads only, each counted and timed. No write method is
 * on it, so a plan cannot send a write even by mistake; the count is the plan's `readsSent`.
 */
export interface PlanReader extends CollectionAdapter {
  readonly reads: number;
  /** Mean time of one read so far, in ms (undefined before the first). */
  readonly meanReadMs: number | undefined;
}

export function planReader(adapter: CollectionAdapter): PlanReader {
  let reads = 0;
  let totalMs = 0;
  const timed = <A extends unknown[], R>(read: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    reads += 1;
    const started = performance.now();
    try {
      return await read.apply(adapter, args);
    } finally {
      totalMs += performance.now() - started;
    }
  };
  const { getItem, countItems } = adapter;
  return {
    provider: adapter.provider,
    capabilities: adapter.capabilities,
    listCollections: timed(adapter.listCollections),
    getCollection: timed(adapter.getCollection),
    listItemsPage: timed(adapter.listItemsPage),
    ...(getItem !== undefined ? { getItem: timed(getItem) } : {}),
    ...(countItems !== undefined ? { countItems: timed(countItems) } : {}),
    get reads() { return reads; },
    get meanReadMs() { return reads === 0 ? undefined : totalMs / reads; },
  };
}

/** A collection read, with its item count filled the way the client fills it (one more read). */
export async function collectionWithCount(reader: CollectionAdapter, collectionId: string, call: AdapterCall): Promise<Collection> {
  const collection = await reader.getCollection(collectionId, call);
  if (collection.itemCount !== undefined || reader.countItems === undefined) return collection;
  const itemCount = await reader.countItems(collectionId, call);
  return itemCount === undefined ? collection : { ...collection, itemCount };
}

/** The collection, or undefined when the vendor says it does not exist. */
export async function collectionIfAny(reader: CollectionAdapter, collectionId: string, call: AdapterCall): Promise<Collection | undefined> {
  try {
    return await reader.getCollection(collectionId, call);
  } catch (error) {
    if (isCollectionError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

/** Whether an item exists, and where it lives when the read says. */
export type ItemState = { exists: false; reason: string } | { exists: true; collectionIds: string[] | undefined };

/** Pages of one full listing: the vendors send a page count, so an empty collection is one page. */
export const listingPages = (size: number, pageSize: number): number => Math.max(1, Math.ceil(size / pageSize));

/**
 * Where each id lives, or that it does not exist, with the fewest reads: one `getItem` per id,
 * or (when membership is exclusive, so every item is in some collection) a listing of every
 * collection when the counts say that is fewer requests. An adapter without `getItem` is read
 * by listing whatever its membership: an item in no collection then looks missing (such a
 * plug-in should implement `getItem`).
 */
export async function readItemStates(
  reader: CollectionAdapter, ids: readonly string[], concurrency: number, call: AdapterCall,
): Promise<Map<string, ItemState>> {
  if (ids.length === 0) return new Map();
  const { getItem } = reader;
  if (getItem === undefined) return byListingEverything(reader, ids, call, await reader.listCollections(call));
  // A listing costs at least the collection list and one page: it can only win for 3 ids or more.
  if (reader.capabilities.membership === 'exclusive' && ids.length > 2) {
    const collections = await reader.listCollections(call);
    const counted = collections.every((c) => c.itemCount !== undefined);
    const pages = collections.reduce((sum, c) => sum + Math.ceil((c.itemCount ?? 0) / reader.capabilities.maxPageSize), 0);
    if (counted && pages < ids.length) return byListingEverything(reader, ids, call, collections);
  }
  const states = new Map<string, ItemState>();
  let undecided = false;
  const limit = pLimit(concurrency);
  await Promise.all(ids.map((id) => limit(async () => {
    if (undecided) return;
    try {
      const { collectionIds } = await getItem.call(reader, id, call);
      // An exclusive vendor's read that does not say where the item lives (Wickson's docs do not promise it).
      if (collectionIds === undefined && reader.capabilities.membership === 'exclusive') undecided = true;
      states.set(id, { exists: true, collectionIds });
    } catch (error) {
      if (!isCollectionError(error) || error.code !== 'NOT_FOUND') throw error;
      states.set(id, { exists: false, reason: error.message });
    }
  })));
  return undecided ? byListingEverything(reader, ids, call, await reader.listCollections(call)) : states;
}

async function byListingEverything(
  reader: CollectionAdapter, ids: readonly string[], call: AdapterCall, collections: readonly Collection[],
): Promise<Map<string, ItemState>> {
  const { maxPageSize } = reader.capabilities;
  const wanted = new Set(ids);
  const homes = new Map<string, string[]>();
  // A collection listed as empty has nothing to page through.
  for (const collection of collections.filter((c) => c.itemCount !== 0)) {
    const listing = paginate(maxPageSize, (page) => reader.listItemsPage(collection.id, page, maxPageSize, call));
    for await (const item of listing) {
      if (!wanted.has(item.id)) continue;
      const home = homes.get(item.id) ?? [];
      home.push(collection.id);
      homes.set(item.id, home);
    }
  }
  return new Map(ids.map((id): [string, ItemState] => {
    const home = homes.get(id);
    return [id, home === undefined ? { exists: false, reason: `item ${id} is in no collection: it does not exist` } : { exists: true, collectionIds: home }];
  }));
}
