import pLimit from 'p-limit';
import { isCollectionError } from '../errors.js';
import type { AdapterCall, CollectionAdapter } from '../spec/adapter.js';
import { paginate } from './paginate.js';

/** Ids that are not members of the collection, each with the reason. */
export type NonMembers = Map<string, string>;

const notAMember = (collectionId: string) => `not a member of collection ${collectionId}`;

/**
 * Which of `ids` are not members of a collection, read with the fewest requests: one listing of
 * the collection (⌈size / page⌉ pages) when that is cheaper than reading each item, otherwise one
 * `getItem` per id. An item read that does not say where the item lives (Wickson's docs do not
 * promise it) falls back to the listing, rather than calling a member a stranger.
 */
export async function readNonMembers(
  adapter: CollectionAdapter, collectionId: string, ids: readonly string[], size: number | undefined,
  concurrency: number, call: AdapterCall,
): Promise<NonMembers> {
  const pages = size === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(size / adapter.capabilities.maxPageSize));
  if (adapter.getItem === undefined || pages <= ids.length) return byListing(adapter, collectionId, ids, call);
  const getItem = adapter.getItem.bind(adapter);
  const nonMembers: NonMembers = new Map();
  let undecided = false;
  const limit = pLimit(concurrency);
  await Promise.all(ids.map((id) => limit(async () => {
    if (undecided) return;
    try {
      const { collectionIds } = await getItem(id, call);
      if (collectionIds === undefined) undecided = true;
      else if (!collectionIds.includes(collectionId)) nonMembers.set(id, notAMember(collectionId));
    } catch (error) {
      if (!isCollectionError(error) || error.code !== 'NOT_FOUND') throw error;
      nonMembers.set(id, error.message);
    }
  })));
  return undecided ? byListing(adapter, collectionId, ids, call) : nonMembers;
}

async function byListing(adapter: CollectionAdapter, collectionId: string, ids: readonly string[], call: AdapterCall): Promise<NonMembers> {
  const { maxPageSize } = adapter.capabilities;
  const wanted = new Set(ids);
  const listing = paginate(maxPageSize, (page) => adapter.listItemsPage(collectionId, page, maxPageSize, call));
  for await (const item of listing) wanted.delete(item.id);
  return new Map([...wanted].map((id) => [id, notAMember(collectionId)]));
}
