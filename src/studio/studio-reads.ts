import { isCollectionError, type CollectionProvider } from '../index.js';
import { StudioHttpError } from './studio-http.js';
import type { StudioProvider } from './studio-provider.js';
import { collectionView, credentialView, itemView, quotaView } from './studio-views.js';

// What the page reads that takes more than one library call: the overview, and a page of items
// by offset.

/** The page sizes the page offers. */
const PAGE_LIMITS = new Set([25, 50, 100, 250, 500]);

/** Every provider side by side; one that fails to answer shows its error, the others still show. */
export async function overview(providers: Iterable<StudioProvider>) {
  return Promise.all([...providers].map(async (provider) => {
    const { client } = provider;
    const capabilities = client.capabilities;
    const base = {
      name: provider.name,
      displayName: provider.displayName,
      emulator: provider.emulator,
      capabilities: {
        membership: capabilities.membership,
        removeItems: capabilities.removeItems,
        deleteCascadesItems: capabilities.deleteCascadesItems,
        updateCollection: capabilities.updateCollection,
        getItem: capabilities.getItem,
        ...(capabilities.protectedCollectionId === undefined ? {} : { protectedCollectionId: capabilities.protectedCollectionId }),
      },
    };
    let listed: { collections: ReturnType<typeof collectionView>[] } | { error: { code: string; message: string } };
    try {
      const collections = await client.listCollections({ withItemCounts: true });
      listed = { collections: collections.map((collection) => collectionView(collection, client)) };
    } catch (error) {
      if (!isCollectionError(error)) throw error;
      listed = { error: { code: error.code, message: error.message } };
    }
    // Read after the listing: a vendor reports its quota in the answers' headers.
    const quota = quotaView(await client.quotaStatus().catch(() => undefined));
    const credential = credentialView(await client.credentialStatus().catch(() => undefined));
    return {
      ...base,
      ...listed,
      ...(quota === undefined ? {} : { quota }),
      ...(credential === undefined ? {} : { credential }),
    };
  }));
}

/** One page of a collection's items by offset, read through the library's pager. */
export async function itemsPage(client: CollectionProvider, collectionId: string, query: URLSearchParams, signal: AbortSignal) {
  const offset = Number(query.get('offset') ?? '0');
  const limit = Number(query.get('limit') ?? '50');
  if (!Number.isSafeInteger(offset) || offset < 0) throw new StudioHttpError(400, 'STUDIO_BAD_REQUEST', 'offset must be a non-negative integer');
  if (!PAGE_LIMITS.has(limit)) throw new StudioHttpError(400, 'STUDIO_BAD_REQUEST', `limit must be one of ${[...PAGE_LIMITS].join(', ')}`);
  // The vendor's largest pages: reaching an offset costs the fewest requests.
  const pageSize = client.capabilities.maxPageSize;
  const items = [];
  let index = 0;
  let hasMore = false;
  for await (const item of client.listItems(collectionId, { pageSize, signal })) {
    if (index >= offset + limit) {
      hasMore = true;
      break;
    }
    if (index >= offset) items.push(itemView(item));
    index += 1;
  }
  return { items, offset, limit, hasMore };
}
