import { isoSeconds, type Prng } from '../prng.js';
import type { WicksonSeed, WicksonSeedItem } from './wickson-seed.js';
import { MediaIndex, byCreation, type MediaFilter } from './wickson-media-index.js';

export const DEFAULT_COLLECTION = 'default';
export const MEDIA_TYPES = ['document', 'image', 'video', 'audio', 'model'] as const;

const PREFIX_TYPES: Record<string, string> = {
  doc: 'document',
  img: 'image',
  vid: 'video',
  aud: 'audio',
  mdl: 'model',
};
const EXTENSIONS: Record<string, string> = { document: 'pdf', image: 'jpg', video: 'mp4', audio: 'mp3', model: 'glb' };

/**
 * The docs never state the allowed characters. Letters, digits, `_` and `-` cover every example
 * (`default`, `research_papers`) and keep ids path-safe; anything else is a VALIDATION_ERROR.
 */
const COLLECTION_ID = /^[A-Za-z0-9_-]{1,100}$/;

export function isValidCollectionId(id: string): boolean {
  return COLLECTION_ID.test(id);
}

export interface MediaItem {
  id: string;
  vectorId: string;
  mediaType: string;
  filename: string;
  sizeBytes: number;
  /** ISO without milliseconds; sorts chronologically as a string. */
  createdAt: string;
  collection: string;
  summary: string;
}

export interface CollectionSummary {
  id: string;
  itemCount: number;
  createdAt: string;
}

export interface CollectionStats {
  itemCount: number;
  firstItemDate: string | undefined;
  lastItemDate: string | undefined;
  typeCounts: Map<string, number>;
}

/**
 * All items of the one account the emulator stands for. Items are never created after
 * seeding, and their `createdAt` and `id` never change, so the listing order is fixed; the
 * index keeps it per filter, and every operation costs what it touches (see MediaIndex).
 */
export class WicksonState {
  private readonly items = new Map<string, MediaItem>();
  private readonly vectorIndex = new Map<string, string>();
  private readonly index: MediaIndex<MediaItem>;
  /** Collection id → created_at. A non-default collection lives only while it holds items. */
  private readonly collections = new Map<string, string>();

  constructor(
    seed: WicksonSeed,
    private readonly now: () => number,
    prng: Prng,
    indexOptions: { maxChunk?: number } = {},
  ) {
    this.index = new MediaIndex(indexOptions.maxChunk);
    if (seed === null || typeof seed !== 'object' || !Array.isArray(seed.items)) {
      throw new TypeError('Wickson seed must be { items: [...] }');
    }
    const startedAt = isoSeconds(now());
    const ordered: MediaItem[] = [];
    for (const raw of seed.items) {
      const item = this.normalize(raw, startedAt, prng);
      this.items.set(item.id, item);
      this.vectorIndex.set(item.vectorId, item.id);
      ordered.push(item);
    }
    // Seeds are usually built in date order: checking is linear, sorting only when needed.
    if (!isSorted(ordered)) ordered.sort(byCreation);
    for (const item of ordered) {
      // In date order every add is an append, and the first item of a collection dates it.
      this.index.add(item);
      if (!this.collections.has(item.collection)) this.collections.set(item.collection, item.createdAt);
    }
    if (!this.collections.has(DEFAULT_COLLECTION)) this.collections.set(DEFAULT_COLLECTION, startedAt);
  }

  /** Index work done so far (see WorkMeter); tests read it to bound the cost of a request. */
  get workSteps(): number {
    return this.index.meter.steps;
  }

  private normalize(raw: WicksonSeedItem, startedAt: string, prng: Prng): MediaItem {
    if (typeof raw?.id !== 'string' || raw.id === '') throw new TypeError('Wickson seed item needs a non-empty id');
    if (this.items.has(raw.id) || this.vectorIndex.has(raw.id)) throw new TypeError(`duplicate Wickson seed id: ${raw.id}`);
    const collection = raw.collection ?? DEFAULT_COLLECTION;
    if (!isValidCollectionId(collection)) throw new TypeError(`invalid Wickson collection id: ${collection}`);
    const mediaType = raw.media_type ?? PREFIX_TYPES[raw.id.split('_')[0] ?? ''] ?? 'document';
    const createdAt = raw.created_at === undefined ? startedAt : seedTimestamp(raw.created_at);
    if (createdAt === undefined) throw new TypeError(`invalid created_at for ${raw.id}`);
    return {
      id: raw.id,
      vectorId: raw.vector_id ?? `vec-${prng.hex(24)}`,
      mediaType,
      filename: raw.filename ?? `${raw.id}.${EXTENSIONS[mediaType] ?? 'bin'}`,
      sizeBytes: raw.size_bytes ?? 1024,
      createdAt,
      collection,
      summary: raw.summary ?? `${mediaType} ${raw.id}`,
    };
  }

