/** The data a Verifik emulator starts from (`startEmulator({ provider: 'verifik', seed })`). */

export interface VerifikSeedCollection {
  /** 24 hex characters; generated when omitted. */
  _id?: string;
  /** A UUID; generated when omitted. */
  code?: string;
  name: string;
  description?: string;
  project?: string;
  createdAt?: string;
}

export interface VerifikSeedPerson {
  _id?: string;
  name: string;
  /** Each entry names a seeded collection by `_id`, `code` or `name` (in that order). */
  collections?: string[];
  gender?: 'M' | 'F';
  /** `YYYY-MM-DD`. */
  date_of_birth?: string;
  nationality?: string;
  createdAt?: string;
}

export interface VerifikSeed {
  collections: VerifikSeedCollection[];
  persons: VerifikSeedPerson[];
}

export function isVerifikSeed(seed: unknown): seed is VerifikSeed {
  return (
    typeof seed === 'object' &&
    seed !== null &&
    Array.isArray((seed as VerifikSeed).collections) &&
    Array.isArray((seed as VerifikSeed).persons)
  );
}
