import { isoSeconds, type Prng } from './prng.js';
import type { WicksonSeed, WicksonSeedItem } from './types.js';

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

function byCreation(a: { createdAt: string; id: string }, b: { createdAt: string; id: string }): number {
  if (a.createdAt !== b.createdAt) return a.createdAt < b.createdAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export class WicksonState {
  private readonly items = new Map<string, MediaItem>();
  private readonly vectorIndex = new Map<string, string>();
  /** Collection id → created_at. A non-default collection lives only while it holds items. */
  private readonly collections = new Map<string, string>();

  constructor(
    seed: WicksonSeed,
    private readonly now: () => number,
    prng: Prng,
  ) {
    if (seed === null || typeof seed !== 'object' || !Array.isArray(seed.items)) {
      throw new TypeError('Wickson seed must be { items: [...] }');
    }
    const startedAt = isoSeconds(now());
    for (const raw of seed.items) this.insert(this.normalize(raw, startedAt, prng));
    for (const item of [...this.items.values()].sort(byCreation)) {
      if (!this.collections.has(item.collection)) this.collections.set(item.collection, item.createdAt);
    }
    if (!this.collections.has(DEFAULT_COLLECTION)) this.collections.set(DEFAULT_COLLECTION, startedAt);
  }

  private normalize(raw: WicksonSeedItem, startedAt: string, prng: Prng): MediaItem {
    if (typeof raw?.id !== 'string' || raw.id === '') throw new TypeError('Wickson seed item needs a non-empty id');
    if (this.resolve(raw.id) !== undefined) throw new TypeError(`duplicate Wickson seed id: ${raw.id}`);
    const collection = raw.collection ?? DEFAULT_COLLECTION;
    if (!isValidCollectionId(collection)) throw new TypeError(`invalid Wickson collection id: ${collection}`);
    const mediaType = raw.media_type ?? PREFIX_TYPES[raw.id.split('_')[0] ?? ''] ?? 'document';
    const created = raw.created_at === undefined ? Date.parse(startedAt) : Date.parse(raw.created_at);
    if (Number.isNaN(created)) throw new TypeError(`invalid created_at for ${raw.id}`);
    return {
      id: raw.id,
      vectorId: raw.vector_id ?? `vec-${prng.hex(24)}`,
      mediaType,
      filename: raw.filename ?? `${raw.id}.${EXTENSIONS[mediaType] ?? 'bin'}`,
      sizeBytes: raw.size_bytes ?? 1024,
      createdAt: isoSeconds(created),
      collection,
      summary: raw.summary ?? `${mediaType} ${raw.id}`,
    };
  }

  private insert(item: MediaItem): void {
    this.items.set(item.id, item);
    this.vectorIndex.set(item.vectorId, item.id);
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

  listCollections(): CollectionSummary[] {
    const counts = new Map<string, number>();
    for (const item of this.items.values()) counts.set(item.collection, (counts.get(item.collection) ?? 0) + 1);
    const all = [...this.collections].map(([id, createdAt]) => ({ id, createdAt, itemCount: counts.get(id) ?? 0 }));
    const rest = all.filter((c) => c.id !== DEFAULT_COLLECTION).sort(byCreation);
    const def = all.filter((c) => c.id === DEFAULT_COLLECTION);
    return [...def, ...rest];
  }

  listMedia(filter: { collection?: string; mediaType?: string } = {}): MediaItem[] {
    return [...this.items.values()]
      .filter((item) => filter.collection === undefined || item.collection === filter.collection)
      .filter((item) => filter.mediaType === undefined || item.mediaType === filter.mediaType)
      .sort(byCreation);
  }

  /** Deletes the collection and its items; returns how many items went. */
  deleteCollection(id: string): number {
    const doomed = this.listMedia({ collection: id });
    for (const item of doomed) this.remove(item);
    this.collections.delete(id);
    return doomed.length;
  }

  /** Moves every item (all already resolved, so this cannot fail half-way). */
  move(target: string, items: readonly MediaItem[]): { moved: number; already: number } {
    let moved = 0;
    for (const item of items) {
      if (item.collection === target) continue;
      item.collection = target;
      moved += 1;
    }
    if (moved > 0 && !this.collections.has(target)) this.collections.set(target, isoSeconds(this.now()));
    this.prune();
    return { moved, already: items.length - moved };
  }

  remove(item: MediaItem): void {
    this.items.delete(item.id);
    this.vectorIndex.delete(item.vectorId);
    this.prune();
  }

  /** Empty collections vanish (the list page allows it); `default` is permanent. */
  private prune(): void {
    const used = new Set<string>();
    for (const item of this.items.values()) used.add(item.collection);
    for (const id of this.collections.keys()) {
      if (id !== DEFAULT_COLLECTION && !used.has(id)) this.collections.delete(id);
    }
  }
}
