import pLimit from 'p-limit';
import { isCollectionError } from '../errors.js';
import type { AdapterCall, CollectionAdapter } from '../spec/adapter.js';
import { paginate } from './paginate.js';

/**
 * Which of `ids` are members of a collection, read with the fewest requests: one listing of the
 * collection (⌈size / page⌉ pages) when that is cheaper than reading each item, otherwise one
 * `getItem` per id. `size` is the collection's item count when known.
 */
export async function readMembers(
  adapter: CollectionAdapter, collectionId: string, ids: readonly string[], size: number | undefined,
  concurrency: number, call: AdapterCall,
): Promise<{ members: Set<string>; notMembers: Map<string, string> }> {
  const { maxPageSize } = adapter.capabilities;
  const pages = size === undefined ? Number.POSITIVE_INFINITY : Math.max(1, Math.ceil(size / maxPageSize));
  const members = new Set<string>();
  const notMembers = new Map<string, string>();
  const getItem = adapter.getItem?.bind(adapter);
  if (getItem === undefined || pages <= ids.length) {
    const wanted = new Set(ids);
    const listing = paginate(maxPageSize, (page) => adapter.listItemsPage(collectionId, page, maxPageSize, call));
    for await (const item of listing) if (wanted.has(item.id)) members.add(item.id);
    for (const id of ids) if (!members.has(id)) notMembers.set(id, `not a member of collection ${collectionId}`);
    return { members, notMembers };
  }
  const limit = pLimit(concurrency);
  await Promise.all(ids.map((id) => limit(async () => {
    try {
      const item = await getItem(id, call);
      if (item.collectionIds?.includes(collectionId)) members.add(id);
      else notMembers.set(id, `not a member of collection ${collectionId}`);
    } catch (error) {
      if (!isCollectionError(error) || error.code !== 'NOT_FOUND') throw error;
      notMembers.set(id, error.message);
    }
  })));
  return { members, notMembers };
}
