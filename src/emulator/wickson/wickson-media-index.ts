import { OrderedIndex, WorkMeter } from '../ordered-index.js';

/** The fields the index reads; `collection` is the only one that changes while indexed. */
export interface IndexedMedia {
  id: string;
  mediaType: string;
  collection: string;
  /** ISO without milliseconds; sorts chronologically as a string. */
  createdAt: string;
}

export interface MediaFilter {
  collection?: string;
  mediaType?: string;
}

/** The listing order: oldest first, ties by id, so every page boundary is stable. */
export function byCreation(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * One ordered index per filter the list endpoint accepts (none, collection, media type, both),
 * so a page is sliced from a ready ordered set instead of filtering and sorting the store.
 * Each item sits in four of them; a move touches the two collection-specific ones.
 */
export class MediaIndex<T extends IndexedMedia> {
  readonly meter = new WorkMeter();
  private readonly sets = new Map<string, OrderedIndex<T>>();
  /** Only tests change it (see OrderedIndexOptions). */
  constructor(private readonly maxChunk?: number) {}

  /** Every media type ever indexed: few, and enough to answer a collection's type counts. */
  private readonly types = new Set<string>();

  add(item: T): void {
    this.types.add(item.mediaType);
    for (const key of keysOf(item.collection, item.mediaType)) this.setFor(key).add(item);
  }

  remove(item: T): void {
    for (const key of keysOf(item.collection, item.mediaType)) this.drop(key, item);
  }

  /** Re-files an item under another collection; only the collection-specific sets change. */
  move(item: T, target: string): void {
    this.drop(collectionKey(item.collection), item);
    this.drop(pairKey(item.collection, item.mediaType), item);
    item.collection = target;
    this.setFor(collectionKey(target)).add(item);
    this.setFor(pairKey(target, item.mediaType)).add(item);
  }

  /** The ordered set matching a filter; undefined when nothing matches. */
  select(filter: MediaFilter): OrderedIndex<T> | undefined {
    const { collection, mediaType } = filter;
    if (collection !== undefined && mediaType !== undefined) return this.sets.get(pairKey(collection, mediaType));
    if (collection !== undefined) return this.sets.get(collectionKey(collection));
    if (mediaType !== undefined) return this.sets.get(typeKey(mediaType));
    return this.sets.get(ALL);
  }

  count(filter: MediaFilter): number {
    return this.select(filter)?.size ?? 0;
  }

  /** Item counts per media type in one collection (types with no item left out). */
  typeCounts(collection: string): Map<string, number> {
    const counts = new Map<string, number>();
    for (const type of this.types) {
      const n = this.count({ collection, mediaType: type });
      if (n > 0) counts.set(type, n);
    }
    return counts;
  }

  private setFor(key: string): OrderedIndex<T> {
    let set = this.sets.get(key);
    if (set === undefined) {
      set = new OrderedIndex<T>(byCreation, { meter: this.meter, maxChunk: this.maxChunk });
      this.sets.set(key, set);
    }
    return set;
  }

  /** Empty sets go, so collections that come and go leave nothing behind. */
  private drop(key: string, item: T): void {
    const set = this.sets.get(key);
    if (set === undefined) return;
    set.delete(item);
    if (set.size === 0) this.sets.delete(key);
  }
}

// Collection ids match [A-Za-z0-9_-], so a NUL never occurs inside one and the keys cannot collide.
const ALL = '*';
const collectionKey = (collection: string): string => `c\0${collection}`;
const typeKey = (type: string): string => `t\0${type}`;
const pairKey = (collection: string, type: string): string => `ct\0${collection}\0${type}`;

function keysOf(collection: string, type: string): string[] {
  return [ALL, collectionKey(collection), typeKey(type), pairKey(collection, type)];
}