  /** Media ids and `vec-` vector ids both name an item (the add-items page says so). */
  resolve(id: string): MediaItem | undefined {
    return this.items.get(id) ?? this.items.get(this.vectorIndex.get(id) ?? '');
  }

  get(mediaId: string): MediaItem | undefined {
    return this.items.get(mediaId);
  }

  hasCollection(id: string): boolean {
    return this.collections.has(id);
  }

  /** `default` first, then by creation. Costs the number of collections, not items. */
  listCollections(): CollectionSummary[] {
    const all = [...this.collections].map(([id, createdAt]) => ({ id, createdAt, itemCount: this.index.count({ collection: id }) }));
    const rest = all.filter((c) => c.id !== DEFAULT_COLLECTION).sort(byCreation);
    const def = all.filter((c) => c.id === DEFAULT_COLLECTION);
    return [...def, ...rest];
  }

  /** One page of the listing order under a filter, and how many items match in all. */
  pageMedia(filter: MediaFilter, start: number, count: number): { items: MediaItem[]; total: number } {
    const set = this.index.select(filter);
    return { items: set?.slice(start, count) ?? [], total: set?.size ?? 0 };
  }

  collectionStats(id: string): CollectionStats {
    const set = this.index.select({ collection: id });
    return {
      itemCount: set?.size ?? 0,
      firstItemDate: set?.at(0)?.createdAt,
      lastItemDate: set?.at(set.size - 1)?.createdAt,
      typeCounts: this.index.typeCounts(id),
    };
  }

  /** Deletes the collection and its items; returns how many items went. */
  deleteCollection(id: string): number {
    const set = this.index.select({ collection: id });
    const doomed = set?.slice(0, set.size) ?? [];
    for (const item of doomed) this.remove(item);
    this.collections.delete(id);
    return doomed.length;
  }

  /** Moves every item (all already resolved, so this cannot fail half-way). */
  move(target: string, items: readonly MediaItem[]): { moved: number; already: number } {
    const sources = new Set<string>();
    let moved = 0;
    for (const item of items) {
      if (item.collection === target) continue;
      sources.add(item.collection);
      this.index.move(item, target);
      moved += 1;
    }
    if (moved > 0 && !this.collections.has(target)) this.collections.set(target, isoSeconds(this.now()));
    for (const source of sources) this.pruneIfEmpty(source);
    return { moved, already: items.length - moved };
  }

  remove(item: MediaItem): void {
    this.items.delete(item.id);
    this.vectorIndex.delete(item.vectorId);
    this.index.remove(item);
    this.pruneIfEmpty(item.collection);
  }

  /** Empty collections vanish (the list page allows it); `default` is permanent. */
  private pruneIfEmpty(id: string): void {
    if (id !== DEFAULT_COLLECTION && this.index.count({ collection: id }) === 0) this.collections.delete(id);
  }
}

/**
 * Seeds of a million items spend most of their start-up formatting dates, so a value already
 * in the served form is kept as is. Only days 29-31 and hour 24 can roll over into another
 * date when parsed; those, and every other form, go through the parser.
 */
const SERVED_FORM = /^\d{4}-(?:0[1-9]|1[0-2])-(?:0[1-9]|1\d|2[0-8])T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/;

function seedTimestamp(value: string): string | undefined {
  if (SERVED_FORM.test(value)) return value;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : isoSeconds(ms);
}

function isSorted(items: readonly MediaItem[]): boolean {
  for (let i = 1; i < items.length; i += 1) {
    if (byCreation(items[i - 1] as MediaItem, items[i] as MediaItem) > 0) return false;
  }
  return true;
}
