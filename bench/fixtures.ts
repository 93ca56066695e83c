/**
 * The data both sides of the bench agree on: ids and credentials the parent sends, and the
 * seeds the server child builds from a small spec (a 100 000-item seed is generated in the
 * child rather than sent over argv).
 */

export const WICKSON_KEY = 'bench-key';
export const VERIFIK_TOKEN = 'bench-token';

/** The emulator credential each vendor's bench clients send, looked up by provider. */
export const SERVER_CREDENTIALS = { wickson: { apiKey: WICKSON_KEY }, verifik: { token: VERIFIK_TOKEN } } as const;
export const WICKSON_COLLECTION = 'bench';
export const VERIFIK_COLLECTION_ID = 'c'.repeat(24);

export type SeedSpec =
  | { kind: 'wickson-items'; count: number }
  | { kind: 'verifik-persons'; count: number };

export interface ServerSpec {
  provider: 'wickson' | 'verifik';
  latencyMs: number;
  seed: SeedSpec;
  /** The emulator's per-credential window (the quota section). */
  rateLimit?: { limit: number; windowMs: number };
}

export function wicksonIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `doc_bench_${i}`);
}

/** Verifik ids are 24 hex characters. */
export function verifikPersonIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => (0x65b900000000 + i).toString(16).padStart(24, '0'));
}

/** Persons start in no collection, so adding each one is a real read + write. */
export function buildSeed(spec: SeedSpec): unknown {
  if (spec.kind === 'wickson-items') {
    return { items: wicksonIds(spec.count).map((id) => ({ id, collection: WICKSON_COLLECTION })) };
  }
  return {
    collections: [{ _id: VERIFIK_COLLECTION_ID, name: 'bench' }],
    persons: verifikPersonIds(spec.count).map((_id, i) => ({ _id, name: `Person ${i}` })),
  };
}
