import type { Collection, CollectionItem } from '../../spec/models.js';
import type { VerifikCollectionDto, VerifikPersonDto } from './verifik-schemas.js';
import { toDate } from '../shared/to-date.js';

/** Pure translations from Verifik's DTOs to the spec types. No I/O here. */

export { mapVerifikError, verifikVendorToken } from './verifik-errors.js';

const PROVIDER = 'verifik';

/**
 * The untouched vendor value under `data` (or one element of it). Schemas strip unknown keys,
 * so `raw` must come from the parsed body rather than from the validated DTO.
 */
export function rawData(body: unknown): unknown {
  return typeof body === 'object' && body !== null ? (body as { data?: unknown }).data : undefined;
}

export function rawDataAt(body: unknown, index: number): unknown {
  const data = rawData(body);
  return Array.isArray(data) ? data[index] : undefined;
}

export function mapCollection(dto: VerifikCollectionDto, raw: unknown): Collection {
  const collection: Collection = {
    provider: PROVIDER,
    id: dto._id,
    name: dto.name ?? '',
    // Verifik has no default collection (only per-project ones, which are ordinary records).
    isDefault: false,
    raw,
  };
  if (typeof dto.description === 'string') collection.description = dto.description;
  if (typeof dto.code === 'string' && dto.code !== '') collection.engineId = dto.code;
  const createdAt = toDate(dto.createdAt);
  const updatedAt = toDate(dto.updatedAt);
  if (createdAt) collection.createdAt = createdAt;
  if (updatedAt) collection.updatedAt = updatedAt;
  // itemCount stays undefined: Verifik reports no count, and fetching one per collection would
  // cost a billed call each.
  return collection;
}

/** Ids of a person's collections, whether the server sent ids or populated objects. */
export function membershipIds(entries: ReadonlyArray<string | { _id: string }> | null | undefined): string[] {
  if (!entries) return [];
  const ids = entries.map((entry) => (typeof entry === 'string' ? entry : entry._id));
  return [...new Set(ids)];
}

export function mapPerson(dto: VerifikPersonDto, raw: unknown): CollectionItem {
  const item: CollectionItem = { provider: PROVIDER, id: dto._id, raw };
  if (typeof dto.name === 'string') item.name = dto.name;
  if (dto.collections) item.collectionIds = membershipIds(dto.collections);
  const createdAt = toDate(dto.createdAt);
  if (createdAt) item.createdAt = createdAt;
  return item;
}
